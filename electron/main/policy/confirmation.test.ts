/**
 * The window cannot destroy or lock away data alone (issue 10, point 5): each destructive method
 * asks the injected confirmer first, names what it will do from the store's facts, and answers
 * `cancelled` without touching anything when the person says no.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, apiContract } from '../../../src/shared/contract';
import { CONFIRMED_METHODS, confirmationFor, withConfirmation, type Confirmation, type ConfirmationFacts } from './confirmation';

const facts: ConfirmationFacts = {
  fileName: () => 'summit.briefbook',
  bookTitle: (id) => (id === 'book-1' ? 'Seoul summit' : null),
  itemTitle: (id) => (id === 'rl-1' ? 'Tariff floor' : null),
};

function recording(answer: boolean) {
  const asked: Confirmation[] = [];
  const called: string[] = [];
  const handlers: Record<string, (input: never) => unknown> = {};
  for (const method of Object.keys(apiContract)) handlers[method] = () => called.push(method);
  const guarded = withConfirmation(handlers, async (q) => {
    asked.push(q);
    return answer;
  }, facts);
  return { guarded, asked, called };
}

describe('destructive calls need a native confirmation', () => {
  it('covers encrypt, passphrase change, key rotation, decrypt, restore and book deletion', () => {
    expect([...CONFIRMED_METHODS].sort()).toEqual(
      expect.arrayContaining(['backups.restore', 'books.delete', 'items.purge', 'vault.changePassphrase', 'vault.decrypt', 'vault.encrypt', 'vault.rotateKey']),
    );
    for (const method of CONFIRMED_METHODS) expect(Object.keys(apiContract)).toContain(method);
  });

  it.each(['vault.encrypt', 'vault.changePassphrase', 'vault.rotateKey', 'vault.decrypt', 'backups.restore', 'books.delete', 'items.purge'])(
    '%s is refused with `cancelled` and never reaches the library when the person says no',
    async (method) => {
      const { guarded, asked, called } = recording(false);
      await expect(Promise.resolve(guarded[method]({ id: 'book-1', name: 'x.backup', passphrase: 'p' } as never))).rejects.toEqual(
        expect.objectContaining({ code: 'cancelled' }),
      );
      expect(asked).toHaveLength(1);
      expect(called).toEqual([]);
    },
  );

  it('goes ahead when the person chose the action', async () => {
    const { guarded, called } = recording(true);
    await guarded['books.delete']({ id: 'book-1' } as never);
    expect(called).toEqual(['books.delete']);
  });

  it('asks nothing for an ordinary call', async () => {
    const { guarded, asked, called } = recording(false);
    await guarded['items.save']({} as never);
    await guarded['backups.create']({} as never);
    expect(asked).toEqual([]);
    expect(called).toEqual(['items.save', 'backups.create']);
  });

  it("names the book from the store, never from the window's words", () => {
    expect(confirmationFor('books.delete', { id: 'book-1', title: 'Harmless draft' }, facts)).toMatchObject({
      message: 'Delete the book “Seoul summit”?',
      action: 'Delete the book',
    });
    expect(confirmationFor('books.delete', { id: 'nope' }, facts)?.message).toBe('Delete the book with this id?');
    expect(confirmationFor('backups.restore', { name: 'summit.briefbook.20261127T060000000Z.backup' }, facts)?.message).toBe(
      'Replace summit.briefbook with the backup summit.briefbook.20261127T060000000Z.backup?',
    );
    expect(confirmationFor('items.purge', { id: 'rl-1' }, facts)?.message).toBe('Erase the item “Tariff floor” and every version of it, for good?');
    expect(confirmationFor('items.list', {}, facts)).toBeNull();
  });

  it('an error of the handler still reaches the caller after a yes', async () => {
    const handlers: Record<string, (input: never) => unknown> = {
      'vault.decrypt': () => {
        throw new ApiError('wrong_passphrase', 'no');
      },
    };
    const guarded = withConfirmation(handlers, async () => true, facts);
    await expect(Promise.resolve(guarded['vault.decrypt']({} as never))).rejects.toEqual(expect.objectContaining({ code: 'wrong_passphrase' }));
  });
});
