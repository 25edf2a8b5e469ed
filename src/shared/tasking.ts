/**
 * Tasking: a desk officer sends each drafting office its part of a book (a tasker package) and
 * follows, per office, what came back and what is still missing (docs/data-model.md, "Tasking").
 * Pure: the store builds packages with it, the CLI and the book view list papers with it.
 */
import type { BookDetail, ItemRow } from './contract';
import { LIMITS, type ExchangeBook, type ItemKind, type ItemStatus } from './domain';

/**
 * How owners are matched: trimmed, runs of white space as one space, case-insensitive (Unicode
 * NFC, then lower case). "Policy Office", " policy  office " and "POLICY OFFICE" are one office.
 */
export function officeKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameOffice(owner: string | null | undefined, office: string): boolean {
  return owner !== null && owner !== undefined && officeKey(owner) !== '' && officeKey(owner) === officeKey(office);
}

/** The offices that own items, each once (first spelling met), in alphabetical order. */
export function officesOf(owners: readonly (string | null | undefined)[]): string[] {
  const byKey = new Map<string, string>();
  for (const owner of owners) {
    if (owner === null || owner === undefined) continue;
    const key = officeKey(owner);
    if (key !== '' && !byKey.has(key)) byKey.set(key, owner.trim());
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

/** On a tasker package's book: which book of the desk it is a part of, and for which office. */
export interface TaskingMark {
  book: string;
  office: string;
}

export function taskingMarkOf(book: Record<string, unknown>): TaskingMark | null {
  const mark = book.tasking as Partial<TaskingMark> | undefined;
  return typeof mark === 'object' && mark !== null && typeof mark.book === 'string' && typeof mark.office === 'string'
    ? { book: mark.book, office: mark.office }
    : null;
}

/** The office a tasker package (exchange-file text) was made for, from its book's mark; undefined for any other file. */
export function packageOffice(text: string): string | undefined {
  const file = JSON.parse(text) as { books?: Record<string, unknown>[] };
  const book = file.books?.length === 1 ? file.books[0] : undefined;
  return book === undefined ? undefined : taskingMarkOf(book)?.office;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag, not a security hash. */
function shortTag(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The id of an office's copy of a book: never the desk's own id, so importing what the office
 * sends back can never replace the desk's whole book by the office's part of it. Stable: the
 * same book and office give the same id, so the next package and every return update that copy.
 */
export function taskerBookId(bookId: string, office: string): string {
  const name = officeKey(office).normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 14);
  const id = `${bookId.slice(0, 32)}--for-${name === '' ? '' : `${name}-`}${shortTag(officeKey(office))}`;
  return id.slice(0, LIMITS.id);
}

/**
 * The book of a tasker package: the office's copy, every section kept (the office sees where its
 * papers go) holding only the items `office` owns. A book that is already this office's copy
 * (the office sending its work back) keeps its id and title. `rev` and `history` are left out:
 * the exporter writes those of the object it writes.
 */
export function taskerBook(book: ExchangeBook, office: string, ownerOf: (itemId: string) => string | undefined): { book: ExchangeBook; itemIds: string[] } {
  const mark = taskingMarkOf(book);
  const own = mark !== null && sameOffice(mark.office, office);
  const rest: Record<string, unknown> = { ...book };
  delete rest.rev;
  delete rest.history;
  const sections = book.sections.map((section) => ({ ...section, items: section.items.filter((id) => sameOffice(ownerOf(id), office)) }));
  const itemIds = [...new Set(sections.flatMap((section) => section.items))];
  const title = own ? book.title : `${book.title} — papers for ${office.trim()}`.slice(0, LIMITS.title);
  return {
    book: {
      ...(rest as ExchangeBook),
      id: own ? book.id : taskerBookId(book.id, office),
      title,
      tasking: own ? mark : { book: book.id, office: office.trim() },
      sections,
    },
    itemIds,
  };
}

/** The calendar day today, where the user is, as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A paper a book asks of an office. */
export interface TaskedPaper {
  id: string;
  title: string;
  kind: ItemKind;
  status: ItemStatus;
  /** the owner as the item spells it; null: nobody */
  owner: string | null;
  due: string | null;
  updatedAt: string;
  /** the titles of the sections that hold it, in book order */
  sections: string[];
  /** `missing`: a draft with no text yet (a placeholder the office has not filled) */
  state: 'missing' | 'written';
  /** days past its due date while still missing; 0 or less: not overdue */
  daysLate: number | null;
}

export interface OfficeTasking {
  /** null: the papers nobody owns */
  office: string | null;
  papers: TaskedPaper[];
  missing: number;
  overdue: number;
}

/** A paper is still missing when it is a draft with no text: the placeholder nobody filled. */
export function isMissing(row: Pick<ItemRow, 'status' | 'excerpt'>): boolean {
  return row.status === 'draft' && row.excerpt.trim() === '';
}

/** Every paper of the book once, in book order. */
export function taskedPapers(detail: BookDetail, today: string): TaskedPaper[] {
  const papers = new Map<string, TaskedPaper>();
  for (const section of detail.sections) {
    for (const row of section.items) {
      const known = papers.get(row.id);
      if (known !== undefined) {
        if (!known.sections.includes(section.title)) known.sections.push(section.title);
        continue;
      }
      const state = isMissing(row) ? 'missing' : 'written';
      papers.set(row.id, {
        id: row.id,
        title: row.title,
        kind: row.kind,
        status: row.status,
        owner: row.owner === null || officeKey(row.owner) === '' ? null : row.owner.trim(),
        due: row.due,
        updatedAt: row.updatedAt,
        sections: [section.title],
        state,
        daysLate: state === 'missing' && row.due !== null ? daysBetween(row.due, today) : null,
      });
    }
  }
  return [...papers.values()];
}

export function isOverdue(paper: TaskedPaper): boolean {
  return paper.daysLate !== null && paper.daysLate > 0;
}

/** Earliest due first, papers without a due date last; ties in book order. */
export function byDue(papers: readonly TaskedPaper[]): TaskedPaper[] {
  return papers
    .map((paper, index) => ({ paper, index }))
    .sort((a, b) => (a.paper.due ?? '9999-99-99').localeCompare(b.paper.due ?? '9999-99-99') || a.index - b.index)
    .map(({ paper }) => paper);
}

/** The book's papers grouped by office (alphabetical; papers nobody owns last), each group by due date. */
export function taskingByOffice(detail: BookDetail, today: string): OfficeTasking[] {
  const papers = taskedPapers(detail, today);
  const groups: { office: string | null; papers: TaskedPaper[] }[] = officesOf(papers.map((p) => p.owner)).map((office) => ({
    office,
    papers: papers.filter((p) => sameOffice(p.owner, office)),
  }));
  const nobody = papers.filter((p) => p.owner === null);
  if (nobody.length > 0) groups.push({ office: null, papers: nobody });
  return groups.map(({ office, papers: list }) => ({
    office,
    papers: byDue(list),
    missing: list.filter((p) => p.state === 'missing').length,
    overdue: list.filter(isOverdue).length,
  }));
}

/** "overdue by 3 days", "due today", "due tomorrow", "due in 5 days", "was due 2 days ago"; null without a due date. */
export function dueInWords(paper: Pick<TaskedPaper, 'due' | 'state'>, today: string): string | null {
  if (paper.due === null) return null;
  const days = daysBetween(today, paper.due);
  const count = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  if (days > 1) return `due in ${count(days)}`;
  return paper.state === 'missing' ? `overdue by ${count(-days)}` : `was due ${count(-days)} ago`;
}
