// Packages the bundles (the command line's, the PDF benchmark's engine) load only when first
// called: fontkit imports brotli at its top for WOFF2 fonts, and brotli's static dictionary is
// 0.75 MB of source, read, compiled and run at every start (about 10 MiB of memory), though the
// fonts Briefbook embeds are TrueType and never need it. In the bundle, `brotli/decompress.js`
// becomes a function that requires the real module from node_modules, through fontkit's own
// place (brotli is fontkit's dependency), on its first call. The bundle must define `require`
// (both banners do).

/** package import → the module the bundle loads in its place */
const LAZY = { 'brotli/decompress.js': 'fontkit' };

export function lazyPackagesPlugin() {
  return {
    name: 'lazy-packages',
    setup(build) {
      const filter = new RegExp(`^(${Object.keys(LAZY).map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-package' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
        loader: 'js',
        contents: [
          "import { createRequire } from 'node:module';",
          'let loaded;',
          `export default (...args) => (loaded ??= createRequire(require.resolve(${JSON.stringify(LAZY[args.path])}))(${JSON.stringify(args.path)}))(...args);`,
        ].join('\n'),
      }));
    },
  };
}
