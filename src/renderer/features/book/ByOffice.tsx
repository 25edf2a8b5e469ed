import { useState } from 'react';
import type { BookDetail } from '../../../shared/contract';
import { KIND_LABELS, STATUS_LABELS } from '../../../shared/domain';
import { byDue, dueInWords, isOverdue, localToday, taskedPapers, taskingByOffice, type TaskedPaper } from '../../../shared/tasking';
import { formatDay, formatWhen, plural } from '../../lib/format';

const NOBODY = 'No office';

/**
 * The book's papers by drafting office (docs/data-model.md, "Tasking"): per office, what came
 * back and what is still missing, with due dates; or one list by due date. Overdue is said in
 * words ("overdue by 3 days"), the colour only repeats it.
 */
export function ByOffice({ detail, onOpenItem, today = localToday() }: { detail: BookDetail; onOpenItem: (itemId: string) => void; today?: string }) {
  const [order, setOrder] = useState<'office' | 'due'>('office');
  const offices = taskingByOffice(detail, today);
  return (
    <section className="section-pane by-office" aria-label="Papers by office">
      <div className="section-head">
        <h2>Papers by office</h2>
        <span className="grow" />
        <div role="group" aria-label="List papers" className="toggle-group">
          <button type="button" aria-pressed={order === 'office'} onClick={() => setOrder('office')}>
            Grouped by office
          </button>
          <button type="button" aria-pressed={order === 'due'} onClick={() => setOrder('due')}>
            By due date
          </button>
        </div>
      </div>
      {offices.length === 0 ? (
        <p className="muted whole-empty">This book has no papers yet.</p>
      ) : order === 'office' ? (
        offices.map((group) => (
          <section key={group.office ?? ''} className="office-group" aria-label={group.office ?? NOBODY}>
            <h3>
              {group.office ?? NOBODY}
              <span className="muted">
                {' '}
                — {plural(group.papers.length, 'paper')}, {group.missing} missing{group.overdue > 0 ? `, ${group.overdue} overdue` : ''}
              </span>
            </h3>
            <PaperTable papers={group.papers} today={today} onOpenItem={onOpenItem} withOffice={false} />
          </section>
        ))
      ) : (
        <PaperTable papers={byDue(taskedPapers(detail, today))} today={today} onOpenItem={onOpenItem} withOffice />
      )}
    </section>
  );
}

function PaperTable({ papers, today, onOpenItem, withOffice }: { papers: readonly TaskedPaper[]; today: string; onOpenItem: (itemId: string) => void; withOffice: boolean }) {
  return (
    <table className="tasking-table">
      <thead>
        <tr>
          <th scope="col">Paper</th>
          {withOffice && <th scope="col">Office</th>}
          <th scope="col">Section</th>
          <th scope="col">Due</th>
          <th scope="col">State</th>
          <th scope="col">Last change</th>
        </tr>
      </thead>
      <tbody>
        {papers.map((paper) => {
          const words = dueInWords(paper, today);
          return (
            <tr key={paper.id} className={isOverdue(paper) ? 'overdue' : paper.state === 'missing' ? 'missing' : undefined}>
              <td>
                <button type="button" className="link-plain" onClick={() => onOpenItem(paper.id)}>
                  <span className="muted">{KIND_LABELS[paper.kind]}:</span> {paper.title}
                </button>
              </td>
              {withOffice && <td>{paper.owner ?? NOBODY}</td>}
              <td>{paper.sections.join(', ')}</td>
              <td>{paper.due === null ? '—' : `${formatDay(paper.due)}, ${words}`}</td>
              <td>{paper.state === 'missing' ? 'Missing: not written yet' : STATUS_LABELS[paper.status]}</td>
              <td>{formatWhen(paper.updatedAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
