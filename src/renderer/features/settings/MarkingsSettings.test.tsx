// @vitest-environment jsdom
/**
 * Settings → Markings: the scheme is edited in the form and stored only by Save, through
 * `markings.set`; renaming a caveat keeps what supersedes it; a preset replaces the form after
 * a confirmation; a scheme the store would refuse is explained before saving, and the store's
 * own refusal is shown in words.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { BriefbookApi, LibraryInfo, MarkingScheme } from '../../../shared/contract';
import { DEFAULT_MARKINGS } from '../../../shared/domain';
import { createQueryClient } from '../../lib/api';
import { MarkingsSettings } from './MarkingsSettings';

let sets: MarkingScheme[];

function install(refuse?: string) {
  sets = [];
  let stored: MarkingScheme = structuredClone(DEFAULT_MARKINGS);
  const api: Partial<BriefbookApi> = {
    'markings.get': async () => stored,
    'library.info': async () => ({ readOnly: false, markings: stored }) as LibraryInfo,
    'markings.set': async ({ scheme }) => {
      sets.push(scheme as MarkingScheme);
      if (refuse !== undefined) throw Object.assign(new Error(`[invalid_input] ${refuse}`), { code: 'invalid_input' });
      stored = scheme as MarkingScheme;
      return stored;
    },
  };
  window.briefbook = api;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MarkingsSettings />
    </QueryClientProvider>,
  );
}

const input = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const saveButton = () => screen.getByRole('button', { name: 'Save the scheme' }) as HTMLButtonElement;

afterEach(() => {
  cleanup();
  delete window.briefbook;
});

describe('Settings → Markings', () => {
  it('shows the scheme in use: levels lowest first, caveats in banner order', async () => {
    install();
    await screen.findByRole('textbox', { name: 'Level 1 code' });
    expect([1, 2, 3, 4].map((n) => input(`Level ${n} banner`).value)).toEqual(['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET']);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => input(`Caveat ${n} code`).value)).toEqual(['ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'REL TO', 'RELIDO', 'FOUO']);
    expect((screen.getByRole('checkbox', { name: 'REL TO carries a country list' }) as HTMLInputElement).checked).toBe(true);
    expect((within(screen.getByRole('group', { name: 'What NOFORN supersedes' })).getByRole('checkbox', { name: 'REL TO' }) as HTMLInputElement).checked).toBe(true);
    expect(saveButton().disabled).toBe(true);
  });

  it('edits a caveat, reorders one, and saves the scheme through markings.set', async () => {
    install();
    await screen.findByRole('textbox', { name: 'Caveat 5 code' });
    fireEvent.change(input('Caveat 5 code'), { target: { value: 'REL' } });
    fireEvent.change(input('Caveat 1 portion'), { target: { value: 'OR' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move FOUO up' }));
    fireEvent.click(screen.getByRole('radio', { name: 'the highest item printed on each page' }));
    expect(screen.getByText('Unsaved changes to the scheme')).toBeTruthy();
    fireEvent.click(saveButton());
    await waitFor(() => expect(sets).toHaveLength(1));
    const saved = sets[0];
    expect(saved.caveats?.map((c) => c.code)).toEqual(['ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'REL', 'FOUO', 'RELIDO']);
    expect(saved.caveats?.[0]).toEqual({ code: 'ORCON', portion: 'OR' });
    // NOFORN still supersedes the renamed releasability caveat
    expect(saved.caveats?.[2]).toEqual({ code: 'NOFORN', portion: 'NF', supersedes: ['REL'] });
    expect(saved.caveats?.[4]).toEqual({ code: 'REL', countries: true });
    expect(saved.pageMarking).toBe('page');
    expect(saved.levels).toEqual(DEFAULT_MARKINGS.levels);
    await screen.findByText(/^Saved \d{1,2}:\d\d:\d\d( [AP]M)?\. Every badge/);
  });

  it('removing a caveat takes it out of what others supersede', async () => {
    install();
    await screen.findByRole('textbox', { name: 'Caveat 5 code' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove REL TO' }));
    expect(screen.queryByRole('textbox', { name: 'Caveat 7 code' })).toBeNull();
    fireEvent.click(saveButton());
    await waitFor(() => expect(sets).toHaveLength(1));
    expect(sets[0].caveats?.map((c) => c.code)).toEqual(['ORCON', 'IMCON', 'NOFORN', 'PROPIN', 'RELIDO', 'FOUO']);
    expect(sets[0].caveats?.[2]).toEqual({ code: 'NOFORN', portion: 'NF' });
  });

  it('applies the UK preset only after a confirmation, then saves it', async () => {
    install();
    await screen.findByRole('textbox', { name: 'Level 1 code' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Preset' }), { target: { value: 'uk' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply preset…' }));
    expect(input('Level 1 banner').value).toBe('UNCLASSIFIED');
    const confirm = screen.getByRole('group', { name: 'Confirm the preset' });
    expect(confirm.textContent).toMatch(/Replace the levels, caveats and options below with the United Kingdom preset/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Apply the United Kingdom preset' }));
    expect([1, 2, 3, 4].map((n) => input(`Level ${n} banner`).value)).toEqual(['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET']);
    expect((screen.getByRole('checkbox', { name: /Portion marks/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(saveButton());
    await waitFor(() => expect(sets).toHaveLength(1));
    expect(sets[0]).toMatchObject({ scheme: 'uk', owner: 'GBR', portionMarks: false });
    expect(sets[0].levels.map((l) => l.code)).toEqual(['O', 'OS', 'S', 'TS']);
  });

  it('does not offer to save a scheme with a repeated caveat code, and says which', async () => {
    install();
    await screen.findByRole('textbox', { name: 'Caveat 2 code' });
    fireEvent.change(input('Caveat 2 code'), { target: { value: 'ORCON' } });
    expect(screen.getByRole('note', { name: 'Problems to fix before saving' }).textContent).toMatch(/Caveat 2 repeats the code “ORCON” of caveat 1\./);
    expect(saveButton().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Add a level' }));
    expect(screen.getByRole('note', { name: 'Problems to fix before saving' }).textContent).toMatch(/Level 5 has no code\./);
    expect(sets).toEqual([]);
  });

  it('shows the store refusing a scheme in words, and keeps the form as it was', async () => {
    install('the new scheme lacks level "C", which 3 items and 1 book floor use');
    await screen.findByRole('textbox', { name: 'Level 2 code' });
    fireEvent.change(input('Level 2 code'), { target: { value: 'K' } });
    fireEvent.click(saveButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: the new scheme lacks level "C", which 3 items and 1 book floor use');
    expect(input('Level 2 code').value).toBe('K');
    expect(screen.getByText('Unsaved changes to the scheme')).toBeTruthy();
  });
});
