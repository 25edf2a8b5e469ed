/** The library's classification scheme (one row; the default scheme until one is set). */
import type { Db } from '../db';
import { parseOptional, parseStored, STORED } from './stored-json';
import { DEFAULT_MARKINGS, type MarkingScheme } from '../../../src/shared/domain';

const SCHEME_FIELDS = new Set(['scheme', 'levels', 'portionMarks']);

export function markingsRepository(db: Db) {
  const statements = {
    get: db.prepare<[], { scheme: string; levels: string; portion_marks: number; extra: string | null }>(
      'SELECT scheme, levels, portion_marks, extra FROM markings WHERE id = 1',
    ),
    set: db.prepare(
      `INSERT INTO markings (id, scheme, levels, portion_marks, extra) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET scheme = excluded.scheme, levels = excluded.levels,
         portion_marks = excluded.portion_marks, extra = excluded.extra`,
    ),
  };
  return {
    get(): MarkingScheme {
      const row = statements.get.get();
      if (row === undefined) return structuredClone(DEFAULT_MARKINGS);
      return {
        ...parseOptional(STORED.extra, row.extra, { table: 'markings', id: '1', field: 'extra' }),
        scheme: row.scheme,
        levels: parseStored(STORED.levels, row.levels, { table: 'markings', id: '1', field: 'levels' }),
        portionMarks: row.portion_marks === 1,
      };
    },
    set(scheme: MarkingScheme & Record<string, unknown>): void {
      const extra = Object.fromEntries(Object.entries(scheme).filter(([key]) => !SCHEME_FIELDS.has(key)));
      statements.set.run(
        scheme.scheme,
        JSON.stringify(scheme.levels),
        scheme.portionMarks === false ? 0 : 1,
        Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
      );
    },
  };
}
