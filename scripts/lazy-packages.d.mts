import type { Plugin } from 'esbuild';

/** The esbuild plugin that makes the bundles load brotli (fontkit's WOFF2 decoder) on first use. */
export function lazyPackagesPlugin(): Plugin;
