/**
 * Help → About: name, version, platform and the licences of what Briefbook ships. The list is
 * checked against node_modules and resources/fonts by a test, so a new dependency or font
 * without an entry fails the build.
 */
import type { AppInfo } from '../../src/shared/contract';

export const BUNDLED_LICENCES: AppInfo['licences'] = [
  { name: 'Electron', licence: 'MIT' },
  { name: 'React', licence: 'MIT' },
  { name: 'fontkit', licence: 'MIT' },
  { name: 'linebreak', licence: 'MIT' },
  { name: 'hyphen (TeX hyphenation patterns)', licence: 'ISC' },
  { name: 'jsdiff (diff)', licence: 'BSD-3-Clause' },
  { name: 'pdf.js (pdfjs-dist)', licence: 'Apache-2.0' },
  { name: 'better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers)', licence: 'MIT' },
  { name: 'zod', licence: 'MIT' },
  { name: 'canonicalize (RFC 8785)', licence: 'Apache-2.0' },
  { name: 'TanStack Query and Virtual', licence: 'MIT' },
  { name: 'dnd kit', licence: 'MIT' },
  { name: 'Tiptap (ProseMirror)', licence: 'MIT' },
  { name: 'htmlparser2', licence: 'MIT' },
  { name: 'mammoth', licence: 'BSD-2-Clause' },
  { name: 'JSZip', licence: '(MIT OR GPL-3.0-or-later)' },
  { name: 'Pretendard font', licence: 'OFL-1.1' },
  { name: 'Noto Sans KR font', licence: 'OFL-1.1' },
  { name: 'Noto Sans SC font', licence: 'OFL-1.1' },
];

export function appInfo(facts: { version: string; platform: string; electron: string | null; packaged: boolean; smoke?: boolean }): AppInfo {
  return { name: 'Briefbook', ...facts, smoke: facts.smoke === true, licences: BUNDLED_LICENCES.map((entry) => ({ ...entry })) };
}

/** The About box's text. */
export function aboutText(info: AppInfo, versions: { chrome?: string; node?: string }): string {
  const lines = [
    `Version ${info.version}${info.packaged ? '' : ' (development)'}`,
    `Electron ${info.electron ?? 'unknown'}, Chromium ${versions.chrome ?? 'unknown'}, Node ${versions.node ?? 'unknown'}`,
    `Platform ${info.platform}`,
    '',
    'Briefbook works offline: it makes no network requests.',
    '',
    'Included software and fonts:',
    ...info.licences.map((entry) => `  ${entry.name} — ${entry.licence}`),
  ];
  return lines.join('\n');
}
