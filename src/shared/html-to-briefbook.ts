/**
 * HTML → Briefbook text: what a paste from Word, LibreOffice, Google Docs or a web page, and a
 * .docx converted by mammoth, keep. One converter for the editor (renderer) and the .docx import
 * (Node): htmlparser2's streaming parser runs in both and needs no DOM.
 *
 * Kept: paragraphs (p, div, headings, table cells, list entries...), line breaks (br), bullet and
 * numbered lists with their start number (ul/ol/li, and Word's `mso-list` paragraphs, whose
 * bullet or number is text inside `<![if !supportLists]>` or a `mso-list:Ignore` span), one level
 * of nesting (deeper levels join the first), bold (b, strong, `font-weight: bold|600..900`) and
 * italic (i, em, `font-style: italic`), with `font-weight: normal` / `font-style: normal`
 * switching them off again (Google Docs wraps a whole paste in `<b style="font-weight:normal">`).
 * A heading becomes a bold paragraph. Dropped: images, scripts and styles, colours, fonts, sizes,
 * links (their text stays), tables (each cell becomes a paragraph of its text).
 */
import { Parser } from 'htmlparser2';
import type { Block, ListEntry, NestedList, TextDocument, TextRun } from './briefbook-text';
import { writeBriefbookText } from './briefbook-text-writer';

export function htmlToBriefbookText(html: string): string {
  return writeBriefbookText(htmlToTextDocument(html));
}

const SKIPPED = new Set(['head', 'title', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'object', 'iframe', 'select', 'textarea', 'button', 'xml']);
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'address', 'article', 'aside', 'section', 'header',
  'footer', 'main', 'nav', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt',
  'dd', 'hr', 'body', 'center', 'form', 'fieldset', 'details', 'summary',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

interface ElementFrame {
  tag: string;
  bold: boolean;
  italic: boolean;
  skip: boolean;
  marker: boolean;
  pre: boolean;
}

interface HtmlList {
  ordered: boolean;
  start: number;
  depth: number;
  /** the top-level list block this list (or its ancestor) writes into */
  top: Extract<Block, { type: 'list' }> | null;
}

type Sink = { runs: TextRun[] };

function parseStyle(style: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (style ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) out.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim().toLowerCase());
  }
  return out;
}

function weightIsBold(weight: string): boolean | null {
  if (weight === 'bold' || weight === 'bolder') return true;
  if (weight === 'normal' || weight === 'lighter') return false;
  const n = Number.parseInt(weight, 10);
  return Number.isFinite(n) ? n >= 600 : null;
}

/** A Word list marker that counts: `1.`, `a)`, `iv.`, `(2)`; bullets are `·`, `o`, `§`, `-`... */
const ORDERED_MARKER = /^\(?([0-9]{1,9}|[a-z]{1,2}|[ivxlcdm]{1,6})[.)]$/i;

export function htmlToTextDocument(html: string): TextDocument {
  const blocks: Block[] = [];
  const frames: ElementFrame[] = [{ tag: '#root', bold: false, italic: false, skip: false, marker: false, pre: false }];
  const lists: HtmlList[] = [];
  /** where text goes now; null: the next text opens a paragraph */
  let sink: Sink | null = null;
  /** a block boundary inside the sink since its last text: the next text starts a new line */
  let lineBreakPending = false;
  /** the sinks of the list entries we are inside, innermost last */
  const entrySinks: (Sink | null)[] = [];
  let supportLists = false;
  // Word's mso-list paragraphs
  let word: { level: number; marker: string; placed: boolean } | null = null;
  let wordList: Extract<Block, { type: 'list' }> | null = null;

  const top = () => frames[frames.length - 1];
  const lastEntry = (list: Extract<Block, { type: 'list' }>): ListEntry => {
    let entry = list.entries.at(-1);
    if (entry === undefined) {
      entry = { runs: [], children: null };
      list.entries.push(entry);
    }
    return entry;
  };
  const nestedIn = (entry: ListEntry, ordered: boolean, start: number): NestedList => {
    entry.children ??= { ordered, start: ordered ? start : 1, entries: [] };
    return entry.children;
  };

  /** Ends the current paragraph (outside lists) or starts a new line (inside an entry). */
  const boundary = () => {
    if (sink !== null && entrySinks.length > 0 && sink === entrySinks[entrySinks.length - 1]) lineBreakPending = sink.runs.length > 0;
    else {
      sink = entrySinks.at(-1) ?? null;
      lineBreakPending = sink !== null && sink.runs.length > 0;
    }
  };

  const placeWordItem = () => {
    if (word === null || word.placed) return;
    word.placed = true;
    const marker = word.marker.replace(/[\s\u00a0]+/g, '');
    const ordered = ORDERED_MARKER.test(marker);
    const number = /\d+/.exec(marker);
    const start = ordered && number !== null ? Number(number[0]) || 1 : 1;
    if (word.level <= 1 || wordList === null) {
      if (wordList === null || wordList.ordered !== ordered || blocks.at(-1) !== wordList) {
        wordList = { type: 'list', ordered, start, entries: [] };
        blocks.push(wordList);
      }
      const entry: ListEntry = { runs: [], children: null };
      wordList.entries.push(entry);
      sink = entry;
    } else {
      const nested = nestedIn(lastEntry(wordList), ordered, start);
      const entry = { runs: [] as TextRun[] };
      nested.entries.push(entry);
      sink = entry;
    }
    lineBreakPending = false;
  };

  const addText = (text: string) => {
    const frame = top();
    if (frame.skip) return;
    if (frame.marker || supportLists) {
      if (word !== null && !word.placed) word.marker += text;
      return;
    }
    const clean = frame.pre ? text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ') : text.replace(/[\s\u00a0]+/g, ' ');
    if (clean === '') return;
    if (word !== null) placeWordItem();
    if (sink === null) {
      if (clean.trim() === '') return;
      const paragraph: Block = { type: 'paragraph', runs: [] };
      blocks.push(paragraph);
      sink = paragraph;
      wordList = null;
    }
    if (lineBreakPending) {
      if (clean.trim() === '') return;
      sink.runs.push({ text: '\n', bold: false, italic: false });
      lineBreakPending = false;
    }
    const last = sink.runs.at(-1);
    // white space collapses across elements, as a browser shows it (`image <img> goes`)
    const value = !frame.pre && clean.startsWith(' ') && (last === undefined || /\s$/.test(last.text)) ? clean.slice(1) : clean;
    if (value === '') return;
    if (last !== undefined && last.bold === frame.bold && last.italic === frame.italic) last.text += value;
    else sink.runs.push({ text: value, bold: frame.bold, italic: frame.italic });
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = top();
        const style = parseStyle(attrs.style);
        let bold = parent.bold || name === 'b' || name === 'strong' || HEADINGS.has(name);
        let italic = parent.italic || name === 'i' || name === 'em';
        const weight = style.get('font-weight');
        if (weight !== undefined) bold = weightIsBold(weight) ?? bold;
        const fontStyle = style.get('font-style');
        if (fontStyle !== undefined) italic = fontStyle === 'italic' || fontStyle === 'oblique' ? true : fontStyle === 'normal' ? false : italic;
        const msoList = style.get('mso-list') ?? '';
        const frame: ElementFrame = {
          tag: name,
          bold,
          italic,
          skip: parent.skip || SKIPPED.has(name) || style.get('display') === 'none',
          marker: parent.marker || msoList === 'ignore',
          pre: parent.pre || name === 'pre',
        };
        frames.push(frame);
        if (frame.skip) return;
        if (name === 'br') {
          if (sink !== null && !frame.marker) sink.runs.push({ text: '\n', bold: false, italic: false });
          return;
        }
        if (name === 'ul' || name === 'ol') {
          const depth = lists.length + 1;
          const ordered = name === 'ol';
          const start = Number.parseInt(attrs.start ?? '1', 10);
          const list: HtmlList = { ordered, start: Number.isFinite(start) && start >= 1 ? start : 1, depth, top: lists.at(-1)?.top ?? null };
          if (depth === 1) {
            list.top = { type: 'list', ordered, start: list.start, entries: [] };
            blocks.push(list.top);
            wordList = null;
          }
          lists.push(list);
          sink = null;
          lineBreakPending = false;
          return;
        }
        if (name === 'li') {
          const list = lists.at(-1);
          if (list === undefined || list.top === null) {
            // an <li> outside any list: a paragraph of its own
            sink = null;
            entrySinks.push(null);
            return;
          }
          let entry: Sink;
          if (list.depth === 1) {
            const top1: ListEntry = { runs: [], children: null };
            list.top.entries.push(top1);
            entry = top1;
          } else {
            // the first nested list decides the nested level's kind; deeper lists join it
            const second = lists[1];
            const nested = nestedIn(lastEntry(list.top), second.ordered, second.start);
            entry = { runs: [] };
            nested.entries.push(entry as { runs: TextRun[] });
          }
          entrySinks.push(entry);
          sink = entry;
          lineBreakPending = false;
          return;
        }
        if (name === 'p' && msoList !== '' && msoList !== 'ignore' && lists.length === 0) {
          const level = /level(\d+)/.exec(msoList);
          word = { level: level === null ? 1 : Number(level[1]), marker: '', placed: false };
          sink = null;
          return;
        }
        if (BLOCKS.has(name)) boundary();
      },
      onclosetag(name) {
        const frame = frames.pop() ?? top();
        if (frame.skip || name === 'br') return;
        if (name === 'ul' || name === 'ol') {
          lists.pop();
          sink = entrySinks.at(-1) ?? null;
          lineBreakPending = sink !== null && sink.runs.length > 0;
          return;
        }
        if (name === 'li') {
          entrySinks.pop();
          sink = lists.length > 0 ? null : (entrySinks.at(-1) ?? null);
          lineBreakPending = false;
          return;
        }
        if (name === 'p' && word !== null) {
          placeWordItem();
          word = null;
          sink = null;
          return;
        }
        if (BLOCKS.has(name)) boundary();
      },
      ontext: addText,
      oncomment(comment) {
        const text = comment.trim().toLowerCase();
        if (text.startsWith('[if') && text.includes('supportlists')) supportLists = true;
        else if (text.startsWith('[endif')) supportLists = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { blocks: blocks.filter((block) => block.type === 'list' || block.runs.some((run) => run.text.trim() !== '')) };
}
