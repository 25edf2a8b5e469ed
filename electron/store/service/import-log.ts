/**
 * The import log and its undo (docs/data-model.md, "Import log"): an import is undone as a
 * whole, in one transaction, and only while nothing it changed has changed since.
 */
import { ApiError, type ImportLogChange } from '../../../src/shared/contract';
import type { ExchangeBook, ExchangeItem } from '../../../src/shared/domain';
import { shorten } from '../../../src/shared/exchange';
import type { ServiceContext, ServicePart } from './context';

type ImportLogPart = ServicePart<'imports.list' | 'imports.undo'>;

export function importLogPart(ctx: ServiceContext): ImportLogPart {
  const { items, books, markings, revisions, logs } = ctx;

  /** The object's rev now, or null when it is gone. */
  function revNow(change: ImportLogChange): string | null {
    const exists = change.entity === 'item' ? items.exists(change.id) : books.exists(change.id);
    return exists ? ctx.currentRev(change.entity, change.id) : null;
  }

  function restoreBook(change: ImportLogChange, at: string): 'restored' | 'removed' {
    if (change.before === null) {
      books.delete(change.id);
      revisions.forget('book', change.id);
      return 'removed';
    }
    const before = change.before as unknown as ExchangeBook & Record<string, unknown>;
    books.writeHeader(before, at);
    books.replaceSections(change.id, before.sections);
    return 'restored';
  }

  function restoreItem(change: ImportLogChange, at: string): 'restored' | 'removed' {
    if (change.before === null) {
      const using = books.booksUsing(change.id);
      if (using.length > 0) {
        throw new ApiError(
          'conflict',
          `Item "${shorten(change.id)}" was placed in book "${shorten(using[0])}" after the import; nothing was undone. Remove it from the book first.`,
        );
      }
      items.purge(change.id);
      revisions.forget('item', change.id);
      return 'removed';
    }
    const current = ctx.requireItem(change.id);
    items.write(change.before as unknown as ExchangeItem, { version: current.version + 1, now: at });
    if (change.beforeDeleted) items.setDeleted(change.id, at);
    return 'restored';
  }

  return {
    'imports.list': ({ limit }) => revisions.imports(limit ?? 200),

    'imports.undo': ({ id }) =>
      ctx.write(() => {
        const entry = revisions.importById(id);
        if (entry === null) throw new ApiError('not_found', `There is no import ${id} in this library's import log.`);
        if (entry.undoneAt !== null) throw new ApiError('conflict', `Import ${id} (${entry.fileName}) was already undone at ${entry.undoneAt}.`);
        const changed = entry.changes.objects.filter((change) => revNow(change) !== change.afterRev);
        if (changed.length > 0) {
          const names = changed.slice(0, 10).map((c) => `${c.entity} "${shorten(c.id)}" "${shorten(c.title)}"`);
          throw new ApiError(
            'conflict',
            `Import ${id} (${entry.fileName}) cannot be undone: ${changed.length} of the objects it changed ${changed.length === 1 ? 'has' : 'have'} changed since: ` +
              `${names.join(', ')}${changed.length > names.length ? ', …' : ''}. Nothing was undone.`,
          );
        }
        const at = ctx.now();
        let restored = 0;
        let removed = 0;
        // books first: a book stops naming an item before the item it named goes
        const order = [...entry.changes.objects.filter((c) => c.entity === 'book'), ...entry.changes.objects.filter((c) => c.entity === 'item')];
        for (const change of order) {
          const done = change.entity === 'book' ? restoreBook(change, at) : restoreItem(change, at);
          if (done === 'restored') restored += 1;
          else removed += 1;
        }
        if (entry.changes.markingsBefore !== null) {
          markings.set(entry.changes.markingsBefore);
          items.rehashAll();
        }
        // as if the import never happened: the same file again is planned as it was the first time
        for (const added of entry.changes.addedRevs) revisions.forgetOne(added.entity, added.id, added.rev);
        revisions.setUndone(id, at);
        logs.audit(at, 'undo-import', 'library', String(id), `${entry.fileName}: ${restored} restored, ${removed} removed`);
        return { restored, removed };
      }, 'nothing was undone'),
  } satisfies ImportLogPart;
}
