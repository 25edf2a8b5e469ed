/**
 * The process the whole-file crash test kills: it encrypts, backs up, decrypts, backs up and
 * restores the same library in a loop through the real session, printing `T <op>` before and
 * `A <op>` after each. argv[2] is JSON: { path, passphrase, seed }; the seed decides when it restores.
 */
import { writeSync } from 'node:fs';
import { openLibrarySession } from '../../electron/store/session';
import { prng } from './prng';

const { path, passphrase, seed } = JSON.parse(process.argv[2] ?? '{}') as { path: string; passphrase: string; seed: number };
const random = prng(seed);
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const say = (line: string) => writeSync(1, `${line}\n`);

const session = openLibrarySession(path, { scrypt: CHEAP, backupOnOpen: false, keepBackups: 4, sampleText: () => '' });
if (session['vault.status']({}).state === 'locked') session['vault.unlock']({ passphrase });
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
  const newest = session['backups.list']({}).find((b) => !b.name.includes('-damaged'));
  if (newest !== undefined && random() < 0.5) {
    say('T restore');
    session['backups.restore']({ name: newest.name });
    say('A restore');
  }
}
