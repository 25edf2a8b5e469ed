import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import JSZip from 'jszip';
import { docxItems, DocxError, readDocxItems } from './docx-items';

const fixtures = join(__dirname, '../../tests/fixtures/docx');
const scratch = mkdtempSync(join(tmpdir(), 'briefbook-docx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function refusal(path: string): Promise<string> {
  const error = await readDocxItems(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocxError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('.docx → items', () => {
  test('each Heading 1 is an item; the content under it is its body, lists, breaks and emphasis kept', async () => {
    const items = await readDocxItems(join(fixtures, 'paper.docx'), { kind: 'talking_point' });
    expect(items.map((item) => item.title)).toEqual(['paper', 'Alliance modernisation', '한미 동맹 비용 분담']);
    expect(items[0].body).toBe('Prepared for the summit, *draft*');
    expect(items[1].body).toBe(
      [
        'We **will not** link the alliance to ***trade***.',
        '',
        '- Modernise the command structure',
        '  - wartime **OPCON** transition',
        '  - combined exercises',
        '- *Reaffirm* extended deterrence',
        '',
        '**Background**',
        '',
        'Hold vice-ministerial talks twice a year\nCoordinate at the UN',
      ].join('\n'),
    );
    expect(items[2].body).toBe('방위비 분담금은 **합의된 틀** 안에서 논의한다.\n\n1. Joint statement on the Indo-Pacific\n2. A date for the next 2+2');
    expect(items.every((item) => item.kind === 'talking_point')).toBe(true);
  });

  test('without a kind given, the items carry none (the caller guesses it from the section)', async () => {
    const items = await readDocxItems(join(fixtures, 'paper.docx'));
    expect(items.every((item) => !('kind' in item))).toBe(true);
  });

  test('a file that is not a zip is refused in one line', async () => {
    expect(await refusal(join(fixtures, 'not-a-zip.docx'))).toBe('not-a-zip.docx is not a Word document (.docx): it is not a zip archive.');
  });

  test('an encrypted .docx is refused in one line', async () => {
    expect(await refusal(join(fixtures, 'encrypted.docx'))).toBe('encrypted.docx is encrypted (password-protected): save an unprotected copy from Word and import that.');
  });

  test('an old .doc (OLE without encryption) is named as such', async () => {
    const doc = join(scratch, 'old.docx');
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(doc, bytes);
    expect(await refusal(doc)).toMatch(/^old\.docx is an old Word 97–2003 document \(\.doc\)/);
  });

  test('a document with macros is refused in one line', async () => {
    expect(await refusal(join(fixtures, 'macros.docx'))).toMatch(/^macros\.docx contains macros/);
  });

  test('a file over 50 MB is refused before it is read', async () => {
    const big = join(scratch, 'big.docx');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024 + 1);
    expect(await refusal(big)).toBe('big.docx is 50.1 MB; a Word paper may be at most 50 MB.');
  });

  test('a document without headings is refused in one line', async () => {
    expect(await refusal(join(fixtures, 'no-headings.docx'))).toMatch(/^no-headings\.docx has no headings/);
  });

  test('a missing file is named', async () => {
    expect(await refusal(join(scratch, 'absent.docx'))).toBe('absent.docx could not be read: no such file.');
  });

  test('a paper whose items the store could not take is refused in one line: too many headings, a heading too long', async () => {
    const many = await docxFrom(Array.from({ length: 1_001 }, (_, n) => `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Point ${n + 1}</w:t></w:r></w:p>`).join(''));
    await expect(docxItems(many, 'many.docx')).rejects.toThrow('many.docx has 1001 headings; at most 1000 items are made from one paper: split it into several files.');
    const long = await docxFrom(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${'x'.repeat(501)}</w:t></w:r></w:p>`);
    await expect(docxItems(long, 'long.docx')).rejects.toThrow(/^long\.docx: the heading “x+…” is 501 characters long; a title may be at most 500/);
  });
});

/** The fixture paper with its document body replaced by `bodyXml` (Word's own styles kept, so Heading1 maps to h1). */
async function docxFrom(bodyXml: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(readFileSync(join(fixtures, 'paper.docx')));
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', xml.replace(/<w:body>[\s\S]*<\/w:body>/, `<w:body>${bodyXml}</w:body>`));
  return zip.generateAsync({ type: 'uint8array' });
}
