/**
 * The process the crash test kills (docs/security.md DUR-2). It opens a real library through the
 * store's front door and edits it as fast as it can: new items, updates, section reorders
 * (many rows), imports (many items, all or nothing) and WAL checkpoints. Before each action it
 * prints `T <op> ...`; after the service call has returned — the commit is done, this is when
 * the app would show "saved" — it prints `A <op> ...`. Lines go out with a synchronous write,
 * so an acknowledged line is never behind the commit it reports.
 *
 * argv[2] is JSON: { path, keyHex?, seed, bookId }.
 */
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openTestLibrary } from '../../electron/store/testing';
import { prng } from './prng';

interface ChildConfig {
  path: string;
  keyHex?: string;
  seed: number;
  bookId: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;

// seeded, so a failing trial can be replayed
const random = prng(config.seed);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const say = (line: string) => writeSync(1, `${line}\n`);
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

function bodyText(n: number): string {
  const words = ['alliance', 'tariff', 'shipbuilding', 'investment', 'deterrence', 'exchange-rate', '동맹', '관세', 'working-level'];
  const length = 20 + Math.floor(random() * (random() < 0.1 ? 4000 : 300));
  const out: string[] = [`Line ${config.seed}-${n}:`];
  for (let i = 0; i < length; i += 1) out.push(pick(words));
  return out.join(' ');
}

const library = openTestLibrary(config.path, { key: config.keyHex === undefined ? undefined : Buffer.from(config.keyHex, 'hex'), mustExist: true });
const service = library.service;
const mine: string[] = [];
let n = 0;

say('READY');
for (;;) {
  n += 1;
  const roll = random();
  if (roll < 0.4 || mine.length === 0) {
    const id = `tp-crash-${config.seed}-${n}`;
    const body = bodyText(n);
    say(`T save ${id}`);
    const saved = service['items.save']({ item: { id, kind: 'talking_point', title: `Crash ${config.seed} ${n}`, body, classification: 'C', status: 'draft' } });
    mine.push(id);
    say(`A save ${id} ${saved.version} ${sha(body)}`);
  } else if (roll < 0.6) {
    const id = pick(mine);
    const body = bodyText(n);
    say(`T update ${id}`);
    const current = service['items.get']({ id });
    const saved = service['items.save']({ item: { id, kind: 'talking_point', title: current.title, body, classification: 'C', status: 'draft' } });
    say(`A update ${id} ${saved.version} ${sha(body)}`);
  } else if (roll < 0.75) {
    const ids = service['books.get']({ id: config.bookId }).sections.map((s) => s.id);
    for (let i = ids.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    say(`T reorder ${ids.join(',')}`);
    service['books.reorderSections']({ bookId: config.bookId, sectionIds: ids });
    say(`A reorder ${ids.join(',')}`);
  } else if (roll < 0.9) {
    const ids = Array.from({ length: 3 + Math.floor(random() * 4) }, (_, k) => `bg-imp-${config.seed}-${n}-${k}`);
    const text = JSON.stringify({
      format: 'briefbook/v1',
      items: ids.map((id) => ({ id, kind: 'background', title: `Imported ${id}`, body: bodyText(n), classification: 'U', status: 'draft' })),
      books: [],
    });
    say(`T import ${ids.join(',')}`);
    service['library.import']({ text });
    say(`A import ${ids.join(',')}`);
  } else {
    const mode = pick(['PASSIVE', 'FULL', 'RESTART', 'TRUNCATE']);
    say(`T checkpoint ${mode}`);
    service.db.pragma(`wal_checkpoint(${mode})`);
    say(`A checkpoint ${mode}`);
  }
}
