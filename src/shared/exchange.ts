/**
 * Reading exchange files (docs/spec/EXCHANGE.md). Validation is whole-file: every problem is
 * listed with its JSON path before anything is imported, so a bad file imports nothing.
 */
import type { z } from 'zod';
import {
  DEFAULT_MARKINGS,
  EXCHANGE_FORMAT,
  exchangeFileSchema,
  type BookContent,
  type ExchangeFile,
  type ExchangeItem,
  type MarkingCaveat,
  type MarkingScheme,
} from './domain';
import type { Problem } from './contract';
import { countryCaveatProblem } from './markings';
import { jsonPath, scanJson, shorten } from './exchange-scan';

export interface ExchangeContext {
  /** the receiving library's scheme, used when the file brings none */
  markings?: MarkingScheme;
  /** ids already in the receiving library: sections may name them */
  hasItem?: (id: string) => boolean;
  /** codes the receiving library's items use, which a new scheme must keep */
  usedLevelCodes?: readonly string[];
}

export interface ParsedExchange {
  file: ExchangeFile | null;
  problems: Problem[];
}

export { jsonPath, shorten } from './exchange-scan';

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return typeof value;
  return shorten(text);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** "item "rl-1"" or "book "summit"": which record a path points into, in the user's words. */
function owner(root: unknown, path: readonly PropertyKey[]): string {
  const [collection, index, third, sectionIndex] = path;
  if (typeof index !== 'number') return '';
  const record = valueAt(root, [collection as PropertyKey, index]) as { id?: unknown } | undefined;
  const id = typeof record?.id === 'string' ? ` "${shorten(record.id)}"` : '';
  if (collection === 'items') return `item${id}`;
  if (collection === 'books') {
    if (third === 'sections' && typeof sectionIndex === 'number') {
      const section = valueAt(root, ['books', index, 'sections', sectionIndex]) as { id?: unknown } | undefined;
      const sectionId = typeof section?.id === 'string' ? ` "${shorten(section.id)}"` : '';
      return `section${sectionId} of book${id}`;
    }
    return `book${id}`;
  }
  return '';
}

function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  const found = valueAt(root, issue.path);
  const field = String(issue.path.at(-1) ?? 'value');
  if (found === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    const expected = issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.expected;
    return `${field} is required (${expected})`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, found ${describeValue(found)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; found ${describeValue(found)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `too long: ${(found as string).length.toLocaleString('en')} characters, at most ${Number(issue.maximum).toLocaleString('en')}`
        : issue.origin === 'array'
          ? `too many entries: ${(found as unknown[]).length}, at most ${Number(issue.maximum).toLocaleString('en')}`
          : issue.message;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : issue.origin === 'array' ? `needs at least ${Number(issue.minimum)} entry` : issue.message;
    default:
      return issue.message;
  }
}

/** Parses and validates exchange-file text; `file` is null when any problem was found. */
export function parseExchangeText(text: string, context: ExchangeContext = {}): ParsedExchange {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { file: null, problems: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateExchange(raw, context);
}

export function validateExchange(raw: unknown, context: ExchangeContext = {}): ParsedExchange {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { file: null, problems: [{ path: '$', message: 'an exchange file is a JSON object with format, items and books' }] };
  }
  const format = (raw as { format?: unknown }).format;
  if (format !== EXCHANGE_FORMAT) {
    return {
      file: null,
      problems: [
        {
          path: '$.format',
          message:
            format === undefined
              ? `format is missing: this is not a Briefbook exchange file (expected "${EXCHANGE_FORMAT}")`
              : `unsupported format ${describeValue(format)}: this version reads "${EXCHANGE_FORMAT}" only`,
        },
      ],
    };
  }

  // strings, keys and depth first: a file nested past the bound never reaches the schemas
  const scan = scanJson(raw);
  if (scan.tooDeep) return { file: null, problems: scan.problems };
  const problems: Problem[] = [...scan.problems];
  const parsed = exchangeFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const who = owner(raw, issue.path);
      problems.push({ path: jsonPath(issue.path), message: `${who === '' ? '' : `${who}: `}${issueMessage(issue, raw)}` });
    }
  }
  // The cross-record rules run on whatever is readable, so one pass lists every problem.
  problems.push(...semanticProblems(raw as LooseFile, context));
  return problems.length > 0 || !parsed.success ? { file: null, problems } : { file: parsed.data, problems };
}

/** The file as it may be when the schema failed: every field checked before use. */
interface LooseFile {
  markings?: unknown;
  items?: unknown;
  books?: unknown;
}

/** A value quoted for a message, cut to a readable length. */
const q = (value: string): string => `"${shorten(value)}"`;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function schemeOf(file: LooseFile, context: ExchangeContext): { name: string; levels: unknown[] } {
  if (file.markings !== undefined) {
    const markings = record(file.markings);
    return { name: text(markings.scheme) ?? 'file', levels: list(markings.levels) };
  }
  const scheme = context.markings ?? DEFAULT_MARKINGS;
  return { name: scheme.scheme, levels: scheme.levels };
}

/** The caveat list and owner the file's items are read with, even when its scheme has faults. */
function caveatSchemeOf(file: LooseFile, context: ExchangeContext): MarkingScheme {
  if (file.markings === undefined) return context.markings ?? DEFAULT_MARKINGS;
  const markings = record(file.markings);
  const caveats = Array.isArray(markings.caveats)
    ? markings.caveats.filter((c): c is MarkingCaveat => typeof record(c).code === 'string').map((c) => ({ ...c }))
    : undefined;
  const owner = text(markings.owner);
  return { scheme: text(markings.scheme) ?? 'file', levels: [], ...(caveats === undefined ? {} : { caveats }), ...(owner === undefined ? {} : { owner }) };
}

function semanticProblems(file: LooseFile, context: ExchangeContext): Problem[] {
  const problems: Problem[] = [];
  const scheme = schemeOf(file, context);
  const caveatScheme = caveatSchemeOf(file, context);
  const codes = new Set<string>();
  scheme.levels.forEach((level, index) => {
    const code = text(record(level).code);
    if (code === undefined) return;
    if (codes.has(code)) {
      problems.push({ path: `$.markings.levels[${index}].code`, message: `duplicate level code ${q(code)}` });
    }
    codes.add(code);
  });
  const checkCodes = codes.size > 0;
  if (file.markings !== undefined && checkCodes) {
    for (const code of context.usedLevelCodes ?? []) {
      if (!codes.has(code)) {
        problems.push({
          path: '$.markings.levels',
          message: `the library's items are marked ${q(code)}, a level this scheme lacks; add it or re-mark those items first`,
        });
      }
    }
  }

  const firstItemAt = new Map<string, number>();
  list(file.items).forEach((entry, index) => {
    const item = record(entry);
    const id = text(item.id);
    if (id === undefined) return;
    const seen = firstItemAt.get(id);
    if (seen !== undefined) {
      problems.push({ path: `$.items[${index}].id`, message: `duplicate item id ${q(id)} (first at $.items[${seen}])` });
    } else firstItemAt.set(id, index);
    const classification = text(item.classification);
    if (checkCodes && classification !== undefined && classification !== '' && !codes.has(classification)) {
      problems.push({
        path: `$.items[${index}].classification`,
        message: `item ${q(id)}: unknown level code ${q(classification)} (the ${q(scheme.name)} scheme has ${[...codes].join(', ')})`,
      });
    }
    list(item.caveats).forEach((caveat, caveatIndex) => {
      if (typeof caveat !== 'string') return;
      const problem = countryCaveatProblem(caveat, caveatScheme);
      if (problem !== null) problems.push({ path: `$.items[${index}].caveats[${caveatIndex}]`, message: `item ${q(id)}: ${problem}` });
    });
  });

  const firstBookAt = new Map<string, number>();
  list(file.books).forEach((entry, bookIndex) => {
    const book = record(entry);
    const bookId = text(book.id) ?? `#${bookIndex}`;
    const at = `$.books[${bookIndex}]`;
    const seen = firstBookAt.get(bookId);
    if (seen !== undefined) {
      problems.push({ path: `${at}.id`, message: `duplicate book id ${q(bookId)} (first at $.books[${seen}])` });
    } else firstBookAt.set(bookId, bookIndex);
    const floor = text(book.floor);
    if (checkCodes && floor !== undefined && !codes.has(floor)) {
      problems.push({ path: `${at}.floor`, message: `book ${q(bookId)}: unknown floor level ${q(floor)}` });
    }
    const sectionIds = new Set<string>();
    list(book.sections).forEach((sectionEntry, sectionIndex) => {
      const section = { id: text(record(sectionEntry).id) ?? `#${sectionIndex}`, items: list(record(sectionEntry).items) };
      const sectionAt = `${at}.sections[${sectionIndex}]`;
      const book = { id: bookId };
      if (sectionIds.has(section.id)) {
        problems.push({ path: `${sectionAt}.id`, message: `book ${q(book.id)}: duplicate section id ${q(section.id)}` });
      }
      sectionIds.add(section.id);
      const inSection = new Set<string>();
      section.items.forEach((itemEntry, itemIndex) => {
        const itemId = text(itemEntry);
        if (itemId === undefined) return;
        const itemAt = `${sectionAt}.items[${itemIndex}]`;
        if (inSection.has(itemId)) {
          problems.push({
            path: itemAt,
            message: `section ${q(section.id)} of book ${q(book.id)} names item ${q(itemId)} twice`,
          });
        }
        inSection.add(itemId);
        if (!firstItemAt.has(itemId) && !(context.hasItem?.(itemId) ?? false)) {
          problems.push({
            path: itemAt,
            message: `section ${q(section.id)} of book ${q(book.id)} names item ${q(itemId)}, which is neither in the file nor in the library`,
          });
        }
      });
    });
  });
  return problems;
}

export class BookNotFoundError extends Error {
  constructor(
    readonly bookId: string,
    available: readonly string[],
  ) {
    super(
      `no book with id ${q(bookId)}${available.length > 0 ? `; books in the file: ${available.join(', ')}` : '; the file has no books'}`,
    );
    this.name = 'BookNotFoundError';
  }
}

/** What the PDF engine needs for one book of a validated exchange file. */
export function bookContentFromExchange(file: ExchangeFile, bookId: string): BookContent {
  const book = file.books.find((candidate) => candidate.id === bookId);
  if (book === undefined) throw new BookNotFoundError(bookId, file.books.map((b) => b.id));
  const byId = new Map(file.items.map((item) => [item.id, item]));
  const items: ExchangeItem[] = [];
  const included = new Set<string>();
  for (const section of book.sections) {
    for (const id of section.items) {
      const item = byId.get(id);
      if (item === undefined) {
        throw new Error(`section ${q(section.id)} of book ${q(book.id)} names item ${q(id)}, which the file lacks`);
      }
      if (!included.has(id)) {
        included.add(id);
        items.push(item);
      }
    }
  }
  // an exchange file carries no version numbers: every item counts as version 1
  const itemVersions = Object.fromEntries(items.map((item) => [item.id, 1]));
  return { markings: file.markings ?? DEFAULT_MARKINGS, book, items, itemVersions };
}
