/** The library as a whole: what it holds, the offer of the sample book, its marking scheme. */
import { basename } from 'node:path';
import { ApiError } from '../../../src/shared/contract';
import { schemaVersion } from '../migrate';
import { normaliseScheme, type ServiceContext, type ServicePart } from './context';

type LibraryPart = ServicePart<'library.info' | 'library.declineSample' | 'markings.get' | 'markings.set'>;

export function libraryPart(ctx: ServiceContext): LibraryPart {
  const { items, rows, books, logs, markings } = ctx;
  return {
    'library.info': () => {
      const counts = rows.counts();
      const last = logs.lastExport();
      return {
        fileName: basename(ctx.options.path),
        path: ctx.options.path,
        schemaVersion: schemaVersion(ctx.db),
        itemCount: counts.items,
        bookCount: counts.books,
        encrypted: ctx.options.encrypted ?? false,
        readOnly: ctx.readOnly,
        markings: markings.get(),
        lastExport: last === null ? null : { at: last.exportedAt, bookTitle: last.bookTitle, fileName: last.fileName },
        offerSample: counts.items === 0 && counts.books === 0 && logs.getSetting('sample.declined') !== 'true',
      };
    },

    'library.declineSample': () =>
      ctx.write(() => {
        logs.setSetting('sample.declined', 'true');
        return { ok: true as const };
      }),

    'markings.get': () => markings.get(),

    'markings.set': ({ scheme }) => {
      const codes = new Set(scheme.levels.map((level) => level.code));
      if (codes.size !== scheme.levels.length) throw new ApiError('invalid_input', 'Each level of a scheme needs its own code.');
      const missing = items.usedLevelCodes().filter((code) => !codes.has(code));
      if (missing.length > 0) {
        throw new ApiError('level_in_use', `Items are marked ${missing.map((c) => `"${c}"`).join(', ')}, which the new scheme lacks. Re-mark them first.`);
      }
      for (const { header } of books.all()) {
        if (header.floor !== undefined && !codes.has(header.floor)) {
          throw new ApiError('level_in_use', `Book "${header.title}" has floor "${header.floor}", which the new scheme lacks.`);
        }
      }
      return ctx.write(() => {
        markings.set(normaliseScheme(scheme));
        // what items print follows the scheme (the order of their caveats): their hashes too
        items.rehashAll();
        logs.audit(ctx.now(), 'update', 'markings', scheme.scheme, scheme.levels.map((l) => l.code).join(', '));
        return markings.get();
      });
    },
  } satisfies LibraryPart;
}
