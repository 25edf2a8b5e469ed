/** Items: the library table, saving with versions and conflicts, status, delete, history, purge. */
import { ApiError, type ItemDraft, type ItemRecord } from '../../../src/shared/contract';
import type { ExchangeItem } from '../../../src/shared/domain';
import { canonicalJson } from '../../../src/shared/canonical-json';
import { normaliseItem } from '../repositories/items';
import { clearanceOnSave, clearanceOnStatus } from './clearance';
import { extensionFields, ID_PREFIX, newId, withCaveats, type ServiceContext, type ServicePart } from './context';

type ItemsPart = ServicePart<
  | 'items.list'
  | 'items.facets'
  | 'items.get'
  | 'items.save'
  | 'items.setStatus'
  | 'items.delete'
  | 'items.undelete'
  | 'items.history'
  | 'items.restoreVersion'
  | 'items.usedIn'
  | 'purgeItem'
>;

export function itemsPart(ctx: ServiceContext): ItemsPart {
  const { items, rows, books, logs, markings, requireItem, write, now } = ctx;

  function saveItem(draft: ItemDraft, baseVersion: number | undefined): ItemRecord {
    const scheme = markings.get();
    const id = draft.id ?? newId(ID_PREFIX[draft.kind]);
    ctx.checkLevel(scheme, draft.classification, id);
    ctx.checkCaveats(scheme, draft.caveats ?? [], id);
    draft = withCaveats(draft, scheme);
    return write(() => {
      const at = now();
      const existing = items.get(id);
      if (existing !== null && baseVersion !== undefined && existing.version !== baseVersion) {
        throw new ApiError(
          'conflict',
          `"${existing.title}" was changed elsewhere (now version ${existing.version}, you edited version ${baseVersion}). Reload it to see the newer text.`,
        );
      }
      // keep extension properties the editor does not know about (and the clearance, which the
      // store alone gives and withdraws)
      const stored = existing === null ? null : (items.exchange(id) as ExchangeItem);
      const extras = stored === null ? {} : extensionFields(stored);
      const { item: next, withdrawn } = clearanceOnSave({ ...extras, ...draft, id } as ExchangeItem, stored, scheme, at);
      if (existing !== null && stored !== null && !existing.deleted && canonicalJson(normaliseItem(next)) === canonicalJson(normaliseItem(stored))) {
        return existing;
      }
      const version = existing === null ? 1 : existing.version + 1;
      const statusMoved = existing !== null && existing.status !== next.status;
      items.write(next, { version, now: at, statusChangedAt: statusMoved ? at : undefined, statusChangedBy: statusMoved ? null : undefined });
      logs.audit(at, existing === null ? 'create' : 'update', 'item', id, `version ${version}: ${next.title}`);
      if (withdrawn) logs.audit(at, 'status', 'item', id, 'cleared → in_review: clearance withdrawn, the printed text changed');
      return requireItem(id);
    });
  }

  return {
    'items.list': (input) => rows.list(input),

    'items.facets': () => rows.facets(),

    'items.get': ({ id }) => requireItem(id),

    'items.save': ({ item, baseVersion }) => saveItem(item, baseVersion),

    'items.setStatus': ({ id, status, by }) =>
      write(() => {
        const existing = requireItem(id);
        // clearing an item changed since it was cleared clears its text as it is now
        if (existing.status === status && existing.clearanceState !== 'changed') return existing;
        const at = now();
        items.setStatus(id, status, by, existing.version + 1, at, clearanceOnStatus(status, by, at, existing.contentHash));
        logs.audit(at, 'status', 'item', id, `${existing.status} → ${status} by ${by}`);
        return requireItem(id);
      }),

    'items.delete': ({ id }) =>
      write(() => {
        const existing = requireItem(id);
        if (existing.deleted) return existing;
        const at = now();
        items.setDeleted(id, at);
        logs.audit(at, 'delete', 'item', id, existing.title);
        return requireItem(id);
      }),

    'items.undelete': ({ id }) =>
      write(() => {
        const existing = requireItem(id);
        if (!existing.deleted) return existing;
        const at = now();
        items.setDeleted(id, null);
        logs.audit(at, 'undelete', 'item', id, existing.title);
        return requireItem(id);
      }),

    'items.history': ({ id }) => {
      requireItem(id);
      return items.history(id);
    },

    'items.restoreVersion': ({ id, version }) => {
      const current = requireItem(id);
      const old = items.version(id, version);
      if (old === null) throw new ApiError('not_found', `"${current.title}" has no version ${version}.`);
      const { id: _id, createdAt: _c, updatedAt: _u, ...content } = old.item as ExchangeItem & Record<string, unknown>;
      const restored = saveItem({ ...(content as Omit<ItemDraft, 'id'>), id }, current.version);
      write(() => logs.audit(now(), 'restore', 'item', id, `version ${version} restored as version ${restored.version}`));
      return restored;
    },

    'items.usedIn': ({ id }) => {
      requireItem(id);
      return books.usage(id);
    },

    purgeItem(id: string, by: string): { purgedAt: string } {
      requireItem(id);
      const at = now();
      items.withSecureDelete(() => {
        write(() => {
          // the books that placed it print without it: the purge marks them for a new rev
          items.purge(id);
          ctx.revisions.forget('item', id);
          logs.forgetItem(id, at, by);
        });
        items.eraseFreedSpace();
      });
      return { purgedAt: at };
    },
  } satisfies ItemsPart;
}
