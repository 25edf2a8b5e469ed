import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BookDetail } from '../../../shared/contract';
import { KIND_LABELS, STATUS_LABELS } from '../../../shared/domain';
import { dueInWords, localToday, officesOf, sameOffice, taskedPapers } from '../../../shared/tasking';
import { Dialog } from '../../components/Dialog';
import { call } from '../../lib/api';
import { formatDay, plural } from '../../lib/format';
import { invalidate } from '../../lib/invalidate';
import { notify, notifyError } from '../../lib/notices';
import { trackWrite } from '../../lib/save-status';

/**
 * "Send for drafting…" (docs/data-model.md, "Tasking"): pick an office among the book's owners,
 * see the papers that will go (written ones and placeholders still to write), and save the
 * office's tasker package through the main process's save dialog.
 */
export function SendForDraftingDialog({ detail, onClose, today = localToday() }: { detail: BookDetail; onClose: () => void; today?: string }) {
  const client = useQueryClient();
  const papers = taskedPapers(detail, today);
  const offices = officesOf(papers.map((p) => p.owner));
  const [office, setOffice] = useState(offices[0] ?? '');
  const [busy, setBusy] = useState(false);
  const going = papers.filter((p) => sameOffice(p.owner, office));
  const toWrite = going.filter((p) => p.state === 'missing').length;

  const save = async () => {
    setBusy(true);
    try {
      const saved = await trackWrite(() => call('files.saveExchange', { bookId: detail.book.id, owner: office }));
      if (saved.saved) {
        await invalidate(client, 'files.saveExchange');
        notify(`Saved ${saved.fileName}: ${plural(going.length, 'paper')} for ${office}`);
        onClose();
        return;
      }
    } catch (error) {
      notifyError(error, 'Could not save the package');
    }
    setBusy(false);
  };

  return (
    <Dialog
      title="Send for drafting"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || going.length === 0} onClick={() => void save()}>
            Save package…
          </button>
        </>
      }
    >
      {offices.length === 0 ? (
        <p>
          No paper in this book has a drafting office yet. Set the owner of an item in its inspector, or use “Request a paper…” in a section.
        </p>
      ) : (
        <div className="send-drafting">
          <label className="field">
            <span>Office</span>
            <select value={office} onChange={(e) => setOffice(e.target.value)}>
              {offices.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <p>
            {plural(going.length, 'paper')} will go to {office}
            {toWrite > 0 ? `, ${toWrite} still to write` : ''}. The office gets its own copy of “{detail.book.title}” with every section title and only
            these papers. It sends its work back the same way (“Send for drafting…” for its own office in its library) and you import that file.
          </p>
          <table className="tasking-table" aria-label={`Papers for ${office}`}>
            <thead>
              <tr>
                <th scope="col">Paper</th>
                <th scope="col">Section</th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {going.map((paper) => (
                <tr key={paper.id}>
                  <td>
                    <span className="muted">{KIND_LABELS[paper.kind]}:</span> {paper.title}
                  </td>
                  <td>{paper.sections.join(', ')}</td>
                  <td>{paper.due === null ? '—' : `${formatDay(paper.due)} (${dueInWords(paper, today)})`}</td>
                  <td>{paper.state === 'missing' ? 'To write (placeholder)' : STATUS_LABELS[paper.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
