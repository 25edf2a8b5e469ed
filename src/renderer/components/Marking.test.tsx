// @vitest-environment jsdom
/**
 * Badges and portion marks read at 4.5:1 or better whatever the level's conventional colour
 * (white on TOP SECRET orange is 2.3:1), and show what the marking engine says: portion forms
 * in banner order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { DEFAULT_MARKINGS } from '../../shared/domain';
import { levelColour } from '../../shared/markings';
import { MarkingBadge, PortionMark } from './Marking';
import { contrast } from './marking-colour';

function hex(rgb: string): string {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

afterEach(cleanup);

describe('marking badges and portion marks', () => {
  it.each(DEFAULT_MARKINGS.levels.map((l) => [l.banner, l.code]))('%s badge text reads at 4.5:1 on its colour', (banner, code) => {
    render(<MarkingBadge scheme={DEFAULT_MARKINGS} level={code} text={banner} />);
    const badge = screen.getByTitle(`Overall marking: ${banner}`);
    expect(hex(badge.style.backgroundColor)).toBe(levelColour(DEFAULT_MARKINGS, code).toLowerCase());
    expect(contrast(hex(badge.style.color), hex(badge.style.backgroundColor))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(DEFAULT_MARKINGS.levels.map((l) => [l.code]))('portion mark of level %s reads at 4.5:1 on white', (code) => {
    render(<PortionMark scheme={DEFAULT_MARKINGS} item={{ id: 'x', classification: code }} />);
    const mark = screen.getByText(`(${code})`);
    expect(contrast(hex(mark.style.color), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('prints caveats in their portion forms, in banner order', () => {
    render(<PortionMark scheme={DEFAULT_MARKINGS} item={{ id: 'x', classification: 'TS', caveats: ['NOFORN', 'ORCON'] }} />);
    expect(screen.getByTitle('Portion mark (TS//OC/NF)').textContent).toBe('(TS//OC/NF)');
  });

  it('says so when an item’s level is not in the scheme', () => {
    render(<PortionMark scheme={DEFAULT_MARKINGS} item={{ id: 'x', classification: 'OS' }} />);
    expect(screen.getByTitle('Level “OS” is not in the marking scheme').textContent).toBe('(OS?)');
  });
});
