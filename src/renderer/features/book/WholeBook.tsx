import type { BookDetail, MarkingScheme } from '../../../shared/contract';
import { plural } from '../../lib/format';
import { CardBody } from './CardBody';

/**
 * Every section of the book in one scroll, in print order (docs/ux.md, "Book"): to read the
 * book through as the principal will. Cards open on a click, Enter or a double click; moving
 * and removing stay in the one-section view, which "Show only this section" returns to.
 */
export function WholeBook({ detail, scheme, onOpenItem, onSection }: { detail: BookDetail; scheme: MarkingScheme | undefined; onOpenItem: (itemId: string) => void; onSection: (sectionId: string) => void }) {
  return (
    <section className="section-pane whole-book" aria-label="The whole book">
      {detail.sections.map((section) => (
        <section key={section.id} className="whole-section" aria-labelledby={`whole-${section.id}`} data-section-id={section.id}>
          <div className="section-head">
            <h2 id={`whole-${section.id}`} title={section.title}>
              {section.title}
            </h2>
            <span className="muted">{plural(section.items.length, 'item')}</span>
            <span className="grow" />
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
      ))}
    </section>
  );
}
