/** The bundled fonts: every file FONT_MANIFEST names ships with its licence and is documented. */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_MANIFEST, fontBytes } from '../../src/pdf';
import { FONTS_DIR, loadFontFiles } from '../../electron/cli/fonts';

describe('resources/fonts', () => {
  const readme = readFileSync(join(FONTS_DIR, 'README.md'), 'utf8');
  const files = [FONT_MANIFEST.regular, FONT_MANIFEST.bold, ...FONT_MANIFEST.fallbacks];

  it('holds every font of the manifest, listed in the README with its SHA-256', () => {
    for (const file of files) {
      const hash = createHash('sha256').update(readFileSync(join(FONTS_DIR, file))).digest('hex');
      expect(readme, file).toContain(`${hash}  ${file}`);
      expect(readme).toContain(`\`${file}\``);
    }
  });

  it('ships a licence for every font family, and nothing unlisted', () => {
    for (const licence of FONT_MANIFEST.licences) {
      expect(readFileSync(join(FONTS_DIR, licence.file), 'utf8')).toContain('SIL Open Font License, Version 1.1');
    }
    const listed = new Set([...files, ...FONT_MANIFEST.licences.map((l) => l.file), 'README.md']);
    expect(readdirSync(FONTS_DIR).filter((f) => !listed.has(f))).toEqual([]);
  });

  it('loads as the engine takes them: TrueType files, fallbacks in manifest order', () => {
    const fonts = loadFontFiles();
    expect(fonts.fallbacks).toHaveLength(FONT_MANIFEST.fallbacks.length);
    for (const bytes of [fonts.regular, fonts.bold, ...fonts.fallbacks.map(fontBytes)]) {
      // sfnt version 1.0: TrueType outlines, which fontkit subsets as glyf
      expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    }
    expect(() => loadFontFiles('/nonexistent-fonts')).toThrow(/Pretendard-Regular\.ttf could not be read/);
  });

  it('reads a fallback only when asked, once, and still says at once that one is missing', () => {
    const fonts = loadFontFiles();
    const first = fontBytes(fonts.fallbacks[0]);
    expect(fontBytes(fonts.fallbacks[0])).toBe(first);
    const dir = mkdtempSync(join(tmpdir(), 'briefbook-fonts-'));
    try {
      for (const file of [FONT_MANIFEST.regular, FONT_MANIFEST.bold, FONT_MANIFEST.fallbacks[0]]) copyFileSync(join(FONTS_DIR, file), join(dir, file));
      expect(() => loadFontFiles(dir)).toThrow(new RegExp(`${FONT_MANIFEST.fallbacks[1].replace('.', '\\.')} could not be read`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
