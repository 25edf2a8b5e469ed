/**
 * Clearance bound to the text (docs/spec/EXCHANGE.md, "Clearance"; docs/data-model.md): what a
 * user sees in the library after clearing, editing, importing and upgrading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ItemDraft } from '../../src/shared/contract';
import { DEFAULT_MARKINGS, type ExchangeFile, type ExchangeItem } from '../../src/shared/domain';
import { contentHashOf } from './hashes';
import { loadMigrations, migrate } from './migrate';
import { openTestLibrary, sampleText, tempLibrary, type TempLibrary } from './testing';

let lib: TempLibrary;
const BOOK = 'summit-2025-08-25';
let clock = Date.parse('2026-11-30T09:00:00.000Z');
beforeEach(() => {
  lib = tempLibrary({ now: () => new Date((clock += 1000)) });
});
afterEach(() => lib.dispose());

const draftOf = (item: ExchangeItem, overrides: Partial<ItemDraft> = {}): ItemDraft => {
  const { clearance: _c, createdAt: _a, updatedAt: _u, version: _v, deleted: _d, clearanceState: _s, contentHash: _h, statusChangedBy: _b, statusChangedAt: _t, ...rest } = item as ExchangeItem & Record<string, unknown>;
  return { ...(rest as ItemDraft), ...overrides };
};

function clearedItem(): string {
  const saved = lib.service['items.save']({
    item: { kind: 'red_line', title: 'No leader-level deal on flexibility', body: 'Keep it at the working level.', classification: 'C', status: 'draft', tags: ['usfk'] },
  });
  lib.service['items.setStatus']({ id: saved.id, status: 'cleared', by: 'J. Park' });
  return saved.id;
}

const file = (items: ExchangeItem[]): string => JSON.stringify({ format: 'briefbook/v1', markings: DEFAULT_MARKINGS, items, books: [] } satisfies ExchangeFile);

describe('clearing binds the clearance to the text', () => {
  test('clearing records who, when and the hash of what the item prints', () => {
    const id = clearedItem();
    const item = lib.service['items.get']({ id });
    expect(item.status).toBe('cleared');
    expect(item.clearanceState).toBe('cleared');
    expect(item.clearance).toEqual({ by: 'J. Park', at: item.statusChangedAt, contentHash: contentHashOf(item, DEFAULT_MARKINGS) });
  });

  test('editing the title of a cleared item withdraws the clearance; its history keeps it; restoring brings Cleared back', () => {
    const id = clearedItem();
    const cleared = lib.service['items.get']({ id });
    const edited = lib.service['items.save']({ item: draftOf(cleared, { title: `${cleared.title} (revised)` }), baseVersion: cleared.version });
    expect(edited.status).toBe('in_review');
    expect(edited.clearanceState).toBe('in_review');
    expect(edited.clearance).toBeUndefined();
    const history = lib.service['items.history']({ id });
    expect(history[0].item.status).toBe('in_review');
    expect(history[1].item.clearance).toEqual(cleared.clearance);
    expect(lib.service['audit.list']({}).some((e) => e.entityId === id && /clearance withdrawn/.test(e.detail))).toBe(true);

    // the app's Undo: the cleared version restored, cleared again on its own text
    const restored = lib.service['items.restoreVersion']({ id, version: cleared.version });
    expect(restored.title).toBe(cleared.title);
    expect(restored.status).toBe('cleared');
    expect(restored.clearanceState).toBe('cleared');
    expect(restored.clearance).toEqual(cleared.clearance);
  });

  test.each([
    ['body', { body: 'Keep it at the working level. Say nothing more.' }],
    ['classification', { classification: 'S' }],
    ['caveats', { caveats: ['NOFORN'] }],
    ['translations', { translations: { ko: { title: '정상 차원의 합의 없음' } } }],
  ] as const)('changing the %s of a cleared item withdraws its clearance', (_field, change) => {
    const id = clearedItem();
    const cleared = lib.service['items.get']({ id });
    expect(lib.service['items.save']({ item: draftOf(cleared, change as Partial<ItemDraft>) }).status).toBe('in_review');
  });

  test('changing what the item does not print (tags, topic) keeps it cleared', () => {
    const id = clearedItem();
    const cleared = lib.service['items.get']({ id });
    const saved = lib.service['items.save']({ item: draftOf(cleared, { tags: ['usfk', 'flexibility'], topic: 'Alliance' }) });
    expect(saved.status).toBe('cleared');
    expect(saved.clearance).toEqual(cleared.clearance);
  });

  test('moving a cleared item back to review drops the clearance from the item, not from its history', () => {
    const id = clearedItem();
    const cleared = lib.service['items.get']({ id });
    const back = lib.service['items.setStatus']({ id, status: 'in_review', by: 'J. Park' });
    expect(back.clearance).toBeUndefined();
    expect(lib.service['items.history']({ id })[1].item.clearance).toEqual(cleared.clearance);
  });
});

describe('a scheme change', () => {
  test('moving the order the scheme prints caveats in changes what an item prints: cleared on the old order, it is changed since cleared', () => {
    const two = lib.service['items.save']({ item: { kind: 'talking_point', title: 'Two caveats', body: 'Text.', classification: 'S', caveats: ['ORCON', 'NOFORN'], status: 'draft' } });
    const one = lib.service['items.save']({ item: { kind: 'talking_point', title: 'One caveat', body: 'Text.', classification: 'S', caveats: ['NOFORN'], status: 'draft' } });
    for (const id of [two.id, one.id]) lib.service['items.setStatus']({ id, status: 'cleared', by: 'J. Park' });
    const scheme = lib.service['markings.get']({});
    const caveats = scheme.caveats ?? [];
    const reordered = [...caveats.filter((c) => c.code === 'NOFORN'), ...caveats.filter((c) => c.code !== 'NOFORN')];
    lib.service['markings.set']({ scheme: { ...scheme, caveats: reordered } });
    const after = lib.service['items.get']({ id: two.id });
    expect(after.clearanceState).toBe('changed');
    expect(after.contentHash).toBe(contentHashOf(after, lib.service['markings.get']({})));
    expect(lib.service['items.get']({ id: one.id }).clearanceState).toBe('cleared');
  });
});

describe('changed since cleared', () => {
  const mismatched = (): ExchangeItem => ({
    id: 'rl-moved',
    kind: 'red_line',
    title: 'No deal on flexibility (revised elsewhere)',
    body: 'Text edited on another machine after clearance.',
    classification: 'C',
    status: 'cleared',
    clearance: { by: 'J. Park', at: '2026-11-01T10:00:00Z', contentHash: contentHashOf({ title: 'No deal on flexibility', body: 'Cleared text.', classification: 'C' }, DEFAULT_MARKINGS) },
  });

  test('an item imported with a clearance on another text shows as changed since cleared everywhere a status shows', () => {
    lib.service['library.import']({ text: sampleText() });
    lib.service['library.import']({ text: file([mismatched()]) });
    const book = lib.service['books.get']({ id: BOOK });
    lib.service['sections.addItems']({ bookId: BOOK, sectionId: book.sections[0].id, itemIds: ['rl-moved'] });

    expect(lib.service['items.get']({ id: 'rl-moved' }).clearanceState).toBe('changed');
    expect(lib.service['items.list']({}).rows.find((r) => r.id === 'rl-moved')?.clearanceState).toBe('changed');
    expect(lib.service['search.query']({ q: 'revised elsewhere' }).find((h) => h.id === 'rl-moved')?.clearanceState).toBe('changed');
    const detail = lib.service['books.get']({ id: BOOK });
    expect(detail.sections[0].items.find((r) => r.id === 'rl-moved')?.clearanceState).toBe('changed');
    expect(detail.clearance.notCleared).toContainEqual({ id: 'rl-moved', title: 'No deal on flexibility (revised elsewhere)', status: 'cleared', clearanceState: 'changed' });
    const row = lib.service['books.list']({}).find((b) => b.id === BOOK);
    expect(row?.clearedCount).toBe(detail.clearance.cleared);
    expect(detail.clearance.cleared).toBe(detail.clearance.total - detail.clearance.notCleared.length);
    // the file's clearance is kept as it was, and exported again
    expect(lib.service['items.get']({ id: 'rl-moved' }).clearance).toEqual(mismatched().clearance);
    const exported = JSON.parse(lib.service['library.export']({}).text) as ExchangeFile;
    expect(exported.items.find((i) => i.id === 'rl-moved')?.clearance).toEqual(mismatched().clearance);
  });

  test('the library’s status filter counts and finds it as changed since cleared, not as cleared', () => {
    lib.service['library.import']({ text: sampleText() });
    const cleared = lib.service['items.facets']({}).statuses.find((s) => s.value === 'cleared')?.count ?? 0;
    lib.service['library.import']({ text: file([{ ...mismatched(), id: 'rl-moved' }]) });
    const facets = lib.service['items.facets']({}).statuses;
    expect(facets.find((s) => s.value === 'changed')?.count).toBe(1);
    expect(facets.find((s) => s.value === 'cleared')?.count).toBe(cleared);
    expect(lib.service['items.list']({ statuses: ['changed'] }).rows.map((r) => r.id)).toEqual(['rl-moved']);
    expect(lib.service['items.list']({ statuses: ['cleared'] }).rows.map((r) => r.id)).not.toContain('rl-moved');
  });

  test('clearing it again clears the text as it is now', () => {
    lib.service['library.import']({ text: file([mismatched()]) });
    const again = lib.service['items.setStatus']({ id: 'rl-moved', status: 'cleared', by: 'K. Lee' });
    expect(again.clearanceState).toBe('cleared');
    expect(again.clearance?.by).toBe('K. Lee');
  });

  test('a hash that is not sha256: and 64 hex digits is refused in words, and nothing is imported', () => {
    const bad = { ...mismatched(), clearance: { by: 'J. Park', at: '2026-11-01', contentHash: 'md5:1234' } };
    expect(() => lib.service['library.import']({ text: file([bad]) })).toThrow(/items\[0\]\.clearance\.contentHash.*sha256/);
    expect(lib.service['items.list']({}).total).toBe(0);
  });
});

describe('files from before clearances held a hash', () => {
  test('a cleared item without a clearance is taken as cleared; the library records the hash then; importing again changes nothing', () => {
    lib.service['library.import']({ text: sampleText() });
    const item = lib.service['items.get']({ id: 'obj-principles' });
    expect(item.clearanceState).toBe('cleared');
    expect(item.clearance?.contentHash).toBe(contentHashOf(item, lib.service['markings.get']({})));
    const again = lib.service['library.import']({ text: sampleText() });
    expect(again.items.updated).toBe(0);
    expect(lib.service['items.get']({ id: 'obj-principles' }).clearance).toEqual(item.clearance);
  });
});

describe('0003 clearance: upgrading a library', () => {
  test('items cleared before the upgrade stay cleared, by whoever cleared them; the others get their hash', () => {
    const path = join(lib.dir, 'v2.db');
    const old = new Database(path);
    migrate(old, loadMigrations().slice(0, 2));
    old.prepare('INSERT INTO markings (id, scheme, levels, portion_marks, extra) VALUES (1, ?, ?, 1, NULL)').run('default', JSON.stringify(DEFAULT_MARKINGS.levels));
    const insert = old.prepare(
      `INSERT INTO items (id, kind, title, body, classification, caveats, status, version, created_at, updated_at, status_changed_by, status_changed_at)
       VALUES (?, 'talking_point', ?, 'Text.', 'C', '["NOFORN"]', ?, 3, 'x', 'y', ?, ?)`,
    );
    insert.run('tp-cleared', 'Cleared point', 'cleared', 'J. Park', '2026-10-01T09:00:00Z');
    insert.run('tp-draft', 'Draft point', 'draft', null, null);
    old.prepare("INSERT INTO item_translations (item_id, lang, title, body) VALUES ('tp-cleared', 'ko', '정리된 요점', '본문')").run();
    old.close();

    const opened = openTestLibrary(path);
    try {
      const cleared = opened.service['items.get']({ id: 'tp-cleared' });
      expect(cleared.clearanceState).toBe('cleared');
      expect(cleared.version).toBe(3);
      expect(cleared.clearance).toEqual({ by: 'J. Park', at: '2026-10-01T09:00:00Z', contentHash: contentHashOf(cleared, DEFAULT_MARKINGS) });
      expect(opened.service['items.get']({ id: 'tp-draft' }).clearance).toBeUndefined();
      expect(opened.service['items.list']({}).rows.map((r) => [r.id, r.clearanceState]).sort()).toEqual([
        ['tp-cleared', 'cleared'],
        ['tp-draft', 'draft'],
      ]);
    } finally {
      opened.close();
    }
  });
});

describe('the clearance chain', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/spec/briefbook-v1.schema.json', import.meta.url)), 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

  test('decisions recorded in the app are made on the text saved; an edit leaves the offices waiting; the file carries the chain and validates', () => {
    lib.service['library.import']({ text: sampleText() });
    const item = lib.service['items.get']({ id: 'rl-flexibility-details' });
    const chain = [
      { office: 'EAP/K', person: 'J. Park', date: '2026-11-28', decision: 'cleared' as const },
      { office: 'PM', date: '2026-11-29', decision: 'cleared' as const },
      { office: 'S/P', decision: 'for_information' as const },
    ];
    const saved = lib.service['items.save']({ item: draftOf(item, { drafter: 'Korea Desk', clearances: chain }) });
    expect(saved.status).toBe('cleared');
    expect(saved.drafter).toBe('Korea Desk');
    expect(saved.clearances).toEqual(chain.map((entry) => ({ ...entry, contentHash: saved.contentHash })));
    const waiting = () => lib.service['books.get']({ id: BOOK }).clearance.waiting.find((w) => w.id === item.id);
    expect(waiting()).toBeUndefined();

    // a new office joins the chain: the paper waits on it alone
    const more = lib.service['items.save']({ item: draftOf(saved, { clearances: [...(saved.clearances ?? []), { office: 'L', decision: 'cleared' }] }) });
    expect(more.clearances?.at(-1)?.contentHash).toBe(more.contentHash);
    lib.service['items.save']({ item: draftOf(more, { clearances: [...(saved.clearances ?? []), { office: 'L', decision: 'for_information' }, { office: 'OSD', decision: 'cleared', contentHash: `sha256:${'0'.repeat(64)}` }] }) });
    expect(waiting()).toEqual({ id: item.id, title: item.title, clearanceState: 'cleared', offices: ['OSD'] });

    // the text changes: every office that cleared it has to clear it again, even when the
    // editor sends the chain back without the hashes it was given
    const edited = lib.service['items.get']({ id: item.id });
    const unhashed = (edited.clearances ?? []).map(({ contentHash: _h, ...entry }) => entry);
    lib.service['items.save']({ item: draftOf(edited, { body: `${edited.body} Nothing more.`, clearances: unhashed }) });
    expect(waiting()).toEqual({ id: item.id, title: item.title, clearanceState: 'in_review', offices: ['EAP/K', 'PM', 'OSD'] });

    const exported = JSON.parse(lib.service['library.export']({ bookId: BOOK }).text) as ExchangeFile;
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(exported.items.find((i) => i.id === item.id)).toMatchObject({ drafter: 'Korea Desk', clearances: expect.arrayContaining([expect.objectContaining({ office: 'EAP/K', decision: 'cleared' })]) });
  });

  test('a chain entry without an office is refused in words, naming the item', () => {
    lib.service['library.import']({ text: sampleText() });
    const item = lib.service['items.get']({ id: 'obj-principles' });
    const file = JSON.stringify({ format: 'briefbook/v1', items: [{ ...draftOf(item), clearances: [{ office: '', decision: 'cleared' }] }], books: [] });
    expect(() => lib.service['library.import']({ text: file })).toThrow(/items\[0\]\.clearances\[0\]\.office/);
  });
});
