/**
 * From a book's content to exactly what gets printed: sections with their items resolved, the
 * releasable filter applied (so excluded text never reaches the layout, docs/security.md PDF-3), the
 * final-copy check (every item cleared, the authority block complete: docs/markings.md), and
 * the overall marking recomputed from what remains, with its warnings in words.
 */
import type { ChangeSet } from '../shared/changes';
import type { BookContent, ExchangeBook, ExchangeItem, MarkingScheme } from '../shared/domain';
import { authorityProblems, isAtOrBelow, MarkingError, overallMarking, portionMark, type OverallMarking } from '../shared/markings';
import type { PdfOptions } from '../shared/contract';
import { itemNumbers } from './numbering';
import { CLEARANCE_STATE_LABELS, clearanceState, type ClearanceState } from '../shared/clearance';

export interface PdfProblem {
  code:
    | 'not_cleared'
    | 'missing_glyph'
    | 'pocket_card_overflow'
    | 'unknown_level'
    | 'dangling_item'
    | 'empty_book'
    /** a final export above the lowest level without its authority block */
    | 'missing_authority'
    /** the roll-up dropped REL TO for NOFORN, or an item carries a caveat the scheme lacks */
    | 'marking';
  message: string;
  itemId?: string;
  sectionId?: string;
}

/** The export cannot be made as asked; `problems` names each book, section or item at fault. */
export class PdfExportError extends Error {
  readonly problems: PdfProblem[];
  constructor(message: string, problems: PdfProblem[]) {
    super(message);
    this.name = 'PdfExportError';
    this.problems = problems;
  }
}

export interface BookLayoutOptions {
  atAGlance: boolean;
  thumbTabs: boolean;
  sectionDividers: boolean;
  sources: 'endnotes' | 'omit';
  /** a clearance page after the contents: each paper's drafter and clearing offices */
  clearancePage: boolean;
  /** the translation printed with each item, and where */
  bilingual?: { lang: string; layout: 'columns' | 'below' };
}

export interface PreparedSection {
  id: string;
  title: string;
  items: PreparedItem[];
  /**
   * Items a releasable edition leaves out, by number only (no title, no text): each prints as
   * "RL-2 withheld in this edition" before the printed item at index `before`
   * (`items.length`: after the last).
   */
  withheld: WithheldItem[];
}

export interface WithheldItem {
  /** the item's number in the full book, e.g. `RL-2` */
  number: string;
  before: number;
}

export interface PreparedItem {
  item: ExchangeItem;
  sectionId: string;
  /** `(C)`, `(S//NOFORN)`, or '' when the scheme has portion marks off */
  mark: string;
  /** cleared as printed: status cleared, on this text (src/shared/clearance.ts) */
  cleared: boolean;
  state: ClearanceState;
  /** per kind over the full book, e.g. `TP-3`: the same in every edition (numbering.ts) */
  number: string;
}

export interface PreparedBook {
  book: ExchangeBook;
  scheme: MarkingScheme;
  sections: PreparedSection[];
  overall: OverallMarking;
  mode: 'working' | 'final';
  /** the book's navigation and notes, from the options with a principal's defaults */
  layout: BookLayoutOptions;
  /** English body text hyphenated at line ends (titles never are) */
  hyphenate: boolean;
  /** the banner of the releasable edition's highest level, when there is one */
  releasableTo?: { code: string; banner: string };
  /** the numbers of the items this edition withholds, in book order (each once) */
  withheld: string[];
  watermark?: string;
  /** warnings for the result: uncleared items in a working copy */
  problems: PdfProblem[];
  /** the overall marking's reasons, in words: warnings shown before and after export */
  markingWarnings: PdfProblem[];
  /** item id → version, for the items printed */
  itemVersions: Record<string, number>;
  /** what changed since the edition the options name, when they name one and the content carries it */
  changes: ChangeSet | null;
}

function quote(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
}

export function prepareBook(content: BookContent, options: PdfOptions): PreparedBook {
  const { book, markings: scheme } = content;
  const errors: PdfProblem[] = [];
  const byId = new Map(content.items.map((item) => [item.id, item]));
  let releasableTo: PreparedBook['releasableTo'];
  if (options.maxLevel !== undefined) {
    const level = scheme.levels.find((l) => l.code === options.maxLevel);
    if (level === undefined) {
      const known = scheme.levels.map((l) => l.code).join(', ');
      throw new PdfExportError(`book "${book.id}": --max-level "${options.maxLevel}" is not a level of the "${scheme.scheme}" scheme (levels: ${known})`, [
        { code: 'unknown_level', message: `"${options.maxLevel}" is not a level of the scheme (levels: ${known})` },
      ]);
    }
    releasableTo = { code: level.code, banner: level.banner };
  }

  const numbers = itemNumbers(book, byId);
  const sections: PreparedSection[] = [];
  const withheldNumbers = new Set<string>();
  for (const section of book.sections) {
    const items: PreparedItem[] = [];
    const withheld: WithheldItem[] = [];
    for (const id of section.items) {
      const item = byId.get(id);
      if (item === undefined) {
        errors.push({
          code: 'dangling_item',
          message: `section "${section.id}" (${quote(section.title)}) names item "${id}", which is not in the library`,
          itemId: id,
          sectionId: section.id,
        });
        continue;
      }
      let mark = '';
      const number = numbers.get(item.id) ?? '';
      try {
        mark = portionMark(item, scheme);
        if (releasableTo !== undefined && !isAtOrBelow(scheme, item.classification, releasableTo.code, item.id)) {
          // the edition keeps the item's place and number, nothing else of it
          withheld.push({ number, before: items.length });
          withheldNumbers.add(number);
          continue;
        }
      } catch (error) {
        if (!(error instanceof MarkingError)) throw error;
        errors.push({ code: 'unknown_level', message: `section "${section.id}": ${error.message}`, itemId: item.id, sectionId: section.id });
        continue;
      }
      const state = clearanceState(item, content.contentHashes?.[item.id]);
      items.push({ item, sectionId: section.id, mark: scheme.portionMarks === false ? '' : mark, cleared: state === 'cleared', state, number });
    }
    // every section the book fills stays, in its place, in every edition: the tabs match the full
    // book's (a section the edition empties keeps its "withheld" lines); a section the book left
    // empty prints only when asked (includeEmptySections: a template's unused sections are not the book)
    const leftEmpty = section.items.length === 0 && options.includeEmptySections !== true;
    if (!leftEmpty) sections.push({ id: section.id, title: section.title, items, withheld });
  }

  let overall: OverallMarking | undefined;
  try {
    overall = overallMarking(
      sections.flatMap((s) => s.items.map((p) => p.item)),
      scheme,
      book.floor,
    );
  } catch (error) {
    if (!(error instanceof MarkingError)) throw error;
    errors.push({ code: 'unknown_level', message: `book "${book.id}": ${error.message}` });
  }

  if (errors.length > 0) {
    throw new PdfExportError(`book "${book.id}" cannot be printed:\n${errors.map((p) => `  - ${p.message}`).join('\n')}`, errors);
  }
  const printed = sections.flatMap((s) => s.items);
  if (printed.length === 0) {
    const why = releasableTo !== undefined ? ` at or below ${releasableTo.banner}` : '';
    throw new PdfExportError(`book "${book.id}" has no items${why} to print`, [
      { code: 'empty_book', message: `book "${book.id}" has no items${why} to print` },
    ]);
  }

  const uncleared: PdfProblem[] = [];
  const seen = new Set<string>();
  for (const p of printed) {
    if (p.cleared || seen.has(p.item.id)) continue;
    seen.add(p.item.id);
    uncleared.push({
      code: 'not_cleared',
      message: `item "${p.item.id}" (${quote(p.item.title)}) in section "${p.sectionId}" is ${CLEARANCE_STATE_LABELS[p.state].toLowerCase()}, not cleared as printed`,
      itemId: p.item.id,
      sectionId: p.sectionId,
    });
  }
  if (options.mode === 'final' && uncleared.length > 0) {
    throw new PdfExportError(
      `book "${book.id}": a final copy includes only cleared items; ${uncleared.length} ${uncleared.length === 1 ? 'is' : 'are'} not cleared:\n${uncleared.map((p) => `  - ${p.message}`).join('\n')}`,
      uncleared,
    );
  }
  const marking = overall as OverallMarking;
  if (options.mode === 'final') {
    const missing = authorityProblems(book, marking, scheme).map((message): PdfProblem => ({ code: 'missing_authority', message }));
    if (missing.length > 0) {
      throw new PdfExportError(
        `book "${book.id}": a final copy marked ${marking.text} needs its classification authority block:\n${missing.map((p) => `  - ${p.message}`).join('\n')}`,
        missing,
      );
    }
  }

  const itemVersions: Record<string, number> = {};
  for (const p of printed) {
    const version = content.itemVersions[p.item.id];
    if (version !== undefined) itemVersions[p.item.id] = version;
  }
  const watermark = options.watermark?.trim();
  return {
    book,
    scheme,
    sections,
    overall: marking,
    mode: options.mode,
    hyphenate: options.hyphenate === true,
    layout: {
      atAGlance: options.atAGlance ?? true,
      thumbTabs: options.thumbTabs ?? true,
      sectionDividers: options.sectionDividers ?? false,
      sources: options.sources ?? 'endnotes',
      clearancePage: options.clearancePage === true,
      bilingual: options.bilingual === undefined ? undefined : { lang: options.bilingual, layout: options.bilingualLayout ?? 'columns' },
    },
    releasableTo,
    withheld: [...withheldNumbers],
    watermark: watermark === '' ? undefined : watermark,
    problems: uncleared,
    markingWarnings: markingProblems(marking),
    itemVersions,
    changes: options.changesSince === undefined ? null : (content.changes ?? null),
  };
}

/** The roll-up's reasons as warnings, each naming the item it is about. */
export function markingProblems(overall: OverallMarking): PdfProblem[] {
  return overall.reasons.map((reason) => ({ code: 'marking', message: reason.message, ...(reason.itemId === undefined ? {} : { itemId: reason.itemId }) }));
}
