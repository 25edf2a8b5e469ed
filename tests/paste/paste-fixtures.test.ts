/**
 * Clipboard HTML from Word, LibreOffice and a web page (tests/fixtures/paste, see its README for
 * how each was made) pastes as the Briefbook text beside it: lists, line breaks, bold and italic
 * kept, everything else dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { htmlToBriefbookText } from '../../src/shared/html-to-briefbook';

const fixtures = join(__dirname, '../fixtures/paste');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('paste fixtures', () => {
  test.each(['word', 'libreoffice', 'web'])('the %s fixture pastes as its expected Briefbook text', (name) => {
    expect(htmlToBriefbookText(fixture(`${name}.html`))).toBe(fixture(`${name}.expected.txt`).trimEnd());
  });
});
