/**
 * Thumb tabs: each section's pages carry a labelled tab on the outer (right) edge, one step
 * further down the page for each section, so a thumb finds a section by feel and by sight. A
 * section with red lines gets a red tab and says so in words ("RED LINES"): colour is never the
 * only sign. A book of more sections than fit down one edge starts again at the top.
 */
import type { FontSet } from '../fonts';
import { fillRect, type Page } from '../page';
import { num } from '../pdf-syntax';
import type { PreparedSection } from '../prepare';
import { ALERT, WHITE, style } from '../styles';
import { drawLine, fitLine } from '../text-layout';
import { BODY_BOTTOM, BODY_TOP } from './geometry';

export const TAB_WIDTH = 24;
const TAB_GAP = 3;
const MAX_TAB_HEIGHT = 110;
/** below this a tab has no room for words: more sections start again at the top */
const MIN_TAB_HEIGHT = 44;
const TAB_COLOUR: [number, number, number] = [0.22, 0.27, 0.36];

/** The tab's words: the section's number and title, and RED LINES when its red is not said. */
export function tabLabel(section: PreparedSection, index: number): string {
  const red = section.items.some((p) => p.item.kind === 'red_line');
  const says = /red\s*lines?/i.test(section.title);
  return `${index + 1} ${section.title}${red && !says ? ' · RED LINES' : ''}`;
}

/** Draws the tab of the page's section (pages with no section get none). */
export function paintThumbTabs(fonts: FontSet, pages: readonly Page[], sections: readonly PreparedSection[]): void {
  if (sections.length === 0) return;
  fonts.context = { where: 'the thumb tabs' };
  const perRun = Math.max(1, Math.floor((BODY_TOP - BODY_BOTTOM) / MIN_TAB_HEIGHT));
  const step = Math.min(MAX_TAB_HEIGHT, (BODY_TOP - BODY_BOTTOM) / Math.min(sections.length, perRun));
  const labels = sections.map((section, i) => tabLabel(section, i));
  for (const page of pages) {
    const index = page.sectionIndex;
    if (index < 0 || index >= sections.length) continue;
    const red = sections[index].items.some((p) => p.item.kind === 'red_line');
    const size = 7.5;
    const x = page.size.width - TAB_WIDTH;
    const top = BODY_TOP - (index % perRun) * step;
    const height = step - TAB_GAP;
    page.under.push(fillRect(x, top - height, TAB_WIDTH, height, red ? ALERT : TAB_COLOUR));
    const line = fitLine(fonts, labels[index], style(size, { bold: true, color: WHITE }), height - 8);
    // read bottom to top along the edge: rotate a quarter turn about the text's start
    const tx = x + TAB_WIDTH / 2 + size * 0.35;
    const ty = top - height + (height - line.width) / 2;
    page.body.push(`q 0 1 -1 0 ${num(tx)} ${num(ty)} cm ${drawLine(fonts, line, 0, 0)} Q`);
  }
}
