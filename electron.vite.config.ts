import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The store reads its numbered SQL migrations at run time from `migrations/` beside its module;
 * in a build that module is out/main/index.js, so the files are copied there.
 */
function copyMigrations(): Plugin {
  return {
    name: 'briefbook-copy-migrations',
    writeBundle(options) {
      const from = resolve(__dirname, 'electron/store/migrations');
      const to = resolve(options.dir ?? resolve(__dirname, 'out/main'), 'migrations');
      mkdirSync(to, { recursive: true });
      for (const name of readdirSync(from).filter((file) => file.endsWith('.sql'))) {
        copyFileSync(resolve(from, name), resolve(to, name));
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // a sandboxed preload cannot be an ES module: one CommonJS file, requiring only 'electron'
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
