/**
 * An item as the book prints it: its label line (number, kind where the section does not say
 * it, NOT CLEARED stamp, topic), its heading with the portion mark, its body, its translation
 * (below, or beside it in a bilingual book), the tint and bar of its kind, and the head that
 * opens each page it continues onto. Also the section's endnotes and the line a withheld item
 * leaves in a releasable edition.
 */
import { CLEARANCE_STATE_LABELS } from '../../shared/clearance';
import type { ExchangeItem } from '../../shared/domain';
import type { FontSet } from '../fonts';
import { A4, box, boxWith, fillRect, hLine, strokeRect, type Box, type Page, type Placement } from '../page';
import type { BookLayoutOptions, PreparedItem, PreparedSection } from '../prepare';
import { ALERT, GREY, KIND_STYLES, LANGUAGE_NAMES, RULE, TYPE, WHITE, leading, style } from '../styles';
import { drawLine, fitLine, singleLine, type StyledRun } from '../text-layout';
import { columnBoxes } from './bilingual';
import { baselineOffset, bodyBoxes, gap, textBoxes, withMarker } from './boxes';
import { TAB_WIDTH } from './thumb-tabs';

const SCENARIO_TIME = /^(\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?)(\s+)(.*)$/s;

export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (match === null) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const month = months[Number(match[2]) - 1];
  return month === undefined ? iso : `${Number(match[3])} ${month} ${match[1]}`;
}

export interface ItemLayout {
  boxes: Box[];
  /** the head that opens each further page the item runs onto: mark, title, "(continued)" */
  continuation(): Box[];
  decorate(placements: Placement[]): void;
}

/** `(C//NF) Title (continued)` on one line: the title shortened, never the mark or the word. */
export function continuationBoxes(fonts: FontSet, prepared: PreparedItem, x: number, width: number): Box[] {
  const size = 9;
  const markStyle = style(size, { bold: true });
  const titleStyle = style(size, { bold: true, color: GREY });
  const mark = prepared.mark === '' ? undefined : singleLine(fonts, `${prepared.mark} `, markStyle);
  const tail = singleLine(fonts, ' (continued)', style(size, { italic: true, color: GREY }));
  const title = fitLine(fonts, prepared.item.title, titleStyle, width - (mark?.width ?? 0) - tail.width);
  return [
    box(leading(size) + 4, 0, true, (page, top) => {
      const baseline = top - baselineOffset(leading(size), size);
      let cursor = x;
      if (mark !== undefined) {
        page.body.push(drawLine(fonts, mark, cursor, baseline));
        cursor += mark.width;
      }
      page.body.push(drawLine(fonts, title, cursor, baseline));
      page.body.push(drawLine(fonts, tail, cursor + title.width, baseline));
    }),
  ];
}

/** Where bilingual columns end: up to the thumb tabs, less a gap (the widest any text runs). */
export const COLUMNS_RIGHT = A4.width - TAB_WIDTH - 20;

/**
 * `showKind`: false in a section whose items are all of one kind (its title already says it):
 * the label then carries the item's number alone.
 */
export function itemLayout(fonts: FontSet, prepared: PreparedItem, x: number, width: number, showKind: boolean, layout: BookLayoutOptions, hyphenate: boolean): ItemLayout {
  const { item } = prepared;
  const bilingual = layout.bilingual;
  const chosen = bilingual === undefined ? undefined : item.translations?.[bilingual.lang];
  const hasChosen = chosen !== undefined && ((chosen.title ?? '').trim() !== '' || (chosen.body ?? '').trim() !== '');
  // side by side: the two columns take the width up to the thumb tabs
  const columns = bilingual !== undefined && bilingual.layout === 'columns' && hasChosen;
  const blockWidth = columns ? COLUMNS_RIGHT - x : width;
  const kind = KIND_STYLES[item.kind];
  const boxes: Box[] = [];

  // the label line: the number and, where the section does not say it, the kind (never between
  // mark and title), a NOT CLEARED stamp, the topic
  const labelSize = TYPE.label;
  const labelStyle = style(labelSize, { bold: true, color: kind.chip ? WHITE : kind.accent });
  const labelText = [showKind ? kind.label : '', prepared.number].filter((t) => t !== '').join(' · ');
  const labelLine = singleLine(fonts, labelText, labelStyle);
  const stamp = prepared.cleared ? undefined : singleLine(fonts, `NOT CLEARED · ${CLEARANCE_STATE_LABELS[prepared.state].toUpperCase()}`, style(labelSize, { bold: true, color: ALERT }));
  const topic = item.topic !== undefined && item.topic.trim() !== '' ? fitLine(fonts, item.topic, style(labelSize, { color: GREY }), width / 2) : undefined;
  boxes.push(box(15, 18, true, (page, top) => {
    const baseline = top - 10;
    let cursor = x;
    if (kind.chip) {
      page.body.push(fillRect(x - 1, baseline - 3, labelLine.width + 8, labelSize + 5, kind.accent));
      page.body.push(drawLine(fonts, labelLine, x + 3, baseline));
      cursor = x + labelLine.width + 16;
    } else {
      page.body.push(drawLine(fonts, labelLine, x, baseline));
      cursor = x + labelLine.width + 12;
    }
    if (stamp !== undefined) {
      page.body.push(strokeRect(cursor - 3, baseline - 3, stamp.width + 6, labelSize + 5, ALERT, 1));
      page.body.push(drawLine(fonts, stamp, cursor, baseline));
    }
    if (topic !== undefined) page.body.push(drawLine(fonts, topic, x + blockWidth - topic.width, baseline));
  }));

  // the heading: portion mark immediately followed by the title
  const headingSize = kind.headingSize;
  const headStyle = style(headingSize, { bold: true });
  // a portion mark is a marking: dark bold text, like the banners (the kind's colour is elsewhere)
  const markStyle = style(headingSize, { bold: true });
  const timeStyle = style(headingSize, { bold: true, color: kind.accent });
  const heading: StyledRun[] = [];
  if (prepared.mark !== '') heading.push({ text: `${prepared.mark} `, style: markStyle });
  const time = item.kind === 'scenario' ? SCENARIO_TIME.exec(item.title) : null;
  if (time !== null) {
    heading.push({ text: time[1], style: timeStyle }, { text: `${time[2]}${time[3]}`, style: headStyle });
  } else {
    heading.push({ text: item.title, style: headStyle });
  }
  const qa = item.kind === 'if_raised';
  const qaStyle = style(headingSize + 2, { bold: true, color: kind.accent });
  const bodySize = kind.bodySize;
  if (columns && chosen !== undefined) {
    const translatedTitle: StyledRun[] = (chosen.title ?? '').trim() === '' ? [] : [...(prepared.mark === '' ? [] : [{ text: `${prepared.mark} `, style: markStyle }]), { text: chosen.title ?? '', style: headStyle }];
    const pair = columnBoxes(fonts, { title: heading, translatedTitle, body: item.body, translatedBody: chosen.body ?? '', lang: bilingual.lang, sourceLang: item.lang }, x, blockWidth, bodySize, hyphenate);
    if (qa && pair.length > 0) pair.unshift(withMarker(fonts, gap(0), { text: 'Q', style: qaStyle, x: x - 18 }, headingSize));
    boxes.push(...pair);
    return finish();
  }
  boxes.push(
    ...textBoxes(fonts, heading, {
      x,
      width,
      keep: true,
      marker: qa ? { text: 'Q', style: qaStyle, x: x - 18 } : undefined,
      paragraph: { lang: item.lang },
    }),
  );

  const body = bodyBoxes(fonts, item.body, x, width, bodySize, qa ? { text: 'A', style: qaStyle, x: x - 18 } : undefined, { hyphenate, lang: item.lang });
  if (body.length > 0) body[0] = boxWith(body[0], { spaceBefore: 4 });
  boxes.push(...body);

  // translations, each under its language's name (a bilingual book: its language's only)
  const languages = bilingual === undefined ? Object.keys(item.translations ?? {}).sort() : [bilingual.lang];
  for (const lang of languages) {
    const translation = item.translations?.[lang];
    if (translation === undefined || ((translation.title ?? '') === '' && (translation.body ?? '') === '')) continue;
    const name = LANGUAGE_NAMES[lang];
    boxes.push(
      ...textBoxes(fonts, [{ text: name === undefined ? lang : `${name} (${lang})`, style: style(7.5, { bold: true, color: GREY }) }], {
        x,
        width,
        spaceBefore: 7,
        keep: true,
      }),
    );
    if ((translation.title ?? '') !== '') {
      boxes.push(...textBoxes(fonts, [{ text: translation.title ?? '', style: style(bodySize + 0.5, { bold: true }) }], { x, width, keep: true, paragraph: { lang } }));
    }
    if ((translation.body ?? '') !== '') {
      const translated = bodyBoxes(fonts, translation.body ?? '', x, width, bodySize, undefined, { lang });
      if (translated.length > 0) translated[0] = boxWith(translated[0], { spaceBefore: 2 });
      boxes.push(...translated);
    }
  }

  return finish();

  function finish(): ItemLayout {
    return {
    boxes,
    continuation: () => continuationBoxes(fonts, prepared, x, width),
    decorate(placements) {
      if (kind.bar === 0 && kind.tint === undefined) return;
      const byPage = new Map<Page, { top: number; bottom: number }>();
      for (const p of placements) {
        const extent = byPage.get(p.page);
        if (extent === undefined) byPage.set(p.page, { top: p.top, bottom: p.bottom });
        else extent.bottom = p.bottom;
      }
      for (const [page, { top, bottom }] of byPage) {
        const padTop = 2;
        const padBottom = 4;
        if (kind.tint !== undefined) page.under.push(fillRect(x - 12, bottom - padBottom, blockWidth + 18, top - bottom + padTop + padBottom, kind.tint));
        if (kind.bar > 0) page.under.push(fillRect(x - 12, bottom - padBottom, kind.bar, top - bottom + padTop + padBottom, kind.accent));
      }
    },
    };
  }
}

/** A source as the endnotes print it: title, author, date (note). */
function sourceText(source: NonNullable<ExchangeItem['sources']>[number]): string | undefined {
  const parts = [source.title, source.author, source.date].filter((p): p is string => p !== undefined && p.trim() !== '');
  if (parts.length === 0) return undefined;
  return `${parts.join(', ')}${source.note ? ` (${source.note})` : ''}`;
}

/** The sources of a section's items, gathered under its last item: one note per source, by item number. */
export function endnoteBoxes(fonts: FontSet, section: PreparedSection, x: number, width: number): Box[] {
  const notes: { number: string; text: string }[] = [];
  for (const prepared of section.items) {
    for (const source of prepared.item.sources ?? []) {
      const text = sourceText(source);
      if (text !== undefined) notes.push({ number: prepared.number, text });
    }
  }
  if (notes.length === 0) return [];
  const size = TYPE.note;
  const boxes: Box[] = [
    box(8, 22, true, (page, top) => {
      page.body.push(hLine(x, x + 80, top - 2, RULE, 0.8));
    }),
    ...textBoxes(fonts, [{ text: 'Sources', style: style(size, { bold: true, color: GREY }) }], { x, width, keep: true }),
  ];
  for (const note of notes) {
    boxes.push(
      ...textBoxes(fonts, [{ text: note.text, style: style(size, { color: GREY }) }], {
        x: x + 44,
        width: width - 44,
        spaceBefore: 3,
        marker: { text: note.number, style: style(size, { bold: true, color: GREY }), x },
      }),
    );
  }
  return boxes;
}

/** "RL-2 withheld in this edition": the place and number of an item a releasable edition leaves out. */
export function withheldBoxes(fonts: FontSet, number: string, x: number, width: number): Box[] {
  return textBoxes(fonts, [{ text: `${number} withheld in this edition`, style: style(TYPE.body, { italic: true, color: GREY }) }], { x, width, spaceBefore: 16 });
}

