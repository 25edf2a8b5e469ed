/**
 * JSON columns read back with the domain schemas, never cast: a row that does not parse is a
 * StoredRowError naming the table, the row and the column, not a crash or a wrong value passed
 * on. The rest of the library stays readable.
 */
import { z } from 'zod';
import { ApiError } from '../../../src/shared/contract';
import {
  clearanceSchema,
  classificationAuthoritySchema,
  hashSchema,
  exchangeBookSchema,
  exchangeItemSchema,
  markingLevelSchema,
  markingSchemeSchema,
  meetingSchema,
} from '../../../src/shared/domain';

/** A stored row whose JSON column does not hold what its schema says. */
export class StoredRowError extends ApiError {
  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly field: string,
    why: string,
  ) {
    super(
      'row_unreadable',
      `The library cannot read the ${field} of ${table} row "${rowId}" (${why}). Nothing was changed; the rest of the library can still be read. Restore a backup to recover this row.`,
    );
  }
}

export interface Column {
  table: string;
  id: string;
  field: string;
}

/** Parses a JSON column with `schema`; throws StoredRowError naming the column when it cannot. */
export function parseStored<T>(schema: z.ZodType<T>, text: string, where: Column): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredRowError(where.table, where.id, where.field, 'it is not JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
    throw new StoredRowError(where.table, where.id, where.field, `${at}${issue?.message ?? 'it does not have the expected shape'}`);
  }
  return result.data;
}

/** The same, for a column that may be NULL (the field absent). */
export function parseOptional<T>(schema: z.ZodType<T>, text: string | null, where: Column): T | undefined {
  return text === null ? undefined : parseStored(schema, text, where);
}

/** The JSON columns of the schema, each with the domain schema of what it holds. */
export const STORED = {
  /** items.caveats, and the caveats of a row read with an item */
  caveats: z.array(z.string()),
  /** an `extra` column: the properties the store has no column for (extensions) */
  extra: z.record(z.string(), z.unknown()),
  /** item_versions.snapshot: the item in exchange form, as saved (older versions included) */
  snapshot: exchangeItemSchema,
  meeting: meetingSchema,
  authority: classificationAuthoritySchema,
  distribution: exchangeBookSchema.shape.distribution.unwrap(),
  levels: z.array(markingLevelSchema),
  /** export_log.options: the export's settings as the exporter wrote them */
  exportOptions: z.record(z.string(), z.unknown()),
  /** export_log.item_versions: item id → version exported */
  itemVersions: z.record(z.string(), z.number().int()),
  /** items.clearance: who cleared which text */
  clearance: clearanceSchema,
  /** export_log.clearance: item id → the hash it was printed with and whether it was cleared on it */
  exportClearance: z.record(z.string(), z.strictObject({ contentHash: hashSchema, cleared: z.boolean() })),
  /** export_log.sections: the book's sections as an export carried them */
  editionSections: z.array(z.strictObject({ id: z.string(), title: z.string(), items: z.array(z.string()) })),
  /** import_log.changes: the scheme before (when the import replaced it) and each object before and after */
  importChanges: z.object({
    markingsBefore: markingSchemeSchema.nullable(),
    objects: z.array(
      z.object({
        entity: z.enum(['item', 'book']),
        id: z.string(),
        title: z.string(),
        outcome: z.enum(['created', 'unchanged', 'older', 'fast-forward', 'conflict', 'deleted-here', 'replaced-without-rev']),
        resolution: z.enum(['ours', 'theirs', 'both']).nullable(),
        before: z.record(z.string(), z.unknown()).nullable(),
        beforeDeleted: z.boolean(),
        afterRev: z.string(),
      }),
    ),
    addedRevs: z.array(z.object({ entity: z.enum(['item', 'book']), id: z.string(), rev: z.string() })),
  }),
} as const;
