/**
 * "Changes since …" for a book (docs/ux.md): pick one of its PDF editions (the last by default)
 * and read what was added, edited (word by word, and the marking change), moved and removed
 * since. Insertions and deletions are marked by underline and strike-through and said in words to
 * a screen reader, never by colour alone.
 */
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ChangeSet, ChangesSince, FieldDiff, ItemPlace } from '../../../shared/changes';
import { Dialog } from '../../components/Dialog';
import { apiQuery, errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';

function Diff({ diff }: { diff: FieldDiff }) {
  return (
    <div className="change-diff">
      <span className="change-field">{diff.field}: </span>
      {diff.parts.map((part, i) =>
        part.op === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.op === 'deleted' ? (
          <del key={i} title="taken out">
            <span className="visually-hidden">[taken out: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <ins key={i} title="put in">
            <span className="visually-hidden">[put in: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </div>
  );
}

const where = (place: ItemPlace) => `${place.sectionTitle}, item ${place.position + 1}`;

function Head({ item }: { item: { id: string; title: string; mark: string } }) {
  return (
    <span className="change-head">
      {item.mark !== '' && <span className="change-mark">{item.mark} </span>}
      <span className="change-title">{item.title}</span>
    </span>
  );
}

function Group({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    <section className="change-group" aria-label={`${title}: ${plural(count, 'item')}`}>
      <h3>
        {title} <span className="muted">({count})</span>
      </h3>
      {count === 0 ? <p className="muted">None.</p> : <ul>{children}</ul>}
    </section>
  );
}

function ChangeList({ changes }: { changes: ChangeSet }) {
  return (
    <div className="change-list">
      <Group title="Added" count={changes.added.length}>
        {changes.added.map((item) => (
          <li key={item.id}>
            <Head item={item} /> <span className="muted">— new in {where(item.place)}</span>
          </li>
        ))}
      </Group>
      <Group title="Edited" count={changes.edited.length}>
        {changes.edited.map((item) => (
          <li key={item.id}>
            <Head item={item} /> <span className="muted">— version {item.fromVersion} to {item.toVersion}</span>
            {item.marking !== null && (
              <div className="change-marking">
                Marking: {item.marking.from} → {item.marking.to}
              </div>
            )}
            {item.diffs.map((diff) => (
              <Diff key={diff.field} diff={diff} />
            ))}
            {item.marking === null && item.diffs.length === 0 && <div className="muted">Other printed details changed (kind, sources or pocket-card line).</div>}
          </li>
        ))}
      </Group>
      {changes.movesKnown ? (
        <Group title="Moved" count={changes.moved.length}>
          {changes.moved.map((item) => (
            <li key={item.id}>
              <Head item={item} /> <span className="muted">— from {where(item.from)} to {where(item.to)}</span>
            </li>
          ))}
        </Group>
      ) : (
        <section className="change-group" aria-label="Moved: not known">
          <h3>Moved</h3>
          <p className="muted">Not known: that edition was exported before Briefbook kept a book’s sections in the export log.</p>
        </section>
      )}
      <Group title="Removed" count={changes.removed.length}>
        {changes.removed.map((item) => (
          <li key={item.id}>
            <Head item={item} />
            {item.from !== null && <span className="muted"> — was in {where(item.from)}</span>}
          </li>
        ))}
      </Group>
    </div>
  );
}

export function ChangesDialog({ bookId, bookTitle, onClose }: { bookId: string; bookTitle: string; onClose: () => void }) {
  const [since, setSince] = useState<ChangesSince>('last');
  const query = useQuery({ ...apiQuery('books.changesSince', { bookId, since }), placeholderData: (previous) => previous });
  const changes = query.data;
  return (
    <Dialog
      title={`Changes in “${bookTitle}”`}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      }
    >
      {query.isError ? (
        <p role="alert">{errorMessage(query.error)}</p>
      ) : changes === undefined ? (
        <p className="muted">Comparing…</p>
      ) : (
        <>
          <label className="field">
            <span>Since the edition</span>
            <select value={since === 'last' ? 'last' : String(since)} onChange={(e) => setSince(e.target.value === 'last' ? 'last' : Number(e.target.value))}>
              {changes.editions.map((edition, i) => (
                <option key={edition.exportId} value={i === 0 ? 'last' : String(edition.exportId)}>
                  {formatDateTime(edition.exportedAt)} — {edition.fileName}
                  {i === 0 ? ' (the last)' : ''}
                </option>
              ))}
            </select>
          </label>
          <ChangeList changes={changes} />
        </>
      )}
    </Dialog>
  );
}
