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
            <PaperList papers={group.papers} today={today} onOpenItem={onOpenItem} withOffice={false} label={`Papers of ${group.office ?? NOBODY}`} />
          </section>
        ))
      ) : (
        <PaperList papers={byDue(taskedPapers(detail, today))} today={today} onOpenItem={onOpenItem} withOffice label="Papers by due date" />
      )}
    </section>
  );
}

function PaperList({ papers, today, onOpenItem, withOffice, label }: { papers: readonly TaskedPaper[]; today: string; onOpenItem: (itemId: string) => void; withOffice: boolean; label: string }) {
  return (
    <ul className="paper-list" aria-label={label}>
      {papers.map((paper) => {
        const words = dueInWords(paper, today);
        return (
          <li key={paper.id} className={isOverdue(paper) ? 'overdue' : paper.state === 'missing' ? 'missing' : undefined}>
            <button type="button" className="link-plain paper-title" onClick={() => onOpenItem(paper.id)}>
              <span className="muted">{KIND_LABELS[paper.kind]}:</span> {paper.title}
            </button>
            <div className="paper-meta">
              <span className="paper-state">{paper.state === 'missing' ? 'Missing: not written yet' : STATUS_LABELS[paper.status]}</span>
              <span>{paper.due === null ? 'no due date' : `due ${formatDay(paper.due)}: ${words}`}</span>
              {withOffice && <span>{paper.owner ?? NOBODY}</span>}
              <span>in {paper.sections.join(', ')}</span>
              <span>changed {formatWhen(paper.updatedAt)}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
