// @vitest-environment jsdom
/**
 * The caveat input knows the scheme: `REL TO USA, KOR` is one caveat, never two; REL TO takes
 * its countries from a picker searchable by code and name; a caveat the scheme lacks is kept
 * but flagged; chips show in the scheme's banner order whatever order they were added in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { DEFAULT_MARKINGS, type MarkingScheme } from '../../shared/domain';
import { MARKING_PRESETS } from '../../shared/markings';
import { CaveatInput } from './CaveatInput';

let stored: string[][];

function Harness({ initial, scheme = DEFAULT_MARKINGS }: { initial: string[]; scheme?: MarkingScheme }) {
  const [values, setValues] = useState(initial);
  return (
    <>
      <span id="caveats-label">Caveats</span>
      <CaveatInput
        values={values}
        scheme={scheme}
        labelledBy="caveats-label"
        onChange={(next) => {
          stored.push(next);
          setValues(next);
        }}
      />
    </>
  );
}

function setup(initial: string[] = [], scheme?: MarkingScheme) {
  stored = [];
  render(<Harness initial={initial} scheme={scheme} />);
}

/** The chips as a reader sees them, in the order shown (the remove button's × left out). */
function chips(): string[] {
  const list = screen.queryByRole('list', { name: 'Caveats on this item, in banner order' });
  if (list === null) return [];
  return within(list)
    .getAllByRole('listitem')
    .map((li) => (li.textContent ?? '').replace(/×$/, ''));
}

function type(text: string) {
  const input = screen.getByRole('textbox', { name: 'Add caveat' });
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

afterEach(cleanup);

describe('the caveat input', () => {
  it('keeps “REL TO USA, KOR” as one caveat: typing it gives one chip, not two', () => {
    setup();
    type('REL TO USA, KOR');
    expect(chips()).toEqual(['REL TO USA, KOR']);
    expect(stored.at(-1)).toEqual(['REL TO USA, KOR']);
  });

  it('writes a typed country list owner first, then alphabetically', () => {
    setup();
    type('rel to kor, jpn, usa');
    expect(stored.at(-1)).toEqual(['REL TO USA, JPN, KOR']);
  });

  it('picks REL TO countries by code or by name, owner first', () => {
    setup(['NOFORN']);
    fireEvent.click(screen.getByRole('button', { name: 'REL TO…', pressed: false }));
    expect(stored.at(-1)).toEqual(['NOFORN', 'REL TO USA']);

    const picker = screen.getByRole('combobox', { name: 'Add a country to REL TO' });
    fireEvent.change(picker, { target: { value: 'kor' } });
    const options = within(screen.getByRole('listbox', { name: 'Add a country to REL TO: matches' })).getAllByRole('option');
    expect(options[0].textContent).toBe('KOR Korea, Republic of');
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(stored.at(-1)).toEqual(['NOFORN', 'REL TO USA, KOR']);

    fireEvent.change(picker, { target: { value: 'japan' } });
    fireEvent.click(screen.getByRole('option', { name: 'JPN Japan' }));
    expect(chips()).toEqual(['NOFORN', 'REL TO USA, JPN, KOR']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove JPN from REL TO' }));
    expect(chips()).toEqual(['NOFORN', 'REL TO USA, KOR']);
    // the owner country is not removable: it heads every list
    expect(screen.queryByRole('button', { name: 'Remove USA from REL TO' })).toBeNull();
  });

  it('adds REL TO countries typed later to the REL TO already there, not as a second REL TO', () => {
    setup(['REL TO USA, KOR']);
    type('REL TO GBR');
    expect(chips()).toEqual(['REL TO USA, GBR, KOR']);
  });

  it('refuses a REL TO list with a malformed country code, says why, and keeps the text to fix', () => {
    setup(['NOFORN']);
    type('REL TO USA, KOREA');
    expect(chips()).toEqual(['NOFORN']);
    expect(stored).toEqual([]);
    expect(screen.getByRole('alert').textContent).toMatch(/^Not added: caveat "REL TO USA, KOREA" lists "KOREA", which is not a country trigraph or tetragraph/);
    const input = screen.getByRole('textbox', { name: 'Add caveat' }) as HTMLInputElement;
    expect(input.value).toBe('REL TO USA, KOREA');
    type('REL TO USA, KOR');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(chips()).toEqual(['NOFORN', 'REL TO USA, KOR']);
    expect(input.value).toBe('');
  });

  it('drops a REL TO whose last country is removed, instead of keeping a REL TO with none', () => {
    setup(['REL TO KOR']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove KOR from REL TO' }));
    expect(chips()).toEqual([]);
    expect(stored.at(-1)).toEqual([]);
  });

  it('flags a caveat the scheme does not list, and keeps it', () => {
    setup(['NOFORN']);
    type('EYES ONLY');
    expect(chips()).toEqual(['NOFORN', 'EYES ONLYnot in the scheme']);
    expect(screen.getByRole('note').textContent).toMatch(/Not in the scheme: “EYES ONLY”/);
    expect(stored.at(-1)).toEqual(['NOFORN', 'EYES ONLY']);
  });

  it('shows chips in the scheme’s banner order, whatever the order they were added in', () => {
    setup(['FOUO', 'NOFORN']);
    expect(chips()).toEqual(['NOFORN', 'FOUO']);
    type('orcon');
    expect(chips()).toEqual(['ORCON', 'NOFORN', 'FOUO']);
    expect(stored.at(-1)).toEqual(['ORCON', 'NOFORN', 'FOUO']);
    fireEvent.click(screen.getByRole('button', { name: 'NOFORN', pressed: true }));
    expect(chips()).toEqual(['ORCON', 'FOUO']);
  });

  it('offers the caveats of the scheme in use, in its order', () => {
    const uk = MARKING_PRESETS.find((p) => p.id === 'uk')!.scheme;
    setup([], uk);
    const picks = within(screen.getByRole('group', { name: "The scheme's caveats" })).getAllByRole('button');
    expect(picks.map((b) => b.textContent)).toEqual(['UK EYES ONLY', 'REL TO…']);
    type('NOFORN');
    expect(chips()).toEqual(['NOFORNnot in the scheme']);
  });

  it('says so when the scheme lists no caveats', () => {
    setup([], MARKING_PRESETS.find((p) => p.id === 'kr')!.scheme);
    expect(screen.getByText(/The “kr” scheme lists no caveats/)).toBeTruthy();
    type('대외비 한정');
    expect(chips()).toEqual(['대외비 한정not in the scheme']);
  });
});
