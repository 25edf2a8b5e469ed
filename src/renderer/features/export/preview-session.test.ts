/**
 * The live preview's jobs with the real engine and fonts: a newer edit supersedes the jobs before
 * it (only its page is sent, with the latest text), a job stops at its next checkpoint when an
 * edit arrives while it runs, and a settled book answers page requests.
 */
import { describe, expect, it } from 'vitest';
import { LiveLayout } from '../../../pdf';
import type { ExchangeItem } from '../../../shared/domain';
import { generatedBook } from '../../../../tests/bench/pdf-book';
import { fonts, readPdf } from '../../../../tests/pdf/pdf-reader';
import type { FromPreviewWorker } from './preview-protocol';
import { PreviewSession } from './preview-session';

const files = fonts();
const content = generatedBook(120, 6);
const target = content.book.sections[3].items[4];
const stored = content.items.find((i) => i.id === target) as ExchangeItem;
const typed = (words: string): ExchangeItem => ({ ...stored, body: `${stored.body} ${words}` });

function session(onPost?: (message: FromPreviewWorker) => void) {
  const sent: FromPreviewWorker[] = [];
  const preview = new PreviewSession(
    async () => new LiveLayout(files),
    (message) => {
      sent.push(message);
      onPost?.(message);
    },
  );
  return { preview, sent };
}

async function pageText(message: FromPreviewWorker | undefined): Promise<string> {
  if (message?.type !== 'page') throw new Error(`expected a page, got ${JSON.stringify(message?.type)}`);
  return (await readPdf(message.bytes)).pages[0].text.replace(/\s+/g, ' ');
}

describe('the live preview worker’s jobs', () => {
  it('sends only the newest edit’s page, with the text typed last, when edits come faster than pages', async () => {
    const { preview, sent } = session();
    void preview.receive({ type: 'book', job: 1, content, options: { mode: 'working' }, focus: { itemId: target } });
    void preview.receive({ type: 'edit', job: 2, item: typed('alpha'), focus: { itemId: target } });
    await preview.receive({ type: 'edit', job: 3, item: typed('alpha bravo'), focus: { itemId: target } });
    expect(sent.map((m) => `${m.type} ${m.job}`)).toEqual(['page 3', 'settled 3']);
    expect(await pageText(sent[0])).toContain('alpha bravo');
  });

  it('drops a running job at its next checkpoint when an edit arrives: the book does not re-flow for the old text', async () => {
    const holder: { preview?: PreviewSession } = {};
    let edited = false;
    const run = session((message) => {
      // the first page is out, the re-flow waits for a pause in typing: the user types on
      if (message.type === 'page' && !edited) {
        edited = true;
        void holder.preview?.receive({ type: 'edit', job: 2, item: typed('charlie'), focus: { itemId: target } });
      }
    });
    const preview = run.preview;
    holder.preview = preview;
    await preview.receive({ type: 'book', job: 1, content, options: { mode: 'working' }, focus: { itemId: target } });
    await preview.receive({ type: 'show', job: 3, focus: { itemId: target } });
    expect(run.sent.map((m) => `${m.type} ${m.job}`)).toEqual(['page 1', 'page 2', 'settled 2', 'page 3', 'settled 3']);
    expect(await pageText(run.sent[1])).toContain('charlie');
    const first = run.sent[0];
    const again = run.sent[3];
    expect(first.type === 'page' && again.type === 'page' && again.pageNumber === first.pageNumber).toBe(true);
  });

  it('answers a page of the settled book by its number, and says when the book does not print the item', async () => {
    const { preview, sent } = session();
    await preview.receive({ type: 'book', job: 1, content, options: { mode: 'working' }, focus: { page: 1 } });
    expect(sent.map((m) => `${m.type} ${m.job}`)).toEqual(['page 1', 'settled 1']);
    const cover = sent[0];
    expect(cover.type === 'page' && cover.pageNumber).toBe(1);
    expect(await pageText(cover)).toContain(content.book.title);
    const loose: ExchangeItem = { ...stored, id: 'not-in-a-section', title: 'A loose item' };
    await preview.receive({ type: 'edit', job: 2, item: loose, focus: { itemId: loose.id } });
    expect(sent.slice(2).map((m) => `${m.type} ${m.job}`)).toEqual(['absent 2', 'settled 2']);
  });

  it('keeps a page turned to on its content when the book re-flows under it: text added above moves it, its anchor finds it', async () => {
    const { preview, sent } = session();
    await preview.receive({ type: 'book', job: 1, content, options: { mode: 'working' }, focus: { itemId: target } });
    const itemPage = sent[0];
    if (itemPage.type !== 'page') throw new Error('expected the item’s page');
    // the user turns to the page after the item's (a body page: it has an anchor)
    await preview.receive({ type: 'show', job: 2, focus: { page: itemPage.pageNumber + 1 } });
    const turned = sent[2];
    if (turned.type !== 'page' || turned.anchor === undefined) throw new Error('expected a body page with its anchor');
    expect(turned.pageNumber).toBe(itemPage.pageNumber + 1);

    // the book comes back with an item of its first section three times as long (edited elsewhere)
    const early = content.book.sections[0].items[0];
    const longer = content.items.map((i) => (i.id === early ? { ...i, body: `${i.body}\n\n${i.body}\n\n${i.body}` } : i));
    await preview.receive({ type: 'book', job: 3, content: { ...content, items: longer }, options: { mode: 'working' }, focus: { page: turned.pageNumber, anchor: turned.anchor } });
    const moved = sent[4];
    if (moved.type !== 'page') throw new Error('expected the page again');
    expect(moved.pageNumber).toBeGreaterThan(turned.pageNumber);
    expect(moved.anchor).toEqual(turned.anchor);
    // the same text, only its page numbers changed
    const words = async (m: FromPreviewWorker) => (await pageText(m)).replace(/\d+/g, '#');
    expect(await words(moved)).toBe(await words(turned));

    // without an anchor (the cover, the listings) the number is kept, within the book
    await preview.receive({ type: 'show', job: 4, focus: { page: 10_000 } });
    const last = sent[sent.length - 2];
    expect(last.type === 'page' && last.pageNumber === last.pageCount).toBe(true);
  });
});
