import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// the list, not the module that applies it: the test process keeps V8's defaults
import { ONE_SHOT_V8_FLAGS } from './v8-flags';

const ROOT = join(import.meta.dirname, '../..');
const firstImport = (file: string) => /^import\s+(?:[^'"]+from\s+)?'([^']+)';/m.exec(readFileSync(join(ROOT, file), 'utf8'))?.[1];

describe('V8 set for a one-shot process', () => {
  it('is the first module the command line and the engine benchmark load, so the flags hold before any other code runs', () => {
    expect(firstImport('electron/cli/index.ts')).toBe('./v8-tuning');
    expect(firstImport('tests/bench/pdf-engine-run.ts')).toBe('../../electron/cli/v8-tuning');
  });

  it('sets only flags this Node’s V8 knows, each as --name=value or --no-name', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    expect(ONE_SHOT_V8_FLAGS.length).toBeGreaterThan(0);
    for (const flag of ONE_SHOT_V8_FLAGS) {
      const [, negated, name] = /^--(no-)?([a-z-]+)(?:=\d+)?$/.exec(flag) ?? [];
      expect(name, flag).toBeDefined();
      // a number for a value flag, none for a switch turned off
      expect(negated === undefined, flag).toBe(flag.includes('='));
      expect(known).toContain(`  --${name} (`);
    }
  });
});
