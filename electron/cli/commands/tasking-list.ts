/** `briefbook list items --book ID --by-owner|--by-due`: what each office owes a book, in words. */
import type { BookDetail } from '../../../src/shared/contract';
import { KIND_LABELS, STATUS_LABELS } from '../../../src/shared/domain';
import { byDue, dueInWords, taskedPapers, taskingByOffice, type TaskedPaper } from '../../../src/shared/tasking';
import type { CliIo } from '../command';

const NOBODY = '(no owner)';

/** "missing, overdue by 3 days" / "In review, due in 2 days" / "Cleared". */
function stateOf(paper: TaskedPaper, today: string): string {
  const words = dueInWords(paper, today);
  const state = paper.state === 'missing' ? 'MISSING (placeholder not written)' : STATUS_LABELS[paper.status];
  return words === null ? state : `${state}, ${words}`;
}

function line(paper: TaskedPaper, today: string, withOwner: boolean): string {
  return [
    `  ${paper.due ?? 'no due date'}`,
    withOwner ? `  ${paper.owner ?? NOBODY}` : '',
    `  ${KIND_LABELS[paper.kind]}: ${paper.title} [${paper.id}]`,
    `\n      ${stateOf(paper, today)}; in ${paper.sections.join(', ')}; last change ${paper.updatedAt.slice(0, 16).replace('T', ' ')} UTC`,
  ].join('');
}

export function printTasking(io: CliIo, detail: BookDetail, mode: 'owner' | 'due', json: boolean, today: string): void {
  if (mode === 'owner') {
    const offices = taskingByOffice(detail, today);
    if (json) {
      io.out(JSON.stringify({ book: detail.book.id, today, offices }, null, 2));
      return;
    }
    if (offices.length === 0) {
      io.out(`book "${detail.book.title}" has no papers`);
      return;
    }
    io.out(`${detail.book.title}: papers by office (today ${today})`);
    for (const office of offices) {
      const counts = [`${office.papers.length} paper${office.papers.length === 1 ? '' : 's'}`, `${office.missing} missing`];
      if (office.overdue > 0) counts.push(`${office.overdue} overdue`);
      io.out('');
      io.out(`${office.office ?? NOBODY}: ${counts.join(', ')}`);
      for (const paper of office.papers) io.out(line(paper, today, false));
    }
    return;
  }
  const papers = byDue(taskedPapers(detail, today));
  if (json) {
    io.out(JSON.stringify({ book: detail.book.id, today, papers }, null, 2));
    return;
  }
  if (papers.length === 0) {
    io.out(`book "${detail.book.title}" has no papers`);
    return;
  }
  io.out(`${detail.book.title}: papers by due date (today ${today})`);
  for (const paper of papers) io.out(line(paper, today, true));
}
