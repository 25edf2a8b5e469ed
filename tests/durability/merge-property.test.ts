/**
 * Import never loses a revision (docs/data-model.md, "Revisions"): random sequences of edits,
 * deletes, new items, book changes, exports and imports (with or without a resolution) between
 * two libraries. After every step, every rev either library ever had for an object is still in
 * that library's revision store; and an import replaces a current object only with a copy whose
 * history has its rev, unless the import settled a conflict by taking theirs.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeFile, ExchangeItem, ItemStatus } from '../../src/shared/domain';
import type { ImportResolution } from '../../src/shared/contract';
import { ApiError } from '../../src/shared/contract';
import { revisionsRepository } from '../../electron/store/repositories/revisions';
import { tempLibrary, type TempLibrary } from '../../electron/store/testing';

const IDS = ['tp-1', 'tp-2', 'tp-3'] as const;
const BODIES = ['Alpha.', 'Bravo.', 'Charlie.', 'Delta.'] as const;
const BOOK = 'summit';

type Step =
  | { kind: 'edit'; lib: 0 | 1; id: string; body: string; status: ItemStatus }
  | { kind: 'delete'; lib: 0 | 1; id: string }
  | { kind: 'retitle'; lib: 0 | 1; title: string }
  | { kind: 'transfer'; from: 0 | 1; resolution: ImportResolution | null };

const lib = fc.constantFrom<0 | 1>(0, 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), lib, id: fc.constantFrom(...IDS), body: fc.constantFrom(...BODIES), status: fc.constantFrom<ItemStatus>('draft', 'cleared') }),
  fc.record({ kind: fc.constant('delete' as const), lib, id: fc.constantFrom(...IDS) }),
  fc.record({ kind: fc.constant('retitle' as const), lib, title: fc.constantFrom('Summit', 'Summit (rev.)', 'Leaders’ summit') }),
  fc.record({ kind: fc.constant('transfer' as const), from: lib, resolution: fc.constantFrom<ImportResolution | null>(null, 'ours', 'theirs', 'both') }),
  fc.record({ kind: fc.constant('transfer' as const), from: lib, resolution: fc.constant(null) }),
);

const BASE: ExchangeFile = {
  format: 'briefbook/v1',
  items: [{ id: 'tp-1', kind: 'talking_point', title: 'One', body: 'Alpha.', classification: 'U', status: 'draft' }],
  books: [{ id: BOOK, title: 'Summit', sections: [{ id: 's-tp', title: 'Talking points', items: ['tp-1'] }] }],
};

let open: TempLibrary[] = [];
afterEach(() => {
  for (const library of open) library.dispose();
  open = [];
});

/** Every rev of every object this library holds now, from its own export (live objects). */
function currentRevs(library: TempLibrary): Map<string, string> {
  const file = JSON.parse(library.service['library.export']({}).text) as ExchangeFile;
  const revs = new Map<string, string>();
  for (const item of file.items) revs.set(`item:${item.id}`, item.rev as string);
  for (const book of file.books) revs.set(`book:${book.id}`, book.rev as string);
  return revs;
}

function itemOf(library: TempLibrary, id: string) {
  try {
    return library.service['items.get']({ id });
  } catch {
    return undefined;
  }
}

function apply(library: TempLibrary, s: Exclude<Step, { kind: 'transfer' }>): void {
  const service = library.service;
  if (s.kind === 'edit') {
    const existing = itemOf(library, s.id);
    const item: ExchangeItem = { id: s.id, kind: 'talking_point', title: `Point ${s.id}`, body: s.body, classification: 'U', status: s.status };
    service['items.save']({ item });
    if (existing === undefined) {
      const section = service['books.get']({ id: BOOK }).sections[0];
      if (!section.items.some((row) => row.id === s.id)) service['sections.addItems']({ bookId: BOOK, sectionId: section.id, itemIds: [s.id] });
    }
  } else if (s.kind === 'delete') {
    if (itemOf(library, s.id) !== undefined) service['items.delete']({ id: s.id });
  } else {
    const book = service['books.get']({ id: BOOK }).book;
    service['books.save']({ book: { ...book, title: s.title } });
  }
}

describe('merging never loses a revision', () => {
  it('holds for random edit/export/import sequences between two libraries', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
        for (const library of open) library.dispose();
        const libs = [tempLibrary(), tempLibrary()];
        open = [...libs];
        libs[0].service['library.import']({ text: JSON.stringify(BASE) });
        libs[1].service['library.import']({ text: libs[0].service['library.export']({}).text });
        // every rev each library has had, as its exports showed them
        const had = libs.map(() => new Map<string, Set<string>>());
        const note = (index: number) => {
          for (const [key, rev] of currentRevs(libs[index])) {
            const set = had[index].get(key) ?? new Set<string>();
            set.add(rev);
            had[index].set(key, set);
          }
        };
        note(0);
        note(1);

        for (const s of steps) {
          if (s.kind !== 'transfer') {
            apply(libs[s.lib], s);
            note(s.lib);
            continue;
          }
          const from = libs[s.from];
          const to = libs[1 - s.from];
          const text = from.service['library.export']({}).text;
          const file = JSON.parse(text) as ExchangeFile;
          const before = currentRevs(to);
          const plan = to.service['library.importPlan']({ text, fileName: 'desk.json' });
          let imported = true;
          try {
            to.service['library.import']({ text, fileName: 'desk.json', basis: plan.basis, ...(s.resolution === null ? {} : { resolutions: [{ resolution: s.resolution }] }) });
          } catch (error) {
            // refused only for an unsettled conflict, and then nothing changed
            expect(error).toBeInstanceOf(ApiError);
            expect((error as ApiError).code).toBe('conflict');
            expect(s.resolution).toBeNull();
            expect(plan.entries.some((e) => e.outcome === 'conflict')).toBe(true);
            expect(currentRevs(to)).toEqual(before);
            imported = false;
          }
          if (imported) {
            const after = currentRevs(to);
            for (const [key, rev] of before) {
              const now = after.get(key);
              if (now === undefined || now === rev) continue;
              const [entity, id] = key.split(':') as ['item' | 'book', string];
              const entry = plan.entries.find((e) => e.entity === entity && e.id === id);
              const theirs = [...file.items, ...file.books].find((o) => o.id === id);
              const settledTheirs = entry?.outcome === 'conflict' && s.resolution === 'theirs';
              // a book also prints differently when a resolution places a kept copy beside ours, or
              // brings back an item deleted here that the file changed: those are resolutions too
              const byResolution = entity === 'book' && s.resolution !== 'ours' && s.resolution !== null && plan.entries.some((e) => e.entity === 'item' && e.outcome === 'conflict');
              if (!settledTheirs && !byResolution) expect(theirs?.history ?? [], `${key} replaced without its rev in the file's history`).toContain(rev);
            }
            // the same file again changes nothing
            const again = to.service['library.importPlan']({ text, fileName: 'desk.json' });
            expect(again.entries.filter((e) => e.outcome !== 'unchanged' && e.outcome !== 'older' && e.outcome !== 'deleted-here' && e.outcome !== 'conflict')).toEqual([]);
          }
          note(1 - s.from);
          libs.forEach((library, index) => {
            const store = revisionsRepository(library.service.db);
            for (const [key, revs] of had[index]) {
              const [entity, id] = key.split(':') as ['item' | 'book', string];
              const kept = new Set(store.all(entity, id));
              for (const rev of revs) expect(kept.has(rev), `library ${index} lost ${rev} of ${key}`).toBe(true);
            }
          });
        }
      }),
      { numRuns: 40 },
    );
  });
});
