/** The exchange file in and out: validate, import (all or nothing), export, the sample book. */
import { basename } from 'node:path';
import { ApiError, type ImportResult } from '../../../src/shared/contract';
import { EXCHANGE_FORMAT, type ExchangeFile, type ExchangeItem } from '../../../src/shared/domain';
import { parseExchangeText } from '../../../src/shared/exchange';
import { canonicalJson } from '../../../src/shared/canonical-json';
import { normaliseItem } from '../repositories/items';
import type { BookReader } from './book-detail';
import { taskerPackage } from './tasking';
import { clearanceOnImport } from './clearance';
import { normaliseScheme, withCaveats, type ServiceContext, type ServicePart } from './context';

type ExchangePart = ServicePart<'library.validate' | 'library.import' | 'library.export' | 'library.loadSample'>;

export function exchangePart(ctx: ServiceContext, reader: BookReader): ExchangePart {
  const { items, books, logs, markings } = ctx;

  function parse(text: string) {
    return parseExchangeText(text, {
      markings: markings.get(),
      hasItem: (id) => items.exists(id),
      usedLevelCodes: items.usedLevelCodes(),
    });
  }

  function exportText(bookId?: string, owner?: string): { text: string; items: number; books: number; itemVersions: Record<string, number> } {
    let bookList = bookId === undefined ? books.all().map((b) => reader.liveBook(b.header.id)) : [reader.liveBook(bookId)];
    let itemIds =
      bookId === undefined ? items.liveIds() : [...new Set(bookList.flatMap((b) => b.sections.flatMap((s) => s.items)))];
    if (owner !== undefined && bookId !== undefined) ({ bookList, itemIds } = taskerPackage(ctx, bookList[0], owner));
    const itemVersions: Record<string, number> = {};
    const itemList = itemIds.map((id) => {
      const record = ctx.requireItem(id);
      itemVersions[id] = record.version;
      return { ...(items.exchange(id) as ExchangeItem), createdAt: record.createdAt, updatedAt: record.updatedAt };
    });
    const file: ExchangeFile = { format: EXCHANGE_FORMAT, markings: markings.get(), items: itemList, books: bookList };
    return { text: `${JSON.stringify(file, null, 2)}\n`, items: itemList.length, books: bookList.length, itemVersions };
  }

  function importText(text: string): ImportResult {
    const parsed = parse(text);
    if (parsed.file === null) {
      const shown = parsed.problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`);
      const more = parsed.problems.length > shown.length ? `\n…and ${parsed.problems.length - shown.length} more` : '';
      throw new ApiError(
        'invalid_file',
        `The file has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}; nothing was imported.\n${shown.join('\n')}${more}`,
      );
    }
    const file = parsed.file;
    const scheme = normaliseScheme(file.markings ?? markings.get());
    // an item's "REL TO KOR, USA" is read as "REL TO USA, KOR": stored as the scheme writes it
    const fileItems = file.items.map((item) => withCaveats(item, scheme));
    return ctx.write(() => {
      const at = ctx.now();
      const result: ImportResult = {
        items: { created: 0, updated: 0, unchanged: 0 },
        books: { created: 0, updated: 0, unchanged: 0 },
        markingsChanged: false,
      };
      if (file.markings !== undefined && canonicalJson(normaliseScheme(file.markings)) !== canonicalJson(normaliseScheme(markings.get()))) {
        markings.set(normaliseScheme(file.markings));
        items.rehashAll();
        result.markingsChanged = true;
      }
      for (const fileItem of fileItems) {
        const existing = items.get(fileItem.id);
        const item = clearanceOnImport(fileItem, existing === null ? null : items.exchange(fileItem.id), scheme, at);
        if (existing === null) {
          items.write(item, { version: 1, now: item.updatedAt ?? at, createdAt: item.createdAt ?? at });
          result.items.created += 1;
        } else if (existing.deleted || canonicalJson(normaliseItem(item)) !== canonicalJson(normaliseItem(items.exchange(item.id) as ExchangeItem))) {
          items.write(item, { version: existing.version + 1, now: at });
          result.items.updated += 1;
        } else result.items.unchanged += 1;
      }
      for (const book of file.books) {
        const existing = books.exchange(book.id);
        if (existing === null) {
          books.writeHeader(book, at);
          books.replaceSections(book.id, book.sections);
          result.books.created += 1;
        } else if (canonicalJson(book) !== canonicalJson(existing)) {
          books.writeHeader(book, at);
          books.replaceSections(book.id, book.sections);
          result.books.updated += 1;
        } else result.books.unchanged += 1;
      }
      logs.audit(
        at,
        'import',
        'library',
        basename(ctx.options.path),
        `items: ${result.items.created} new, ${result.items.updated} updated, ${result.items.unchanged} unchanged; ` +
          `books: ${result.books.created} new, ${result.books.updated} updated, ${result.books.unchanged} unchanged`,
      );
      return result;
    }, 'nothing was imported');
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

    'library.import': ({ text }) => importText(text),

    'library.export': ({ bookId, owner }) => {
      if (owner !== undefined && bookId === undefined) throw new ApiError('invalid_input', 'owner: a tasker package is of one book; name the book too.');
      if (bookId !== undefined) ctx.requireBook(bookId);
      return exportText(bookId, owner);
    },

    'library.loadSample': () => importText(ctx.options.sampleText()),
  } satisfies ExchangePart;
}
