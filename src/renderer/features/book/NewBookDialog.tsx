import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { STANDARD_SECTIONS } from '../../../shared/book-template';
import { Dialog } from '../../components/Dialog';
import { apiKey, apiQuery, call } from '../../lib/api';
import { invalidate } from '../../lib/invalidate';
import { formatDay } from '../../lib/format';
import { notifyError } from '../../lib/notices';
import { trackWrite } from '../../lib/save-status';
import { AFTER_ITEM_GONE, BOOK_TITLE } from '../../lib/focus-target';
import { appUndo } from '../../lib/undo-stack';
import { LIMITS } from '../../../shared/domain';

/** A new book, empty or from an existing one: the next summit starts from the last. */
export function NewBookDialog({ fromBookId, onClose, onCreated }: { fromBookId: string | null; onClose: () => void; onCreated: (bookId: string) => void }) {
  const client = useQueryClient();
  const books = useQuery(apiQuery('books.list', {}));
  const [title, setTitle] = useState('');
  const [source, setSource] = useState<string>(fromBookId ?? '');
  // an empty book starts with the template sections picked here, none unless picked
  const [sections, setSections] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const name = title.trim();
    if (name === '') return;
    setBusy(true);
    try {
      let bookId = '';
      const make = async () => {
        const detail = await trackWrite(() => (source === '' ? call('books.create', { title: name, sections: STANDARD_SECTIONS.filter((s) => sections.includes(s)) }) : call('books.duplicate', { id: source, title: name })));
        bookId = detail.book.id;
        client.setQueryData(apiKey('books.get', { id: bookId }), detail);
        await invalidate(client, source === '' ? 'books.create' : 'books.duplicate', apiKey('books.get', { id: bookId }));
      };
      await make();
      let undoText = '';
      appUndo.record({
        label: `New book “${name}”`,
        undo: async () => {
          undoText = (await trackWrite(() => call('books.delete', { id: bookId }))).text;
          await invalidate(client, 'books.delete');
        },
        redo: async () => {
          await trackWrite(() => call('library.import', { text: undoText, restoreDeleted: true }));
          await invalidate(client, 'library.import');
        },
        focus: (done) => (done === 'redo' ? { place: { book: bookId }, selector: BOOK_TITLE } : { place: { library: true }, selector: AFTER_ITEM_GONE }),
      });
      onCreated(bookId);
    } catch (error) {
      notifyError(error, 'Could not create the book');
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New book"
      onClose={onClose}
      unsaved={!busy && (title.trim() !== '' || sections.length > 0)}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-book-form" className="primary" disabled={busy || title.trim() === ''}>
            Create book
          </button>
        </>
      }
    >
      <form
        id="new-book-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>Title</span>
          <input autoFocus value={title} maxLength={LIMITS.title} placeholder="e.g. Summit with the Prime Minister, Tokyo" onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>Start from</span>
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">An empty book</option>
            {books.data?.map((b) => (
              <option key={b.id} value={b.id}>
                A copy of “{b.title}”{b.meetingDate ? ` (${formatDay(b.meetingDate)})` : ''}
              </option>
            ))}
          </select>
          <small>A copy keeps the meeting details, sections and the same library items, so edits to an item show in both books.</small>
        </label>
        {source === '' && (
          <fieldset className="template-sections">
            <legend>Sections to start with (all optional; more can be added later)</legend>
            {STANDARD_SECTIONS.map((title) => (
              <label key={title} className="check">
                <input
                  type="checkbox"
                  checked={sections.includes(title)}
                  onChange={(e) => setSections((picked) => (e.target.checked ? [...picked, title] : picked.filter((s) => s !== title)))}
                />
                {title}
              </label>
            ))}
            <button type="button" className="link" onClick={() => setSections(sections.length === STANDARD_SECTIONS.length ? [] : [...STANDARD_SECTIONS])}>
              {sections.length === STANDARD_SECTIONS.length ? 'Pick none' : 'Pick all'}
            </button>
          </fieldset>
        )}
      </form>
    </Dialog>
  );
}
