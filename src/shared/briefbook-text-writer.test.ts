import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseBriefbookText, type Block, type TextDocument, type TextRun } from './briefbook-text';
import { LITERAL_ASTERISK, normaliseLine, writeBriefbookText } from './briefbook-text-writer';

/** A document as lines of normalised runs: the line breaks carry no emphasis. */
function byLines(doc: TextDocument): unknown {
  const lines = (runs: readonly TextRun[]) => {
    const out: TextRun[][] = [[]];
    for (const run of runs) {
      run.text.split('\n').forEach((part, i) => {
        if (i > 0) out.push([]);
        if (part !== '') out[out.length - 1].push({ ...run, text: part });
      });
    }
    return out.map(normaliseLine);
  };
  return doc.blocks.map((block) =>
    block.type === 'paragraph'
      ? { p: lines(block.runs) }
      : {
          ordered: block.ordered,
          start: block.start,
          entries: block.entries.map((entry) => ({
            lines: lines(entry.runs),
            children: entry.children && {
              ordered: entry.children.ordered,
              start: entry.children.start,
              entries: entry.children.entries.map((child) => lines(child.runs)),
            },
          })),
        },
  );
}

// words that exercise the format: markers, digits, Hangul, punctuation the parser cares about
const word = fc.constantFrom('a', 'Alliance', '동맹', '한국어', '-', '1.', '2)', 'x', '—', '"quoted"', '5', '_');
const runArb = (withStars: boolean) =>
  fc.record({
    text: fc
      .array(fc.oneof(word, fc.constantFrom(' ', '  ', '\n'), ...(withStars ? [fc.constantFrom('*', ' * ', '*a*', '**', '***')] : [])), {
        minLength: 1,
        maxLength: 6,
      })
      .map((parts) => parts.join('')),
    bold: fc.boolean(),
    italic: fc.boolean(),
  });
const runsArb = (withStars: boolean) => fc.array(runArb(withStars), { minLength: 1, maxLength: 5 });

/** Keeps the document inside what the format can hold: no blank line inside a block. */
function tidy(runs: TextRun[]): TextRun[] {
  const text = runs.map((r) => r.text).join('');
  const lines = text.split('\n');
  return lines.some((line) => line.trim() === '') ? runs.map((r) => ({ ...r, text: r.text.replaceAll('\n', ' ') })) : runs;
}
function hasText(runs: TextRun[]): boolean {
  return runs.some((r) => r.text.trim() !== '');
}

const docArb = (withStars: boolean) => {
  const runs = runsArb(withStars).map(tidy).filter(hasText);
  // a bullet list has no start number: the parser gives it 1
  const nested = fc
    .record({
      ordered: fc.boolean(),
      start: fc.integer({ min: 1, max: 999 }),
      entries: fc.array(fc.record({ runs }), { minLength: 1, maxLength: 3 }),
    })
    .map((list) => ({ ...list, start: list.ordered ? list.start : 1 }));
  const block: fc.Arbitrary<Block> = fc.oneof(
    fc.record({ type: fc.constant('paragraph' as const), runs }),
    fc.record({
      type: fc.constant('list' as const),
      ordered: fc.boolean(),
      start: fc.integer({ min: 1, max: 999 }),
      entries: fc.array(fc.record({ runs, children: fc.option(nested, { nil: null }) }), { minLength: 1, maxLength: 3 }),
    }).map((list) => ({ ...list, start: list.ordered ? list.start : 1 })),
  );
  // two lists of the same kind side by side would read as one list: not a document of the model
  return fc.array(block, { minLength: 0, maxLength: 5 }).map((blocks) => ({ blocks }));
};

describe('Briefbook text writer', () => {
  test('doc → text → doc is the identity, for every document (in normal form)', () => {
    fc.assert(
      fc.property(docArb(false), (doc) => {
        expect(byLines(parseBriefbookText(writeBriefbookText(doc)))).toEqual(byLines(doc));
      }),
      { numRuns: 2000 },
    );
  });

  test('canonical text → doc → text is the identity', () => {
    fc.assert(
      fc.property(docArb(true), (doc) => {
        const canonical = writeBriefbookText(doc);
        expect(writeBriefbookText(parseBriefbookText(canonical))).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  test('any text at all is canonical after one pass', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '*', '-', '1', '.', ')', '가', '\t') }), (source) => {
        const once = writeBriefbookText(parseBriefbookText(source));
        expect(writeBriefbookText(parseBriefbookText(once))).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  test('literal asterisks: kept when they cannot pair, written as ＊ when they would read as emphasis', () => {
    fc.assert(
      fc.property(docArb(true), (doc) => {
        const text = writeBriefbookText(doc);
        const back = byLines(parseBriefbookText(text));
        const expected = JSON.parse(JSON.stringify(byLines(doc)).replaceAll('*', LITERAL_ASTERISK));
        const got = JSON.parse(JSON.stringify(back).replaceAll('*', LITERAL_ASTERISK));
        expect(got).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    const footnote = { blocks: [{ type: 'paragraph' as const, runs: [{ text: 'Cost 5 * 3 units*', bold: false, italic: false }] }] };
    expect(writeBriefbookText(footnote)).toBe('Cost 5 * 3 units*');
    const pairing = { blocks: [{ type: 'paragraph' as const, runs: [{ text: '5*3*2', bold: false, italic: false }] }] };
    expect(writeBriefbookText(pairing)).toBe(`5${LITERAL_ASTERISK}3${LITERAL_ASTERISK}2`);
  });

  test('a paragraph typed as "1. " or "- " stays a paragraph: indented by four spaces', () => {
    const doc: TextDocument = {
      blocks: [{ type: 'paragraph', runs: [{ text: '1. is not a list\n- nor this', bold: false, italic: false }] }],
    };
    const text = writeBriefbookText(doc);
    expect(text).toBe('    1. is not a list\n    - nor this');
    expect(parseBriefbookText(text)).toEqual(doc);
  });

  test('canonical spelling of lists, nesting, emphasis and line breaks', () => {
    const source = '3) three\n   still three\n4. *four*\n   - a\n\n\n- **b** and ***c*** \n  1. one';
    expect(writeBriefbookText(parseBriefbookText(source))).toBe(
      '3. three\n  still three\n4. *four*\n  - a\n\n- **b** and ***c***\n  1. one',
    );
  });
});
