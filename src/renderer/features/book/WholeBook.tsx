import type { BookDetail, MarkingScheme, SectionDetail } from '../../../shared/contract';
import { plural } from '../../lib/format';
import { CardBody } from './CardBody';
import { useFileDropTarget } from './file-drop';
import type { WordImport } from './word-import';

/**
 * Every section of the book in one scroll, in print order (docs/ux.md, "Book"): to read the
 * book through as the principal will. Cards open on a click, Enter or a double click; moving
 * and removing stay in the one-section view, which "Show only this section" returns to. Each
 * section takes a Word paper as the one-section view does (docs/ux.md, "Word papers"): a .docx
 * dropped on it, or its "Import Word file…".
 */
export function WholeBook({ detail, scheme, readOnly, dropFileOn, onImportWord, onOpenItem, onSection }: { detail: BookDetail; scheme: MarkingScheme | undefined; readOnly: boolean; dropFileOn: WordImport['dropOn']; onImportWord: WordImport['choose']; onOpenItem: (itemId: string) => void; onSection: (sectionId: string) => void }) {
  return (
    <section className="section-pane whole-book" aria-label="The whole book">
      {detail.sections.map((section) => (
        <WholeSection key={section.id} section={section} scheme={scheme} readOnly={readOnly} dropFileOn={dropFileOn} onImportWord={onImportWord} onOpenItem={onOpenItem} onSection={onSection} />
      ))}
    </section>
  );
}

function WholeSection({ section, scheme, readOnly, dropFileOn, onImportWord, onOpenItem, onSection }: { section: SectionDetail; scheme: MarkingScheme | undefined; readOnly: boolean; dropFileOn: WordImport['dropOn']; onImportWord: WordImport['choose']; onOpenItem: (itemId: string) => void; onSection: (sectionId: string) => void }) {
  // a Word file dragged from the desktop onto the section goes into it
  const drop = useFileDropTarget((onOver) => dropFileOn(section.id, onOver));
  return (
    <section className={`whole-section ${drop.over ? 'file-over' : ''}`} aria-labelledby={`whole-${section.id}`} data-section-id={section.id} {...drop.handlers}>
      <div className="section-head">
        <h2 id={`whole-${section.id}`} title={section.title}>
          {section.title}
        </h2>
        <span className="muted">{plural(section.items.length, 'item')}</span>
        <span className="grow" />
        <button type="button" className="ghost" disabled={readOnly} onClick={() => onImportWord(section.id)} title="Each heading of a Word paper becomes an item; a .docx dropped here does the same">
          Import Word file…
        </button>
        <button type="button" className="ghost" onClick={() => onSection(section.id)}>
          Show only this section
        </button>
      </div>
      {section.items.length === 0 ? (
        <p className="muted whole-empty">No items yet.</p>
      ) : (
        <ol className="cards" aria-label={`Items in ${section.title}`}>
          {section.items.map((item, index) => (
            <li
              key={item.id}
              className={`card kind-${item.kind}`}
              data-item-id={item.id}
              tabIndex={0}
              aria-label={`${index + 1}. ${item.title}`}
              onDoubleClick={() => onOpenItem(item.id)}
              onKeyDown={(e) => {
                if (e.target === e.currentTarget && e.key === 'Enter') {
                  e.preventDefault();
                  onOpenItem(item.id);
                }
              }}
            >
              <span className="stripe" aria-hidden="true" />
              <CardBody item={item} scheme={scheme} onOpen={() => onOpenItem(item.id)} titleTabStop={false} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
