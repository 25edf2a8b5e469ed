import { describe, expect, it } from 'vitest';
import { A4, Flow, Page, type Box } from './page';

function box(name: string, height: number, keepWithNext = false, spaceBefore = 0): Box & { name: string } {
  return { name, height, spaceBefore, keepWithNext, paint: (page, top) => page.body.push(`${name}@${top}`) };
}

function flowOf(top = 100, bottom = 0) {
  const pages: Page[] = [];
  const flow = new Flow(
    () => {
      const page = new Page(A4, 'body');
      pages.push(page);
      return page;
    },
    top,
    bottom,
  );
  return { flow, pages };
}

describe('Flow', () => {
  it('places boxes down the page and breaks when the next does not fit', () => {
    const { flow, pages } = flowOf();
    const placed = flow.place([box('a', 40), box('b', 40), box('c', 40)]);
    expect(pages.map((p) => p.body)).toEqual([['a@100', 'b@60'], ['c@100']]);
    expect(placed.map((p) => pages.indexOf(p.page))).toEqual([0, 0, 1]);
  });

  it('drops the space above a box at the top of a page', () => {
    const { flow, pages } = flowOf();
    flow.place([box('a', 90), box('b', 20, false, 15)]);
    expect(pages[1].body).toEqual(['b@100']);
  });

  it('moves a heading to the next page with the first line of its body', () => {
    const { flow, pages } = flowOf();
    flow.place([box('text', 60), box('label', 10, true), box('heading', 20, true), box('first line', 15), box('second line', 15)]);
    expect(pages[0].body).toEqual(['text@100']);
    expect(pages[1].body).toEqual(['label@100', 'heading@90', 'first line@70', 'second line@55']);
  });

  it('keeps a chain where it is when it could not fit on any page', () => {
    const { flow, pages } = flowOf();
    flow.place([box('text', 50), ...Array.from({ length: 12 }, (_, i) => box(`kept ${i}`, 10, true)), box('end', 10)]);
    expect(pages[0].body.slice(0, 3)).toEqual(['text@100', 'kept 0@50', 'kept 1@40']);
  });
});

describe('Flow: a continued item', () => {
  it('opens the next page with the continuation head, then the rest without its space above', () => {
    const { flow, pages } = flowOf();
    const head = () => [box('(C) Title (continued)', 12)];
    flow.place([box('label', 10, true), box('heading', 20, true), box('line 1', 30), box('line 2', 30), box('line 3', 30, false, 8)], head);
    expect(pages.map((p) => p.body)).toEqual([
      ['label@100', 'heading@90', 'line 1@70', 'line 2@40'],
      ['(C) Title (continued)@100', 'line 3@88'],
    ]);
  });

  it('a head that moves whole to a new page is not a continuation', () => {
    const { flow, pages } = flowOf();
    flow.place([box('text', 80)]);
    flow.place([box('label', 10, true), box('heading', 20, true), box('line', 15)], () => [box('continued', 12)]);
    expect(pages[1].body).toEqual(['label@100', 'heading@90', 'line@70']);
  });

  it('a box taller than what is left under the head is placed, not looped over', () => {
    const { flow, pages } = flowOf();
    flow.place([box('a', 50), box('b', 95)], () => [box('continued', 12)]);
    expect(pages.map((p) => p.body)).toEqual([['a@100'], ['continued@100', 'b@88']]);
  });
});
