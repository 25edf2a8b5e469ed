import type { BookDetail, MarkingScheme } from '../../../shared/contract';
import { KindLabel, StatusLabel } from '../../components/Kind';
import { PortionMark } from '../../components/Marking';
import { plural } from '../../lib/format';

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
                  <div className="card-main">
                    <div className="card-line">
                      <PortionMark scheme={scheme} item={item} />
                      <button type="button" className="card-title link-plain" tabIndex={-1} onClick={() => onOpenItem(item.id)} title={item.title}>
                        {item.title}
                      </button>
                    </div>
                    <div className="card-meta">
                      <KindLabel kind={item.kind} />
                      <StatusLabel status={item.status} />
                      {item.excerpt !== '' && (
                        <span className="card-excerpt" title={item.excerpt}>
                          {item.excerpt}
                        </span>
                      )}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </section>
  );
}
