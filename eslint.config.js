// Lint is part of `npm test`. Besides style, it enforces where code may run (docs/architecture.md): a
// forbidden import in the wrong folder fails the build, like VS Code's code-layering rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'util', 'url', 'buffer', 'events', 'module', 'process'];
const network = ['http', 'https', 'net', 'tls', 'dgram', 'dns', 'http2', 'node:http', 'node:https', 'node:net', 'node:tls', 'node:dgram', 'node:dns', 'node:http2', 'undici', 'node-fetch', 'axios', 'got', 'electron-updater', 'update-electron-app'];

const forbid = (groups, message) => ({ group: groups, message });
const forbidMatching = (regex, message) => ({ regex, message });

// Each folder's list, named once: a later block that sets no-restricted-imports for a file
// replaces (does not extend) an earlier one, so a narrower folder repeats its wider folder's list.
const srcRules = [
  forbid([...nodeBuiltins, ...network], 'src/ runs in the browser and in Node alike: no Node modules (docs/architecture.md).'),
  forbid(['electron', 'electron/*', 'better-sqlite3*'], 'src/ never imports electron or the database (docs/architecture.md).'),
  forbid(['**/electron/**', '../../electron/*'], 'src/ never imports from electron/.'),
];
const pureRules = [
  forbid([...nodeBuiltins, ...network], 'src/shared and src/pdf are pure: no Node modules (docs/architecture.md).'),
  forbid(['electron', 'electron/*', 'better-sqlite3*', 'react', 'react-dom', 'react/*'], 'src/shared and src/pdf are pure: no electron, database or React.'),
  forbid(['**/renderer/**', '**/electron/**'], 'src/shared and src/pdf import neither the renderer nor electron/.'),
];
const featureOutsideIndex = forbidMatching(
  '(^|/)features/[^/]+/(?!index$)',
  "A renderer feature is used through its index ('features/book', not 'features/book/BookView'): what it exports there is what others may use.",
);
const storeCliRules = [
  forbid(['electron', 'electron/*'], 'electron/store and electron/cli run in plain Node: no electron (docs/architecture.md).'),
  forbid(network, 'No networking module under electron/ (docs/security.md NET-3).'),
  forbid(['**/renderer/**'], 'The store never imports the renderer.'),
];
const mainRules = [
  forbid(network, 'No networking module under electron/ (docs/security.md NET-3).'),
  forbid(['**/renderer/**'], 'The main process never imports the renderer.'),
];
const mainPaths = [
  { name: 'electron', importNames: ['autoUpdater', 'crashReporter', 'net', 'netLog'], message: 'No network, update or crash-upload API (docs/security.md NET-3).' },
];

export default tseslint.config(
  { ignores: ['out/**', 'tmp/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'tests/e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: srcRules,
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts', 'src/pdf/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: pureRules,
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...pureRules, forbidMatching('^(\\.\\./)+(src/)?pdf(/|$)', 'src/shared is the floor src/pdf stands on: it never imports src/pdf.')],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [...srcRules, featureOutsideIndex] }],
    },
  },
  {
    files: ['src/renderer/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...srcRules,
            featureOutsideIndex,
            forbidMatching(
              '^\\.\\./(?!\\.\\.?/)[^/]+/(?!index$)',
              "One feature uses another through its index ('../vault', not '../vault/vault-context'): what it exports there is what others may use.",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/store/**/*.ts', 'electron/cli/**/*.ts', 'electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...storeCliRules,
            forbidMatching('^(\\.\\./)+(electron/)?(main|cli)(/|$)', 'The store is the floor main and the CLI stand on: it imports neither.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...storeCliRules, forbidMatching('^(\\.\\./)+(electron/)?main(/|$)', 'The CLI runs in plain Node without the app: it never imports electron/main.')],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: mainRules, paths: mainPaths }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...mainRules,
            forbid(nodeBuiltins, 'The preload runs sandboxed: no Node modules.'),
            forbidMatching('^\\.\\./(?!\\.\\./src/shared/)', 'The preload is a thin bridge: outside its own folder it imports only src/shared.'),
          ],
          paths: mainPaths,
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', '*.config.{ts,mts,js}', 'electron.vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
