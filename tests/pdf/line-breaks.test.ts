/**
 * A single line break in Briefbook text is the writer's and prints as one (docs/spec/EXCHANGE.md,
 * "Briefbook text"): two lines typed one under the other are two lines in the PDF, not one
 * run-on sentence.
 */
import { describe, expect, it } from 'vitest';
import { buildBookPdf } from '../../src/pdf';
import { DEFAULT_MARKINGS, type BookContent, type ExchangeItem } from '../../src/shared/domain';
import { NODE_EXTRAS, fonts, readPdf } from './pdf-reader';

function bookWithBody(body: string): BookContent {
  const item: ExchangeItem = { id: 'tp-dialogue', kind: 'talking_point', title: 'Regular dialogue', body, classification: 'U', status: 'cleared' };
  return {
    markings: DEFAULT_MARKINGS,
    book: { id: 'breaks', title: 'Line breaks', sections: [{ id: 's', title: 'Talking points', items: ['tp-dialogue'] }] },
    items: [item],
    itemVersions: {},
  };
}

async function bodyLines(body: string): Promise<string[]> {
  const result = await buildBookPdf(bookWithBody(body), fonts(), { mode: 'working' }, NODE_EXTRAS);
  const pdf = await readPdf(result.bytes);
  return pdf.pages.flatMap((page) => page.lines.map((line) => line.text));
}

describe('line breaks in the body', () => {
  it('prints a single line break as a new line', async () => {
    const lines = await bodyLines('Hold vice-ministerial talks twice a year\nCoordinate at the UN');
    expect(lines).toContain('Hold vice-ministerial talks twice a year');
    expect(lines).toContain('Coordinate at the UN');
    expect(lines.some((line) => line.includes('twice a year Coordinate'))).toBe(false);
  });

  it('keeps a line break inside a bullet entry, and a CRLF is one break', async () => {
    const lines = await bodyLines('- Reaffirm the alliance\r\n  in the joint statement');
    expect(lines.some((line) => line.endsWith('Reaffirm the alliance'))).toBe(true);
    expect(lines).toContain('in the joint statement');
  });

  it('still joins nothing else: a paragraph without breaks wraps as before', async () => {
    const lines = await bodyLines('Keep the details of strategic flexibility at the working level.');
    expect(lines).toContain('Keep the details of strategic flexibility at the working level.');
  });
});
