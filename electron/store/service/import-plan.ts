/**
 * What an import of an exchange file would do, object by object (docs/spec/EXCHANGE.md,
 * "Revisions and merging"; docs/data-model.md, "Revisions"). Reads only: the same plan is made
 * for the preview and again inside the import's transaction, where `basis` tells whether the
 * library changed in between.
 */
import { createHash } from 'node:crypto';
import { ApiError, IMPORT_OUTCOMES, type ImportOutcome, type ImportPlan, type ImportPlanEntry } from '../../../src/shared/contract';
import { canonicalJson, revisionSubject } from '../../../src/shared/canonical-json';
import type { ExchangeBook, ExchangeFile, ExchangeItem, MarkingScheme } from '../../../src/shared/domain';
import { parseExchangeText } from '../../../src/shared/exchange';
import { revOf, sha256Tagged } from '../hashes';
import { normaliseItem } from '../repositories/items';
import { clearanceOnImport } from './clearance';
import { normaliseScheme, withCaveats, type ServiceContext } from './context';

/** One object of the file with what the plan found for it. */
export interface PlannedObject {
  entry: ImportPlanEntry;
  /** the file's copy as the library would store it (an item's caveats in the scheme's order) */
  theirs: ExchangeItem | ExchangeBook;
  /** the rev of the file's copy, computed; the file's own `rev` when it is right */
  rev: string;
  /** the file's `history`, when its `rev` is right (else nothing of it is believed) */
  history: string[];
}

export interface FullPlan {
  plan: ImportPlan;
  file: ExchangeFile;
  objects: PlannedObject[];
}

export function fileSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The first problems of a file that does not validate, as one error: nothing is imported. */
export function invalidFile(problems: readonly { path: string; message: string }[]): ApiError {
  const shown = problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`);
  const more = problems.length > shown.length ? `\n…and ${problems.length - shown.length} more` : '';
  return new ApiError(
    'invalid_file',
    `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.\n${shown.join('\n')}${more}`,
  );
}

const q = (value: unknown) => JSON.stringify(value);

/** What differs between the library's marking scheme and a file's, in words; empty when the same. */
export function schemeDifferences(ours: MarkingScheme, theirs: MarkingScheme): string[] {
  const a = normaliseScheme(ours);
  const b = normaliseScheme(theirs);
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const out: string[] = [];
  if (a.scheme !== b.scheme) out.push(`scheme name ${q(a.scheme)} here, ${q(b.scheme)} in the file`);
  const levels = (s: MarkingScheme) => s.levels.map((l) => l.code).join(', ');
  if (canonicalJson(a.levels) !== canonicalJson(b.levels)) out.push(`levels ${levels(a)} here, ${levels(b)} in the file`);
  const caveats = (s: MarkingScheme) => (s.caveats ?? []).map((c) => c.code).join(', ') || 'none';
  if (canonicalJson(a.caveats) !== canonicalJson(b.caveats)) out.push(`caveats ${caveats(a)} here, ${caveats(b)} in the file`);
  if ((a.owner ?? 'USA') !== (b.owner ?? 'USA')) out.push(`owner ${a.owner ?? 'USA'} here, ${b.owner ?? 'USA'} in the file`);
  if (a.portionMarks !== b.portionMarks) out.push(`portion marks ${a.portionMarks === true ? 'on' : 'off'} here, ${b.portionMarks === true ? 'on' : 'off'} in the file`);
  if (a.pageMarking !== b.pageMarking) out.push(`page marking ${q(a.pageMarking)} here, ${q(b.pageMarking)} in the file`);
  if (out.length === 0) out.push('other properties of the scheme differ');
  return out;
}

/** The top-level fields in which two copies differ (rev, history and timestamps left out). */
export function differingFields(ours: Record<string, unknown>, theirs: Record<string, unknown>): string[] {
  const a = revisionSubject(ours);
  const b = revisionSubject(theirs);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((key) => (a[key] === undefined ? '' : canonicalJson(a[key])) !== (b[key] === undefined ? '' : canonicalJson(b[key])));
}

const comparable = (entity: 'item' | 'book', value: Record<string, unknown>): string =>
  canonicalJson(revisionSubject(entity === 'item' ? (normaliseItem(value as ExchangeItem) as Record<string, unknown>) : value));

export function planImport(ctx: ServiceContext, text: string, fileName: string): FullPlan {
  const { items, books, markings, revisions } = ctx;
  const parsed = parseExchangeText(text, {
    markings: markings.get(),
    hasItem: (id) => items.exists(id),
    usedLevelCodes: items.usedLevelCodes(),
  });
  if (parsed.file === null) throw invalidFile(parsed.problems);
  const file = parsed.file;
  const ourScheme = markings.get();
  // an empty library (no item or book, now or ever) loses nothing by taking the file's scheme
  const empty = items.allIds().size === 0 && books.all().length === 0 && revisions.count() === 0;
  const markingDifferences = file.markings === undefined || empty ? [] : schemeDifferences(ourScheme, file.markings);
  const scheme = normaliseScheme(file.markings ?? ourScheme);
  // what the plan read of the library: the same again inside the import, or the library changed
  const basisParts: unknown[] = [canonicalJson(normaliseScheme(ourScheme))];

  function classify(entity: 'item' | 'book', fileObject: Record<string, unknown>, theirs: ExchangeItem | ExchangeBook): PlannedObject {
    const id = theirs.id;
    const rev = revOf(fileObject);
    const claimed = typeof fileObject.rev === 'string' ? fileObject.rev : undefined;
    const revMismatch = claimed !== undefined && claimed !== rev;
    const history = revMismatch ? [] : ((fileObject.history as string[] | undefined) ?? []);
    const known = revisions.all(entity, id);
    const exists = entity === 'item' ? items.exists(id) : books.exists(id);
    const deleted = entity === 'item' ? items.get(id)?.deleted === true : !exists && known.length > 0;
    const ours = exists ? (entity === 'item' ? ctx.itemForFile(id) : ctx.liveBook(id)) : null;
    const current = ours === null ? null : revOf(ours as Record<string, unknown>);
    basisParts.push([entity, id, current, deleted, known]);

    const same = ours !== null && comparable(entity, ours as Record<string, unknown>) === comparable(entity, theirs as Record<string, unknown>);
    const had = known.includes(rev) || rev === current;
    let outcome: ImportOutcome;
    if (!exists && !deleted) outcome = revMismatch ? 'conflict' : 'created';
    else if (revMismatch) outcome = 'conflict';
    else if (deleted) {
      if (had || same) outcome = 'deleted-here';
      else if (claimed === undefined) outcome = 'replaced-without-rev';
      else outcome = 'conflict';
    } else if (same || rev === current) outcome = 'unchanged';
    else if (claimed === undefined) outcome = 'replaced-without-rev';
    else if (had) outcome = 'older';
    else if (current !== null && history.includes(current)) outcome = 'fast-forward';
    else outcome = 'conflict';

    const ourRecord = ours === null ? {} : (ours as Record<string, unknown>);
    const fields = outcome === 'conflict' || outcome === 'replaced-without-rev' || outcome === 'fast-forward' ? differingFields(ourRecord, theirs as Record<string, unknown>) : [];
    const entry: ImportPlanEntry = {
      entity,
      id,
      title: theirs.title,
      outcome,
      fields,
      revMismatch,
      ...(outcome === 'conflict' ? { ours: revisionSubject(ourRecord), theirs: revisionSubject(theirs as Record<string, unknown>) } : {}),
    };
    if (outcome === 'conflict' && entity === 'item') {
      // keeping both places theirs beside ours in every book that has ours: those books count too
      for (const bookId of books.booksUsing(id)) basisParts.push(['book', bookId, ctx.currentRev('book', bookId)]);
    }
    return { entry, theirs, rev, history };
  }

  const objects: PlannedObject[] = [
    // theirs as the library would store it: caveats in the scheme's order, and a cleared item from
    // a file written before clearances taken as cleared on its text (so the same file again is unchanged)
    ...file.items.map((item) =>
      classify('item', item as Record<string, unknown>, clearanceOnImport(withCaveats(item, scheme), items.exists(item.id) ? items.exchange(item.id) : null, scheme, ctx.now())),
    ),
    ...file.books.map((book) => classify('book', book as Record<string, unknown>, book)),
  ];
  const counts = Object.fromEntries(IMPORT_OUTCOMES.map((outcome) => [outcome, 0])) as Record<ImportOutcome, number>;
  for (const object of objects) counts[object.entry.outcome] += 1;
  return {
    plan: {
      fileName,
      sha256: fileSha256(text),
      basis: sha256Tagged(basisParts),
      markingDifferences,
      entries: objects.map((o) => o.entry),
      counts,
    },
    file,
    objects,
  };
}
