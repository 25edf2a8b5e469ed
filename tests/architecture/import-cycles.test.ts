/**
 * No module reaches itself through its imports, type-only imports included: a cycle means two
 * files that can only be understood, changed and tested together. Lint cannot see a cycle (it
 * reads one file at a time), so this test reads every import of the product's source.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const SOURCE = /\.(ts|tsx)$/;
const NOT_PRODUCT = /\.test\.tsx?$|\.d\.ts$|(^|\/)testing\.ts$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return SOURCE.test(name) && !NOT_PRODUCT.test(path) ? [path] : [];
  });
}

/** Relative specifiers of every static import, re-export and dynamic import in `source`. */
function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Every cycle's members (Tarjan's strongly connected components of size > 1, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles', () => {
  it('finds a cycle when there is one, type-only imports included', () => {
    const graph = new Map<string, string[]>();
    const sources: Record<string, string> = {
      'a.ts': "import type { B } from './b';\nexport type A = B;",
      'b.ts': "import { c } from './c';\nexport type B = string;\nexport const b = c;",
      'c.ts': "export { a } from './a';\nexport const c = 1;",
      'd.ts': "import { c } from './c';\nexport const d = c;",
    };
    for (const [name, source] of Object.entries(sources)) graph.set(name, importsOf(source).map((s) => `${s.slice(2)}.ts`));
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('finds none in src/ and electron/', () => {
    const graph = new Map<string, string[]>();
    for (const file of [...files(join(root, 'src')), ...files(join(root, 'electron'))]) {
      const targets = importsOf(readFileSync(file, 'utf8'))
        .map((spec) => resolveImport(file, spec))
        .filter((p): p is string => p !== undefined);
      graph.set(file, targets);
    }
    expect(graph.size).toBeGreaterThan(50);
    const named = cycles(graph).map((c) => c.map((p) => relative(root, p)));
    expect(named, 'modules that import each other, directly or around a ring').toEqual([]);
  });
});
