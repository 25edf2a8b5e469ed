/**
 * The process the whole-file crash test kills: it encrypts, changes the passphrase (between the
 * two it is given), rotates the data key, backs up, decrypts and restores the same library in a
 * loop through the real session, printing `T <op>` before and `A <op>` after each. argv[2] is
 * JSON: { path, passphrase, otherPassphrase, seed }; the seed decides when it restores.
 */
import { writeSync } from 'node:fs';
import { openLibrarySession } from '../../electron/store/session';
import { prng } from './prng';

const { path, passphrase: first, otherPassphrase, seed } = JSON.parse(process.argv[2] ?? '{}') as { path: string; passphrase: string; otherPassphrase: string; seed: number };
const random = prng(seed);
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const say = (line: string) => writeSync(1, `${line}\n`);

const session = openLibrarySession(path, { scrypt: CHEAP, backupOnOpen: false, keepBackups: 4, sampleText: () => '' });
// a kill may have landed after a passphrase change: either of the two opens the library
let passphrase = first;
if (session['vault.status']({}).state === 'locked') {
  try {
    session['vault.unlock']({ passphrase });
  } catch {
    passphrase = otherPassphrase;
    session['vault.unlock']({ passphrase });
  }
}
const other = () => (passphrase === first ? otherPassphrase : first);
const ready = session['vault.status']({});
if (ready.state !== 'open') throw new Error(`child could not open the library: ${JSON.stringify(ready)}`);
say('READY');
for (;;) {
  const op = session['vault.status']({}).encrypted ? 'decrypt' : 'encrypt';
  say(`T ${op}`);
  if (op === 'encrypt') session['vault.encrypt']({ passphrase });
  else session['vault.decrypt']({ passphrase });
  say(`A ${op}`);
  say('T backup');
  session['backups.create']({});
  say('A backup');
  if (session['vault.status']({}).encrypted) {
    const next = other();
    say('T passphrase');
    session['vault.changePassphrase']({ current: passphrase, next });
    passphrase = next;
    say('A passphrase');
    say('T rotate');
    session['vault.rotateKey']({ passphrase });
    say('A rotate');
  }
  const newest = session['backups.list']({}).find((b) => !b.name.includes('-damaged'));
  if (newest !== undefined && random() < 0.5) {
    say('T restore');
    session['backups.restore']({ name: newest.name });
    say('A restore');
  }
}
