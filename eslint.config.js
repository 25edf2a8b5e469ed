// Lint is part of `npm test`. Besides style, it enforces where code may run (STYLE.md): a
// forbidden import in the wrong folder fails the build, like VS Code's code-layering rule.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'util', 'url', 'buffer', 'events', 'module', 'process'];
const network = ['http', 'https', 'net', 'tls', 'dgram', 'dns', 'http2', 'node:http', 'node:https', 'node:net', 'node:tls', 'node:dgram', 'node:dns', 'node:http2', 'undici', 'node-fetch', 'axios', 'got', 'electron-updater', 'update-electron-app'];

const forbid = (groups, message) => ({ group: groups, message });

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
          patterns: [
            forbid([...nodeBuiltins, ...network], 'src/ runs in the browser and in Node alike: no Node modules (STYLE.md).'),
            forbid(['electron', 'electron/*', 'better-sqlite3*'], 'src/ never imports electron or the database (STYLE.md).'),
            forbid(['**/electron/**', '../../electron/*'], 'src/ never imports from electron/.'),
          ],
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
          patterns: [
            forbid([...nodeBuiltins, ...network], 'src/shared and src/pdf are pure: no Node modules (STYLE.md).'),
            forbid(['electron', 'electron/*', 'better-sqlite3*', 'react', 'react-dom', 'react/*'], 'src/shared and src/pdf are pure: no electron, database or React.'),
            forbid(['**/renderer/**', '**/electron/**'], 'src/shared and src/pdf import neither the renderer nor electron/.'),
          ],
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
    },
  },
  {
    files: ['electron/store/**/*.ts', 'electron/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['electron', 'electron/*'], 'electron/store and electron/cli run in plain Node: no electron (STYLE.md).'),
            forbid(network, 'No networking module under electron/ (SECURITY.md NET-3).'),
            forbid(['**/renderer/**'], 'The store never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(network, 'No networking module under electron/ (SECURITY.md NET-3).'),
            forbid(['**/renderer/**'], 'The main process never imports the renderer.'),
          ],
          paths: [
            { name: 'electron', importNames: ['autoUpdater', 'crashReporter', 'net', 'netLog'], message: 'No network, update or crash-upload API (SECURITY.md NET-3).' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', '*.config.{ts,mts,js}', 'electron.vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
