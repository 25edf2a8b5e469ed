/**
 * Operations the window cannot do alone (issue 10, point 5; docs/security.md): whatever destroys
 * data or could lock the user out of it — encrypt (a passphrase the window chose), change the
 * passphrase, decrypt, rotate the key, restore a backup, delete a book, purge an item — is
 * confirmed by the person at the keyboard in a NATIVE dialog the main process raises, not by
 * anything the renderer shows or says. A compromised renderer can ask; it cannot answer. Plain
 * module: the dialog is injected (main passes Electron's `dialog.showMessageBox`), so the
 * decision is tested without 'electron'.
 */
import { ApiError, type ApiMethod } from '../../../src/shared/contract';

/** What the dialog says; `action` is the button that goes ahead (Cancel is the default). */
export interface Confirmation {
  title: string;
  message: string;
  detail: string;
  action: string;
}

/** Asks the person; true only when they chose `action`. */
export type Confirmer = (question: Confirmation) => Promise<boolean>;

/** Facts the questions name, read by main from the store (never taken from the window's message). */
export interface ConfirmationFacts {
  fileName: () => string;
  bookTitle: (id: string) => string | null;
  itemTitle: (id: string) => string | null;
}

type Input = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const quoted = (title: string | null, fallback: string) => (title === null ? fallback : `“${title.length > 120 ? `${title.slice(0, 119)}…` : title}”`);

const QUESTIONS: Partial<Record<ApiMethod, (input: Input, facts: ConfirmationFacts) => Confirmation>> = {
  'vault.encrypt': (_input, facts) => ({
    title: 'Encrypt the library',
    message: `Encrypt ${facts.fileName()} with the passphrase just typed?`,
    detail:
      'Without that passphrase nobody can open the library or its backups again, you included: a lost passphrase cannot be recovered. A protected copy of the library as it is now is kept first.',
    action: 'Encrypt',
  }),
  'vault.changePassphrase': (_input, facts) => ({
    title: 'Change the passphrase',
    message: `Change the passphrase of ${facts.fileName()} and of its backups?`,
    detail: 'Afterwards only the new passphrase opens them. A forgotten passphrase cannot be recovered.',
    action: 'Change the passphrase',
  }),
  'vault.rotateKey': (_input, facts) => ({
    title: 'New encryption key',
    message: `Encrypt ${facts.fileName()} and every backup again under a new key?`,
    detail: 'Every file is rewritten; afterwards no earlier key file opens any of them.',
    action: 'Encrypt under a new key',
  }),
  'vault.decrypt': (_input, facts) => ({
    title: 'Decrypt the library',
    message: `Write ${facts.fileName()} back as a plain file?`,
    detail: 'Anyone who can read the file can then read every item in it.',
    action: 'Decrypt',
  }),
  'backups.restore': (input, facts) => ({
    title: 'Restore a backup',
    message: `Replace ${facts.fileName()} with the backup ${text(input.name)}?`,
    detail: 'A protected copy of the library as it is now is kept first, so this can be undone by restoring that copy.',
    action: 'Restore',
  }),
  'books.delete': (input, facts) => ({
    title: 'Delete a book',
    message: `Delete the book ${quoted(facts.bookTitle(text(input.id)), 'with this id')}?`,
    detail: 'The book and its sections are removed from the library (its items stay). Only a backup can bring it back.',
    action: 'Delete the book',
  }),
  'items.purge': (input, facts) => ({
    title: 'Purge an item',
    message: `Erase the item ${quoted(facts.itemTitle(text(input.id)), 'with this id')} and every version of it, for good?`,
    detail: 'Its text is erased from the library, its search index and its logs, and cannot be brought back. The audit log keeps only that an item was purged, by whom and when. Backups taken before still hold it.',
    action: 'Purge',
  }),
};

/** The methods the window cannot run without the person's native confirmation. */
export const CONFIRMED_METHODS = Object.keys(QUESTIONS) as ApiMethod[];

/** The question for a call, or null when the method needs none. */
export function confirmationFor(method: string, input: unknown, facts: ConfirmationFacts): Confirmation | null {
  const question = (QUESTIONS as Record<string, ((input: Input, facts: ConfirmationFacts) => Confirmation) | undefined>)[method];
  if (question === undefined) return null;
  return question(input !== null && typeof input === 'object' ? (input as Input) : {}, facts);
}

export const CANCELLED_MESSAGE = 'Nothing was changed: it was not confirmed.';

/**
 * Wraps handlers so that each confirmed method first asks `confirm`, and answers
 * ApiError('cancelled') without calling the handler unless the person chose to go ahead.
 */
export function withConfirmation<H extends Record<string, (input: never) => unknown>>(handlers: H, confirm: Confirmer, facts: ConfirmationFacts): H {
  const wrapped: Record<string, (input: never) => unknown> = { ...handlers };
  for (const method of Object.keys(handlers)) {
    if (!CONFIRMED_METHODS.includes(method as ApiMethod)) continue;
    const handler = handlers[method];
    wrapped[method] = async (input: never) => {
      const question = confirmationFor(method, input, facts);
      if (question !== null && !(await confirm(question))) throw new ApiError('cancelled', CANCELLED_MESSAGE);
      return handler(input);
    };
  }
  return wrapped as H;
}
