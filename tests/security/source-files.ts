/** Walks the repository's own source folders for the static security tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SKIPPED = new Set(['node_modules', 'out', 'dist', 'release', '.git', 'coverage']);

export interface SourceFile {
  /** path from the repository root, with forward slashes */
  path: string;
  text: string;
}

export function listFiles(folder: string, extensions: RegExp): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIPPED.has(name)) continue;
      const full = join(dir, name);
      const stats = statSync(full);
      if (stats.isDirectory()) walk(full);
      else if (extensions.test(name) && stats.size < 20 * 1024 * 1024) {
        files.push({ path: relative(REPO_ROOT, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(folder);
  return files;
}

/** The product's TypeScript under a top folder (`electron`, `src`), its tests left out. */
export function productSources(folder: string): SourceFile[] {
  return listFiles(join(REPO_ROOT, folder), /\.(ts|tsx|mts)$/).filter((file) => !/\.test\.tsx?$/.test(file.path));
}

/** docs/security.md SEC-2: strings that must not appear in electron/, src/ or the build output. */
export const SEC2_FORBIDDEN = [
  'nodeIntegration: true',
  'contextIsolation: false',
  'sandbox: false',
  'webSecurity: false',
  'enableBlinkFeatures',
  '<webview',
  'allowpopups',
  'executeJavaScript(',
  'eval(',
  'new Function(',
  'dangerouslySetInnerHTML',
  'remote-debugging-port',
  'ignore-certificate-errors',
] as const;

/** The same patterns, tolerant of the spacing and quoting a bundler or formatter produces. */
export const SEC2_PATTERNS: { name: string; pattern: RegExp }[] = SEC2_FORBIDDEN.map((name) => {
  const setting = /^(\w+): (true|false)$/.exec(name);
  if (setting) return { name, pattern: new RegExp(`["']?\\b${setting[1]}["']?\\s*:\\s*!?${setting[2] === 'true' ? '(true|0\\b)' : '(false|1\\b)'}`) };
  if (name === 'eval(') return { name, pattern: /(?<![\w$])eval\s*\(/ };
  if (name === 'new Function(') return { name, pattern: /\bnew\s+Function\s*\(/ };
  return { name, pattern: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') };
});

/** docs/security.md NET-3: modules no code under electron/ may import. */
export const NET3_MODULES = [
  'http', 'https', 'net', 'tls', 'dgram', 'dns', 'http2',
  'undici', 'node-fetch', 'axios', 'got', 'request', 'superagent', 'ky', 'cross-fetch', 'isomorphic-fetch',
  'electron-updater', 'update-electron-app', 'electron-squirrel-startup', '@sentry/electron', '@sentry/node', 'electron-crash-reporter',
];

/** Module specifiers a file imports or requires (static and dynamic). */
export function importedModules(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+["']([^"']+)["']/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found;
}

export function isNetworkModule(specifier: string): boolean {
  const bare = specifier.replace(/^node:/, '');
  return NET3_MODULES.some((name) => bare === name || bare.startsWith(`${name}/`));
}

/** Names imported from 'electron' in a file (named imports and destructured requires). */
export function electronImports(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']electron["']/g)) {
    names.push(...match[1].split(',').map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]).filter(Boolean));
  }
  for (const match of text.matchAll(/\{([^}]*)\}\s*=\s*require\(\s*["']electron["']\s*\)/g)) {
    names.push(...match[1].split(',').map((part) => part.trim().split(':')[0].trim()).filter(Boolean));
  }
  for (const match of text.matchAll(/\belectron\.(\w+)/g)) names.push(match[1]);
  return names;
}

/** The text without comments, for checks about what code does rather than what it says. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}
