/**
 * The exchange file in and out: validate, plan and import (all or nothing, never losing work:
 * docs/spec/EXCHANGE.md "Revisions and merging"), export with rev and history, the sample book.
 */
import { basename } from 'node:path';
import {
  ApiError,
  type ImportLogChange,
  type ImportOutcome,
  type ImportResolution,
  type ImportResolutionInput,
  type ImportResult,
} from '../../../src/shared/contract';
import { EXCHANGE_FORMAT, type ExchangeBook, type ExchangeFile, type ExchangeItem } from '../../../src/shared/domain';
import { parseExchangeText, shorten } from '../../../src/shared/exchange';
import { canonicalJson } from '../../../src/shared/canonical-json';
import { revOf } from '../hashes';
import type { BookReader } from './book-detail';
import { clearanceOnImport } from './clearance';
import { normaliseScheme, type ServiceContext, type ServicePart } from './context';
import { planImport, type PlannedObject } from './import-plan';
import { importLogPart } from './import-log';
import { taskerPackage } from './tasking';
import { conflictLine } from '../../../src/shared/import-report';

type ExchangePart = ServicePart<
  'library.validate' | 'library.importPlan' | 'library.import' | 'library.export' | 'library.loadSample' | 'imports.list' | 'imports.undo'
>;

export interface ImportOptions {
  fileName?: string;
  basis?: string;
  resolutions?: readonly ImportResolutionInput[];
  acceptMarkings?: boolean;
  restoreDeleted?: boolean;
}

/** A copy kept beside ours: its id is derived from ours and theirs' rev, so a second import finds it. */
export function keptCopyId(id: string, rev: string): string {
  return `${id}-${rev.slice('sha256:'.length, 'sha256:'.length + 8)}`;
}

export function exchangePart(ctx: ServiceContext, reader: BookReader): ExchangePart {
  const { items, books, logs, markings, revisions } = ctx;

  function parse(text: string) {
    return parseExchangeText(text, {
      markings: markings.get(),
      hasItem: (id) => items.exists(id),
      usedLevelCodes: items.usedLevelCodes(),
    });
  }

  /** The object as the file writes it: rev over it as written, history the earlier revs, newest first. */
  function withRevision<T extends Record<string, unknown>>(entity: 'item' | 'book', object: T): T & { rev: string; history?: string[] } {
    const rev = revOf(object);
    const history = revisions.all(entity, object.id as string).filter((r) => r !== rev).slice(0, 100);
    return { ...object, rev, ...(history.length > 0 ? { history } : {}) };
  }

  function exportText(bookId?: string, owner?: string): { text: string; items: number; books: number; itemVersions: Record<string, number> } {
    let bookList = bookId === undefined ? books.all().map((b) => reader.liveBook(b.header.id)) : [reader.liveBook(bookId)];
    let itemIds =
      bookId === undefined ? items.liveIds() : [...new Set(bookList.flatMap((b) => b.sections.flatMap((s) => s.items)))];
    // a tasker package: one office's papers of the book, in a book of its own (rev taken on it as written)
    if (owner !== undefined && bookId !== undefined) ({ bookList, itemIds } = taskerPackage(ctx, bookList[0], owner));
    const itemVersions: Record<string, number> = {};
    const itemList = itemIds.map((id) => {
      const record = ctx.requireItem(id);
      itemVersions[id] = record.version;
      // rev and history computed on the final object (the timestamps are not in it)
      return withRevision('item', { ...(ctx.itemForFile(id) as Record<string, unknown>), createdAt: record.createdAt, updatedAt: record.updatedAt }) as unknown as ExchangeItem;
    });
    const bookOut = bookList.map((book) => withRevision('book', book as unknown as Record<string, unknown>) as unknown as ExchangeBook);
    const file: ExchangeFile = { format: EXCHANGE_FORMAT, markings: markings.get(), items: itemList, books: bookOut };
    return { text: `${JSON.stringify(file, null, 2)}\n`, items: itemList.length, books: bookOut.length, itemVersions };
  }

  function resolutionFor(options: ImportOptions, entity: 'item' | 'book', id: string): ImportResolution | undefined {
    const list = options.resolutions ?? [];
    return (list.find((r) => r.id === id && (r.entity ?? entity) === entity) ?? list.find((r) => r.id === undefined))?.resolution;
  }

  function importText(text: string, options: ImportOptions = {}): ImportResult {
    const fileName = options.fileName ?? 'exchange file';
    return ctx.write(() => {
      const { plan, file, objects } = planImport(ctx, text, fileName);
      if (options.basis !== undefined && options.basis !== plan.basis) {
        throw new ApiError('conflict', 'The library changed since this import was previewed; nothing was imported. Preview the import again.');
      }
      if (plan.markingDifferences.length > 0 && options.acceptMarkings !== true) {
        throw new ApiError(
          'conflict',
          `The file's marking scheme differs from this library's: ${plan.markingDifferences.join('; ')}. Nothing was imported; ` +
            'accept the file\'s scheme to import it (briefbook import --accept-markings).',
        );
      }
      const unresolved = objects.filter((o) => o.entry.outcome === 'conflict' && resolutionFor(options, o.entry.entity, o.entry.id) === undefined);
      if (unresolved.length > 0) {
        const lines = unresolved.slice(0, 50).map((o) => conflictLine(o.entry));
        const more = unresolved.length > lines.length ? `\n…and ${unresolved.length - lines.length} more` : '';
        throw new ApiError(
          'conflict',
          `${unresolved.length} conflict${unresolved.length === 1 ? '' : 's'}: changed here and in the file since they parted; nothing was imported.\n` +
            `${lines.join('\n')}${more}\nSettle them: keep ours, take theirs, or keep both.`,
        );
      }

      const at = ctx.now();
      const revisionMark = revisions.mark();
      const changes = new Map<string, ImportLogChange>();
      let markingsBefore = null;
      if (file.markings !== undefined && canonicalJson(normaliseScheme(file.markings)) !== canonicalJson(normaliseScheme(markings.get()))) {
        markingsBefore = markings.get();
        markings.set(normaliseScheme(file.markings));
        // caveats print in the scheme's order: every item's content hash follows the scheme
        items.rehashAll();
      }
      const scheme = normaliseScheme(markings.get());

      /** Notes the object as it was before its first change in this import. */
      function noteBefore(entity: 'item' | 'book', id: string, title: string, outcome: ImportOutcome, resolution: ImportResolution | null): void {
        const key = `${entity}:${id}`;
        if (changes.has(key)) return;
        const record = entity === 'item' ? items.get(id) : null;
        const before = entity === 'item' ? items.exchange(id) : books.exchange(id);
        changes.set(key, {
          entity,
          id,
          title,
          outcome,
          resolution,
          before: before as Record<string, unknown> | null,
          beforeDeleted: record?.deleted === true,
          afterRev: '',
        });
      }

      /** The revs the file's copy brings: its history (older than all we know), then its own. */
      function recordTheirs(entity: 'item' | 'book', id: string, object: PlannedObject): void {
        revisions.recordOlder(entity, id, object.history, at);
        revisions.record(entity, id, object.rev, 'import', at);
      }

      function writeItem(fileItem: ExchangeItem, object: PlannedObject): void {
        const existing = items.get(fileItem.id);
        // a cleared item from a file written before clearances is taken as cleared on its text
        const item = clearanceOnImport(fileItem, existing === null ? null : items.exchange(fileItem.id), scheme, at);
        if (existing === null) items.write(item, { version: 1, now: item.updatedAt ?? at, createdAt: item.createdAt ?? at });
        else items.write(item, { version: existing.version + 1, now: at });
        if (item.id === object.entry.id) recordTheirs('item', item.id, object);
      }

      function writeBook(book: ExchangeBook, object: PlannedObject): void {
        // an item of the file left out (its conflict kept "ours" where the library has no such item)
        const missing = book.sections.flatMap((section) => section.items).find((itemId) => !items.exists(itemId));
        if (missing !== undefined) {
          throw new ApiError(
            'conflict',
            `Book "${shorten(book.id)}" names item "${shorten(missing)}", which this library does not have and this import does not bring in (its conflict was settled "ours"). Nothing was imported; take theirs for that item, or import without the book.`,
          );
        }
        books.writeHeader(book as ExchangeBook & Record<string, unknown>, at);
        books.replaceSections(book.id, book.sections);
        if (book.id === object.entry.id) recordTheirs('book', book.id, object);
      }

      // items kept beside ours; a book kept both is a book of its own and placed nowhere
      const copies: { original: string; copy: string }[] = [];
      const result: ImportResult = {
        items: { created: 0, updated: 0, unchanged: 0 },
        books: { created: 0, updated: 0, unchanged: 0 },
        markingsChanged: markingsBefore !== null,
        logId: null,
      };

      for (const object of objects) {
        const { entity, id, outcome } = object.entry;
        const counts = entity === 'item' ? result.items : result.books;
        const resolution = outcome === 'conflict' ? (resolutionFor(options, entity, id) ?? null) : null;
        const exists = entity === 'item' ? items.exists(id) : books.exists(id);
        let take: 'theirs' | 'copy' | 'none' = 'none';
        if (outcome === 'created' || outcome === 'fast-forward' || outcome === 'replaced-without-rev') take = 'theirs';
        else if (outcome === 'deleted-here' && options.restoreDeleted === true) take = 'theirs';
        else if (outcome === 'conflict') take = resolution === 'ours' ? 'none' : resolution === 'both' && exists ? 'copy' : 'theirs';
        if (outcome === 'conflict' && resolution === 'ours') revisions.record(entity, id, object.rev, 'import', at);

        if (take === 'none') {
          counts.unchanged += 1;
          continue;
        }
        const target = take === 'copy' ? keptCopyId(id, object.rev) : id;
        const title = take === 'copy' ? `${object.theirs.title} (from ${shorten(basename(fileName))})` : object.theirs.title;
        if (take === 'copy') {
          // theirs was seen here: a later copy of ours supersedes it
          revisions.record(entity, id, object.rev, 'import', at);
          if (entity === 'item') copies.push({ original: id, copy: target });
        }
        const targetExists = entity === 'item' ? items.exists(target) : books.exists(target);
        noteBefore(entity, target, title, outcome, resolution);
        if (targetExists) counts.updated += 1;
        else counts.created += 1;
        if (entity === 'item') writeItem({ ...(object.theirs as ExchangeItem), id: target, title }, object);
        else writeBook({ ...(object.theirs as ExchangeBook), id: target, title }, object);
      }

      // a kept copy of an item goes beside ours in every section that has ours
      for (const { original, copy } of copies) {
        for (const bookId of books.booksUsing(original)) {
          const book = books.get(bookId);
          noteBefore('book', bookId, book?.title ?? bookId, 'conflict', 'both');
          for (const section of books.sections(bookId)) {
            if (!section.items.includes(original) || section.items.includes(copy)) continue;
            const next = [...section.items];
            next.splice(next.indexOf(original) + 1, 0, copy);
            books.setSectionItems(bookId, section.id, next);
          }
          books.touch(bookId, at);
        }
      }

      const summary =
        `items: ${result.items.created} new, ${result.items.updated} updated, ${result.items.unchanged} unchanged; ` +
        `books: ${result.books.created} new, ${result.books.updated} updated, ${result.books.unchanged} unchanged` +
        (result.markingsChanged ? '; marking scheme replaced' : '');
      // a conflict kept "ours" changes no object but the revision store: logged (and undoable) too
      const addedRevs = revisions.firstSeenSince(revisionMark);
      if (changes.size > 0 || markingsBefore !== null || addedRevs.length > 0) {
        const objectsChanged = [...changes.values()].map((change) => ({ ...change, afterRev: ctx.currentRev(change.entity, change.id) }));
        result.logId = revisions.logImport({ at, fileName, sha256: plan.sha256, summary, changes: { markingsBefore, objects: objectsChanged, addedRevs } });
      }
      logs.audit(at, 'import', 'library', basename(ctx.options.path), `${fileName} (sha256 ${plan.sha256.slice(0, 12)}…): ${summary}`);
      return result;
    }, 'nothing was imported', 'import');
  }

  return {
    'library.validate': ({ text }) => {
      const parsed = parse(text);
      const file = parsed.file;
      return {
        ok: parsed.problems.length === 0,
        problems: parsed.problems,
        items: file?.items.length ?? 0,
        books: file?.books.length ?? 0,
      };
    },

    'library.importPlan': ({ text, fileName }) => planImport(ctx, text, fileName ?? 'exchange file').plan,

    'library.import': ({ text, ...options }) => importText(text, options),

    'library.export': ({ bookId, owner }) => {
      if (owner !== undefined && bookId === undefined) throw new ApiError('invalid_input', 'owner: a tasker package is of one book; name the book too.');
      if (bookId !== undefined) ctx.requireBook(bookId);
      return exportText(bookId, owner);
    },

    // a library with work of its own keeps its scheme: the sample's is taken only by an empty one
    'library.loadSample': () => importText(ctx.options.sampleText(), { fileName: 'sample book' }),

    ...importLogPart(ctx),
  } satisfies ExchangePart;
}
