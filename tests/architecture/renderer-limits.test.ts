/**
 * A text field's length limit is the store's (LIMITS in src/shared/domain.ts), never a number of
 * its own: a field that allowed more than the contract would fail on save, one that allowed less
 * would cut text the library can hold (issue 12).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `file:line` of each `maxLength` given a number literal. */
export function literalMaxLengths(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => (/maxLength=\{\s*[\d_]+\s*\}|maxLength:\s*[\d_]+/.test(line) ? [`${file}:${index + 1}`] : []));
}

describe('renderer length limits', () => {
  it('finds a number literal (the check itself)', () => {
    expect(literalMaxLengths('a.tsx', '<input maxLength={500} />\n<input maxLength={LIMITS.title} />')).toEqual(['a.tsx:1']);
  });

  it('every maxLength in the renderer comes from LIMITS', () => {
    const found = files(join(root, 'src/renderer')).flatMap((path) => literalMaxLengths(relative(root, path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });
});
