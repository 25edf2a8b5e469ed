import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BookDetail } from '../../../shared/contract';
import { LIMITS, type ItemKind } from '../../../shared/domain';
import { officesOf } from '../../../shared/tasking';
import { Dialog } from '../../components/Dialog';
import { notify, notifyError } from '../../lib/notices';
import { requestPaper } from './book-commands';
import { KindSelect } from '../../components/Kind';

/**
 * "Request a paper…" in a section (docs/data-model.md, "Tasking"): the title, kind, owning office
 * and due date of a paper not yet written; it becomes an empty draft (a placeholder) at the end of
 * the section, which "Send for drafting…" sends to that office.
 */
export function RequestPaperDialog({ detail, sectionId, onClose }: { detail: BookDetail; sectionId: string; onClose: () => void }) {
  const client = useQueryClient();
  const section = detail.sections.find((s) => s.id === sectionId);
  const offices = officesOf(detail.sections.flatMap((s) => s.items.map((i) => i.owner)));
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<ItemKind>('background');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = title.trim() !== '' && owner.trim() !== '';

  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    try {
      await requestPaper(client, {
        bookId: detail.book.id,
        sectionId,
        title: title.trim(),
        kind,
        owner: owner.trim(),
        ...(due === '' ? {} : { due }),
      });
      notify(`Requested “${title.trim()}” of ${owner.trim()} in ${section?.title ?? 'the section'}`);
      onClose();
    } catch (error) {
      notifyError(error, 'Could not request the paper');
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Request a paper for ${section?.title ?? 'this section'}`}
      onClose={onClose}
      unsaved={!busy && (title.trim() !== '' || owner.trim() !== '' || due !== '')}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="request-paper-form" className="primary" disabled={busy || !ready}>
            Request paper
          </button>
        </>
      }
    >
      <form
        id="request-paper-form"
        className="request-paper"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>Title</span>
          <input value={title} maxLength={LIMITS.title} placeholder="e.g. SOFA jurisdiction: where things stand" onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>Kind</span>
          <KindSelect value={kind} onChange={setKind} />
        </label>
        <label className="field">
          <span>Drafting office</span>
          <input value={owner} maxLength={LIMITS.short} list="request-paper-offices" placeholder="e.g. Legal Office" onChange={(e) => setOwner(e.target.value)} />
          <datalist id="request-paper-offices">
            {offices.map((office) => (
              <option key={office} value={office} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>Due</span>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <p className="muted">
          The paper waits in the section as an empty draft owned by the office until the office sends it back. Send it with “Send for drafting…”.
        </p>
      </form>
    </Dialog>
  );
}
