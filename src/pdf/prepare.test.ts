import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem } from '../shared/domain';
import { PdfExportError, prepareBook } from './prepare';

const item = (id: string, classification: string, extra: Partial<ExchangeItem> = {}): ExchangeItem => ({
  id,
  kind: 'red_line',
  title: `Title of ${id}`,
  body: 'Body.',
  classification,
  status: 'cleared',
  ...extra,
});

function book(items: ExchangeItem[], sections: { id: string; items: string[] }[], floor?: string): BookContent {
  return {
    markings: DEFAULT_MARKINGS,
    book: { id: 'b1', title: 'Book', floor, sections: sections.map((s) => ({ ...s, title: `Section ${s.id}` })) },
    items,
    itemVersions: Object.fromEntries(items.map((i, n) => [i.id, n + 1])),
  };
}

describe('prepareBook', () => {
  const items = [item('u1', 'U'), item('c1', 'C', { caveats: ['NOFORN'] }), item('s1', 'S', { caveats: ['REL TO USA, KOR'] })];
  const content = book(items, [
    { id: 'one', items: ['u1', 'c1'] },
    { id: 'two', items: ['s1'] },
  ]);

  it('rolls up the overall marking and portion marks from what is printed', () => {
    const prepared = prepareBook(content, { mode: 'working' });
    // NOFORN supersedes REL TO, and the warning says why in words
    expect(prepared.overall.text).toBe('SECRET//NOFORN');
    expect(prepared.sections.flatMap((s) => s.items.map((p) => p.mark))).toEqual(['(U)', '(C//NF)', '(S//REL TO USA, KOR)']);
    expect(prepared.markingWarnings).toEqual([expect.objectContaining({ code: 'marking', itemId: 'c1', message: expect.stringMatching(/^NOFORN because ".*" is NOFORN; REL TO dropped$/) })]);
    expect(prepared.itemVersions).toEqual({ u1: 1, c1: 2, s1: 3 });
  });

  it('builds a releasable edition from filtered data: excluded items are gone, their sections and numbers stay', () => {
    const prepared = prepareBook(content, { mode: 'working', maxLevel: 'C' });
    expect(prepared.sections.map((s) => s.id)).toEqual(['one', 'two']);
    expect(prepared.sections[0].items.map((p) => p.item.id)).toEqual(['u1', 'c1']);
    expect(prepared.sections[0].items.map((p) => p.number)).toEqual(['RL-1', 'RL-2']);
    expect(prepared.sections[1].items).toEqual([]);
    expect(prepared.sections[1].withheld).toEqual([{ number: 'RL-3', before: 0 }]);
    expect(prepared.withheld).toEqual(['RL-3']);
    expect(JSON.stringify(prepared.sections)).not.toContain('s1');
    expect(prepared.overall.text).toBe('CONFIDENTIAL//NOFORN');
    expect(prepared.itemVersions).toEqual({ u1: 1, c1: 2 });
    expect(prepared.releasableTo).toEqual({ code: 'C', banner: 'CONFIDENTIAL' });
  });

  it('numbers items per kind over the full book, the first place of an item named twice', () => {
    const mixed = book(
      [item('a', 'U', { kind: 'talking_point' }), item('b', 'S'), item('c', 'U', { kind: 'talking_point' }), item('d', 'U')],
      [
        { id: 'one', items: ['a', 'b'] },
        { id: 'two', items: ['c', 'a', 'd'] },
      ],
    );
    const full = prepareBook(mixed, { mode: 'working' });
    expect(full.sections.map((s) => s.items.map((p) => p.number))).toEqual([['TP-1', 'RL-1'], ['TP-2', 'TP-1', 'RL-2']]);
    const edition = prepareBook(mixed, { mode: 'working', maxLevel: 'U' });
    expect(edition.sections.map((s) => s.items.map((p) => p.number))).toEqual([['TP-1'], ['TP-2', 'TP-1', 'RL-2']]);
    expect(edition.sections[0].withheld).toEqual([{ number: 'RL-1', before: 1 }]);
  });

  it('keeps the floor even when the items are lower', () => {
    expect(prepareBook(book([item('u1', 'U')], [{ id: 'one', items: ['u1'] }], 'C'), { mode: 'working' }).overall.text).toBe('CONFIDENTIAL');
  });

  it('prints no portion marks when the scheme turns them off', () => {
    const off = { ...content, markings: { ...DEFAULT_MARKINGS, portionMarks: false } };
    expect(prepareBook(off, { mode: 'working' }).sections[0].items[0].mark).toBe('');
  });

  it('warns about uncleared items in a working copy and refuses them in a final one', () => {
    const drafts = book([item('u1', 'U', { status: 'draft' }), item('u2', 'U', { status: 'in_review' })], [{ id: 'one', items: ['u1', 'u2'] }]);
    expect(prepareBook(drafts, { mode: 'working' }).problems.map((p) => [p.code, p.itemId, p.sectionId])).toEqual([
      ['not_cleared', 'u1', 'one'],
      ['not_cleared', 'u2', 'one'],
    ]);
    let error: unknown;
    try {
      prepareBook(drafts, { mode: 'final' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PdfExportError);
    expect((error as PdfExportError).problems.map((p) => p.itemId)).toEqual(['u1', 'u2']);
    expect((error as PdfExportError).message).toContain('in review, not cleared');
  });

  it('collects every dangling id and unknown level before refusing', () => {
    const broken = book([item('u1', 'U'), item('x1', 'SECRETISH')], [{ id: 'one', items: ['u1', 'ghost', 'x1'] }]);
    expect(() => prepareBook(broken, { mode: 'working' })).toThrow(PdfExportError);
    try {
      prepareBook(broken, { mode: 'working' });
    } catch (e) {
      expect((e as PdfExportError).problems.map((p) => [p.code, p.itemId, p.sectionId])).toEqual([
        ['dangling_item', 'ghost', 'one'],
        ['unknown_level', 'x1', 'one'],
      ]);
    }
  });

  it('refuses an edition with nothing left to print', () => {
    expect(() => prepareBook(book([item('s1', 'S')], [{ id: 'one', items: ['s1'] }]), { mode: 'working', maxLevel: 'U' })).toThrow(/no items at or below UNCLASSIFIED/);
  });

  it('leaves out the sections the book left empty, unless asked to print them', () => {
    const withEmpty = book(items, [
      { id: 'one', items: ['u1'] },
      { id: 'empty', items: [] },
      { id: 'two', items: ['s1'] },
    ]);
    expect(prepareBook(withEmpty, { mode: 'working' }).sections.map((s) => s.id)).toEqual(['one', 'two']);
    expect(prepareBook(withEmpty, { mode: 'working', includeEmptySections: true }).sections.map((s) => s.id)).toEqual(['one', 'empty', 'two']);
  });
});
