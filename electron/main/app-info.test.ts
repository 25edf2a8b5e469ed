import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aboutText, appInfo, BUNDLED_LICENCES } from './app-info';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** Which licence entry covers each runtime dependency. */
const ENTRY_FOR: Record<string, string> = {
  react: 'React',
  'react-dom': 'React',
  fontkit: 'fontkit',
  linebreak: 'linebreak',
  hyphen: 'hyphen (TeX hyphenation patterns)',
  diff: 'jsdiff (diff)',
  'pdfjs-dist': 'pdf.js (pdfjs-dist)',
  'better-sqlite3-multiple-ciphers': 'better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers)',
  zod: 'zod',
  canonicalize: 'canonicalize (RFC 8785)',
  '@tanstack/react-query': 'TanStack Query and Virtual',
  '@tanstack/react-virtual': 'TanStack Query and Virtual',
  '@dnd-kit/core': 'dnd kit',
  '@dnd-kit/sortable': 'dnd kit',
  '@tiptap/core': 'Tiptap (ProseMirror)',
  '@tiptap/extension-bold': 'Tiptap (ProseMirror)',
  '@tiptap/extension-document': 'Tiptap (ProseMirror)',
  '@tiptap/extension-hard-break': 'Tiptap (ProseMirror)',
  '@tiptap/extension-italic': 'Tiptap (ProseMirror)',
  '@tiptap/extension-list': 'Tiptap (ProseMirror)',
  '@tiptap/extension-paragraph': 'Tiptap (ProseMirror)',
  '@tiptap/extension-text': 'Tiptap (ProseMirror)',
  '@tiptap/pm': 'Tiptap (ProseMirror)',
  '@tiptap/react': 'Tiptap (ProseMirror)',
  htmlparser2: 'htmlparser2',
  mammoth: 'mammoth',
  jszip: 'JSZip',
};

describe('Help → About: licences', () => {
  it('covers every runtime dependency, with the licence its package declares', () => {
    for (const name of Object.keys(pkg.dependencies)) {
      const entry = BUNDLED_LICENCES.find((l) => l.name === ENTRY_FOR[name]);
      expect(entry, `${name} has no entry in BUNDLED_LICENCES`).toBeDefined();
      const declared = (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { license: string }).license;
      expect(entry!.licence, name).toBe(declared);
    }
    const electron = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { license: string }).license;
    expect(BUNDLED_LICENCES.find((l) => l.name === 'Electron')?.licence).toBe(electron);
  });

  it('covers every bundled font, each shipped with its licence text', () => {
    const fonts = join(root, 'resources', 'fonts');
    const families = new Set(
      readdirSync(fonts)
        .filter((f) => /\.(ttf|otf)$/.test(f))
        .map((f) => f.replace(/-(Regular|Bold|Italic|BoldItalic)\.(ttf|otf)$/, '')),
    );
    expect(families.size).toBeGreaterThan(0);
    for (const family of families) {
      const spaced = family.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
      const entry = BUNDLED_LICENCES.find((l) => l.name === `${spaced} font`);
      expect(entry, `${family} has no licence entry`).toBeDefined();
      expect(existsSync(join(fonts, `${family}-OFL.txt`)), `${family}-OFL.txt`).toBe(true);
      expect(entry!.licence).toBe('OFL-1.1');
    }
  });

  it('writes the About text with version, platform and licences', () => {
    const info = appInfo({ version: '0.1.0', platform: 'linux x64', electron: '45.5.0', packaged: true });
    const text = aboutText(info, { chrome: '142.0', node: '24.1.0' });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Electron 45.5.0, Chromium 142.0, Node 24.1.0');
    expect(text).toContain('Pretendard font — OFL-1.1');
    expect(text).toContain('no network requests');
  });
});
