import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentLibraries } from './recent-libraries';

let dir: string;
let file: string;
let clock: number;
const recent = () => new RecentLibraries(file, () => new Date(Date.UTC(2025, 7, 25, 9, 0, clock++)));
const library = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '');
  return path;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbook-recent-'));
  file = join(dir, 'recent-libraries.json');
  clock = 0;
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentLibraries', () => {
  it('lists libraries newest first, each once', () => {
    const list = recent();
    const summit = library('summit.briefbook');
    const g20 = library('g20.briefbook');
    list.touch(summit);
    list.touch(g20);
    list.touch(summit);
    expect(list.list()).toEqual([
      { path: summit, fileName: 'summit.briefbook', openedAt: '2025-08-25T09:00:02.000Z' },
      { path: g20, fileName: 'g20.briefbook', openedAt: '2025-08-25T09:00:01.000Z' },
    ]);
    expect(recent().has(g20)).toBe(true);
    expect(recent().has(join(dir, 'other.briefbook'))).toBe(false);
  });

  it('keeps ten, and leaves out files that are gone', () => {
    const list = recent();
    for (let i = 0; i < 12; i += 1) list.touch(library(`lib-${i}.briefbook`));
    expect(list.list()).toHaveLength(10);
    rmSync(join(dir, 'lib-11.briefbook'));
    expect(list.list().map((r) => r.fileName)[0]).toBe('lib-10.briefbook');
  });

  it.each(['', 'not json', '{"path": "/x"}', '[{"path": 7}, null, {"openedAt": "x"}]'])('reads the damaged file %j as empty', (text) => {
    writeFileSync(file, text);
    expect(recent().list()).toEqual([]);
    recent().touch(library('fresh.briefbook'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1);
  });
});

describe('RecentLibraries change notice', () => {
  it('tells its owner after every change', () => {
    let changes = 0;
    const list = new RecentLibraries(file, undefined, () => (changes += 1));
    list.touch(library('a.briefbook'));
    list.touch(library('b.briefbook'));
    expect(changes).toBe(2);
  });
});
