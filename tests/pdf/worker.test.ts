/**
 * The engine is pure: bundled for the browser (esbuild refuses Node built-ins there) and run in
 * a Web Worker in headless Chromium, as the app runs it, with the platform's CompressionStream.
 * The PDF it returns reads back like the one made in Node.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_MANIFEST } from '../../src/pdf';
import { FONTS_DIR } from '../../electron/cli/fonts';
import { qpdfCheck, readPdf, sampleContent, writeTemp } from './pdf-reader';

const ORIGIN = 'http://briefbook.test';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let engineBundle: string;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: `
        import { buildBookPdf } from './src/pdf/index.ts';
        self.onmessage = async (event) => {
          const { content, fonts } = event.data;
          try {
            const result = await buildBookPdf(content, fonts, { mode: 'working' }, { creationDate: new Date(Date.UTC(2025, 7, 20)) });
            self.postMessage({ bytes: result.bytes, pageCount: result.pageCount, problems: result.problems }, [result.bytes.buffer]);
          } catch (error) {
            self.postMessage({ error: String(error && error.stack || error) });
          }
        };`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  engineBundle = result.outputFiles[0].text;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

describe('the engine in a Web Worker', () => {
  it('bundles for the browser without Node built-ins', () => {
    expect(engineBundle.length).toBeGreaterThan(100_000);
    expect(engineBundle).not.toMatch(/from ["']node:|require\(["'](fs|path|zlib)["']\)/);
  });

  it('prints the sample book in Chromium, and the file reads back', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>worker</title>' });
      if (path === '/engine.js') return route.fulfill({ contentType: 'text/javascript', body: engineBundle });
      const font = path.slice('/fonts/'.length);
      const known: string[] = [FONT_MANIFEST.regular, FONT_MANIFEST.bold, ...FONT_MANIFEST.fallbacks];
      if (path.startsWith('/fonts/') && known.includes(font)) {
        return route.fulfill({ contentType: 'font/ttf', body: readFileSync(`${FONTS_DIR}/${font}`) });
      }
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    const content = sampleContent();
    const output = await page.evaluate(
      async ({ content, manifest }) => {
        const get = async (name: string) => new Uint8Array(await (await fetch(`/fonts/${name}`)).arrayBuffer());
        // the sample is Latin and Hangul only: the CJK fallbacks (17 MB through the DevTools protocol) are not needed
        const fonts = { regular: await get(manifest.regular), bold: await get(manifest.bold), fallbacks: [] as Uint8Array[] };
        const worker = new Worker('/engine.js', { type: 'module' });
        const reply = await new Promise<{ bytes?: Uint8Array; pageCount?: number; error?: string }>((resolve) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => resolve({ error: event.message });
          worker.postMessage({ content, fonts });
        });
        worker.terminate();
        return { error: reply.error, pageCount: reply.pageCount, bytes: reply.bytes === undefined ? [] : Array.from(reply.bytes) };
      },
      { content, manifest: { regular: FONT_MANIFEST.regular, bold: FONT_MANIFEST.bold } },
    );
    await page.close();
    expect(output.error).toBeUndefined();
    const bytes = new Uint8Array(output.bytes);
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toHaveLength(output.pageCount ?? -1);
    for (const p of pdf.pages) {
      expect(p.lines[0].text).toBe('CONFIDENTIAL//NOFORN');
      // every page but the back cover, which carries only its banners
      if (p.number < pdf.pages.length) expect(p.text).toContain(`Page ${p.number} of ${pdf.pages.length}`);
    }
    expect(pdf.pages.map((p) => p.text).join('\n')).toContain('동맹의 기본 원칙 재확인');
    expect(pdf.sections).toHaveLength(content.book.sections.length);
    expect(qpdfCheck(writeTemp(bytes))).toContain('No syntax or stream encoding errors found');
    expect(requests.every((url) => url.startsWith(ORIGIN) || url.startsWith('data:'))).toBe(true);
  });
});
