/**
 * No two classes or interfaces of the product share a name: a reader who meets `LibrarySession`
 * or `BriefbookError` must not have to ask which one (issue 12). Lint reads one file at a time,
 * so this test reads every declaration of the product's source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const SOURCE = /\.(ts|tsx)$/;
const NOT_PRODUCT = /\.test\.tsx?$|\.d\.ts$/;
const DECLARATION = /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface)\s+([A-Za-z_$][\w$]*)/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return SOURCE.test(name) && !NOT_PRODUCT.test(path) ? [path] : [];
  });
}

/** Each class or interface name declared in more than one place, with where. */
export function duplicateNames(sources: { file: string; text: string }[]): Record<string, string[]> {
  const where = new Map<string, string[]>();
  for (const { file, text } of sources) {
    for (const match of text.matchAll(DECLARATION)) where.set(match[1], [...(where.get(match[1]) ?? []), file]);
  }
  return Object.fromEntries([...where].filter(([, places]) => places.length > 1));
}

describe('class and interface names', () => {
  it('finds a name declared twice (the check itself)', () => {
    expect(
      duplicateNames([
        { file: 'a.ts', text: 'export class BriefbookError extends Error {}\ninterface Frame { x: number }' },
        { file: 'b.ts', text: 'export class BriefbookError extends Error {}\nexport interface Other {}' },
      ]),
    ).toEqual({ BriefbookError: ['a.ts', 'b.ts'] });
  });

  it('are unique across src/ and electron/', () => {
    const sources = ['src', 'electron'].flatMap((dir) =>
      files(join(root, dir)).map((path) => ({ file: relative(root, path), text: readFileSync(path, 'utf8') })),
    );
    expect(duplicateNames(sources)).toEqual({});
  });
});
