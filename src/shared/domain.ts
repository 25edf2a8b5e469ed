/**
 * The briefing library's vocabulary: item kinds, statuses, limits and the zod schemas of the
 * exchange format (docs/spec/EXCHANGE.md). Pure: imported by the store, the PDF engine and the
 * renderer alike.
 */
import type { ChangeSet } from './changes';
import { z } from 'zod';

export const ITEM_KINDS = [
  'objective',
  'talking_point',
  'ask',
  'red_line',
  'if_raised',
  'press_line',
  'their_objective',
  'background',
  'bio',
  'reference',
  'scenario',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The label a reader sees for each kind, in the order a book usually prints them. */
export const KIND_LABELS: Record<ItemKind, string> = {
  objective: 'Objective',
  talking_point: 'Talking point',
  ask: 'Ask',
  red_line: 'Red line',
  if_raised: 'If raised',
  press_line: 'Press line',
  their_objective: 'Their objective',
  background: 'Background',
  bio: 'Biography',
  reference: 'Reference',
  scenario: 'Scenario',
};

export const ITEM_STATUSES = ['draft', 'in_review', 'cleared'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  cleared: 'Cleared',
};

/**
 * Size limits. They bound every string and array that crosses the process boundary or enters
 * through an exchange file, so a hostile or broken file cannot exhaust memory downstream.
 */
export const LIMITS = {
  id: 64,
  title: 500,
  body: 100_000,
  /** topic, owner, tag, caveat, language tag, source fields, meeting fields... */
  short: 1_000,
  /** source notes and classification-authority reasons */
  note: 10_000,
  tags: 100,
  caveats: 50,
  sources: 200,
  translations: 20,
  distribution: 500,
  sections: 500,
  sectionItems: 5_000,
  /** items and books in one exchange file or one request */
  fileItems: 200_000,
  fileBooks: 10_000,
  levels: 50,
  /** a caveat's code and its portion-mark form */
  caveatCode: 40,
  caveatPortion: 20,
  /** the watermark text of a PDF export */
  watermark: 200,
  /** earlier revisions an item or a book carries in `history` */
  history: 100,
  /** items made at once from one Word paper (`sections.createItems`) */
  paperItems: 1_000,
  /** entries in an item's clearance chain */
  chain: 50,
  /** a content hash or a revision: `sha256:` and 64 hex digits */
  hash: 71,
} as const;

export const idSchema = z.string().min(1).max(LIMITS.id);

/** `sha256:` + 64 lower-case hex digits: a content hash or a revision. */
export const HASH_TEXT_PATTERN = /^sha256:[0-9a-f]{64}$/;
export const hashSchema = z.string().max(LIMITS.hash).regex(HASH_TEXT_PATTERN, 'expected "sha256:" and 64 lower-case hex digits');

/** `rev` and `history` of an item or a book (docs/spec/EXCHANGE.md, "Revisions and merging"). */
const revisionFields = {
  rev: hashSchema.optional(),
  history: z.array(hashSchema).max(LIMITS.history).optional(),
};

/** Who cleared which text (docs/spec/EXCHANGE.md, "Clearance"). */
export const clearanceSchema = z.looseObject({
  by: z.string().max(LIMITS.short),
  at: z.string().max(LIMITS.short),
  contentHash: hashSchema,
});
export type Clearance = { by: string; at: string; contentHash: string };
const short = z.string().max(LIMITS.short);

/**
 * The clearance chain, an extension of the exchange format (docs/spec/EXCHANGE.md,
 * "Extensions"): who drafted a paper and each office that cleared it or saw it for information,
 * with the hash of the text each decision was made on.
 */
export const CHAIN_DECISIONS = ['cleared', 'for_information'] as const;
export type ChainDecision = (typeof CHAIN_DECISIONS)[number];
export const CHAIN_DECISION_LABELS: Record<ChainDecision, string> = { cleared: 'Cleared', for_information: 'For information' };

export const chainEntrySchema = z.looseObject({
  office: z.string().min(1).max(LIMITS.short),
  person: z.string().max(LIMITS.short).optional(),
  /** ISO date (or date and time) of the decision */
  date: z.string().max(LIMITS.short).optional(),
  decision: z.enum(CHAIN_DECISIONS),
  /** the text the decision was made on; the store fills it in when an entry is recorded */
  contentHash: hashSchema.optional(),
});
export type ChainEntry = { office: string; person?: string; date?: string; decision: ChainDecision; contentHash?: string };

export const drafterSchema = z.string().max(LIMITS.short);
export const clearancesSchema = z.array(chainEntrySchema).max(LIMITS.chain);

const title = z.string().min(1).max(LIMITS.title);

/** True for `YYYY-MM-DD` naming a day that exists (2026-02-29 does not). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date as the exchange format writes it: `YYYY-MM-DD`, a day that exists. */
export const isoDateSchema = z
  .string()
  .max(LIMITS.short)
  .refine(isIsoDate, { message: 'a date is written YYYY-MM-DD and must exist, e.g. 2026-12-01' });

export const markingLevelSchema = z.looseObject({
  code: z.string().min(1).max(LIMITS.short),
  banner: z.string().min(1).max(LIMITS.short),
  portion: z.string().min(1).max(LIMITS.short),
});
export type MarkingLevel = { code: string; banner: string; portion: string };

/** A dissemination control of a scheme, in banner order (docs/spec/EXCHANGE.md, "Markings"). */
export const markingCaveatSchema = z.looseObject({
  code: z.string().min(1).max(LIMITS.caveatCode),
  portion: z.string().min(1).max(LIMITS.caveatPortion).optional(),
  supersedes: z.array(z.string().min(1).max(LIMITS.caveatCode)).max(LIMITS.caveats).optional(),
  countries: z.boolean().optional(),
});
export type MarkingCaveat = {
  /** as written in the banner, e.g. `NOFORN`, `REL TO` */
  code: string;
  /** the portion-mark abbreviation, e.g. `NF`; the code when absent */
  portion?: string;
  /** codes this caveat removes from the overall marking when both are present */
  supersedes?: string[];
  /** a releasability caveat that carries a country list (`REL TO USA, KOR`) */
  countries?: boolean;
};

export const PAGE_MARKINGS = ['overall', 'page'] as const;
export type PageMarking = (typeof PAGE_MARKINGS)[number];

/** A trigraph (ISO 3166-1 alpha-3) or a tetragraph (FVEY, NATO): 3 or 4 capital letters. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{3,4}$/;

/**
 * The scheme-level rules zod cannot express field by field: caveat codes are unique and every
 * `supersedes` names a caveat of the same scheme. Paths are relative to the scheme object.
 */
export function caveatListProblems(caveats: readonly { code?: unknown; supersedes?: unknown }[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const codes = new Map<string, number>();
  caveats.forEach((caveat, index) => {
    if (typeof caveat.code !== 'string') return;
    const first = codes.get(caveat.code);
    if (first !== undefined) {
      problems.push({ path: ['caveats', index, 'code'], message: `duplicate caveat code "${caveat.code}" (first at caveats[${first}])` });
    } else codes.set(caveat.code, index);
  });
  caveats.forEach((caveat, index) => {
    if (!Array.isArray(caveat.supersedes)) return;
    caveat.supersedes.forEach((code: unknown, at) => {
      if (typeof code === 'string' && !codes.has(code)) {
        problems.push({
          path: ['caveats', index, 'supersedes', at],
          message: `caveat "${String(caveat.code)}" supersedes "${code}", which is not a caveat of this scheme (caveats: ${[...codes.keys()].join(', ')})`,
        });
      }
    });
  });
  return problems;
}

export const markingSchemeSchema = z
  .looseObject({
    scheme: z.string().min(1).max(LIMITS.short),
    levels: z.array(markingLevelSchema).min(1).max(LIMITS.levels),
    caveats: z.array(markingCaveatSchema).max(LIMITS.caveats).optional(),
    owner: z.string().max(4).regex(COUNTRY_CODE_PATTERN, 'owner must be a trigraph or tetragraph: 3 or 4 capital letters A-Z').optional(),
    portionMarks: z.boolean().optional(),
    pageMarking: z.enum(PAGE_MARKINGS).optional(),
  })
  .superRefine((scheme, context) => {
    for (const problem of caveatListProblems(scheme.caveats ?? [])) {
      context.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: scheme });
    }
  });
export type MarkingScheme = {
  scheme: string;
  /** ordered lowest first */
  levels: MarkingLevel[];
  /** dissemination controls in banner order; the default list when absent */
  caveats?: MarkingCaveat[];
  /** owner country, first in country lists; `USA` when absent */
  owner?: string;
  portionMarks?: boolean;
  /** `page`: each interior page marked with the highest item printed on it */
  pageMarking?: PageMarking;
};

/**
 * The releasability caveat with a country list (`REL TO USA, KOR`): one row, in the default list
 * and in every preset that releases to other countries (marking-presets.ts).
 */
export const REL_TO_CAVEAT: Readonly<MarkingCaveat> = { code: 'REL TO', countries: true };

/** The default caveat list: the order of the US register of dissemination controls. */
export const DEFAULT_CAVEATS: readonly Readonly<MarkingCaveat>[] = [
  { code: 'ORCON', portion: 'OC' },
  { code: 'IMCON', portion: 'IMC' },
  { code: 'NOFORN', portion: 'NF', supersedes: [REL_TO_CAVEAT.code] },
  { code: 'PROPIN', portion: 'PR' },
  REL_TO_CAVEAT,
  { code: 'RELIDO' },
  { code: 'FOUO' },
];

/** Copies of caveat rows a scheme may own (and an editor change) without touching the source. */
export function caveatRows(rows: readonly Readonly<MarkingCaveat>[]): MarkingCaveat[] {
  return rows.map((caveat) => (caveat.supersedes === undefined ? { ...caveat } : { ...caveat, supersedes: [...caveat.supersedes] }));
}

export const DEFAULT_OWNER = 'USA';

/** The `default` scheme of EXCHANGE.md, exactly. */
export const DEFAULT_MARKINGS: MarkingScheme = {
  scheme: 'default',
  levels: [
    { code: 'U', banner: 'UNCLASSIFIED', portion: 'U' },
    { code: 'C', banner: 'CONFIDENTIAL', portion: 'C' },
    { code: 'S', banner: 'SECRET', portion: 'S' },
    { code: 'TS', banner: 'TOP SECRET', portion: 'TS' },
  ],
  caveats: caveatRows(DEFAULT_CAVEATS),
  portionMarks: true,
  pageMarking: 'overall',
};

export const sourceSchema = z.looseObject({
  title: z.string().max(LIMITS.short),
  author: short.optional(),
  date: short.optional(),
  url: short.optional(),
  note: z.string().max(LIMITS.note).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const translationSchema = z.looseObject({
  title: z.string().max(LIMITS.title).optional(),
  body: z.string().max(LIMITS.body).optional(),
});
export type Translation = { title?: string; body?: string };

/** An item as the exchange format carries it. Unknown properties are kept (extensions). */
export const exchangeItemSchema = z.looseObject({
  id: idSchema,
  kind: z.enum(ITEM_KINDS),
  title,
  body: z.string().max(LIMITS.body),
  topic: short.optional(),
  tags: z.array(short).max(LIMITS.tags).optional(),
  classification: z.string().min(1).max(LIMITS.short),
  caveats: z.array(z.string().min(1).max(LIMITS.short)).max(LIMITS.caveats).optional(),
  status: z.enum(ITEM_STATUSES),
  owner: short.optional(),
  lang: short.optional(),
  translations: z
    .record(short, translationSchema)
    .refine((t) => Object.keys(t).length <= LIMITS.translations, {
      message: `at most ${LIMITS.translations} translations`,
    })
    .optional(),
  sources: z.array(sourceSchema).max(LIMITS.sources).optional(),
  /**
   * An extension (docs/spec/EXCHANGE.md): the words the pocket card prints for the item, one
   * line; without it the card prints the body's first sentence.
   */
  cardLine: z
    .string()
    .max(LIMITS.title)
    .refine((v) => !/[\r\n]/.test(v), { message: 'a card line is one line: no line breaks' })
    .optional(),
  /**
   * An extension (docs/spec/EXCHANGE.md): the date the drafting office owes the paper by, as
   * `YYYY-MM-DD` (a tasker package's placeholders carry one; docs/data-model.md, "Tasking").
   */
  due: isoDateSchema.optional(),
  clearance: clearanceSchema.optional(),
  /** Extensions (docs/spec/EXCHANGE.md): who drafted the paper, and its clearance chain. */
  drafter: drafterSchema.optional(),
  clearances: clearancesSchema.optional(),
  createdAt: short.optional(),
  updatedAt: short.optional(),
  ...revisionFields,
});
export type ExchangeItem = z.infer<typeof exchangeItemSchema>;

export const meetingSchema = z.looseObject({
  date: short.optional(),
  location: short.optional(),
  principal: short.optional(),
  counterpart: short.optional(),
  format: short.optional(),
});
export type Meeting = { date?: string; location?: string; principal?: string; counterpart?: string; format?: string };

export const classificationAuthoritySchema = z.looseObject({
  classifiedBy: short.optional(),
  derivedFrom: short.optional(),
  reason: z.string().max(LIMITS.note).optional(),
  declassifyOn: short.optional(),
});
export type ClassificationAuthority = {
  classifiedBy?: string;
  derivedFrom?: string;
  reason?: string;
  declassifyOn?: string;
};

export const exchangeSectionSchema = z.looseObject({
  id: idSchema,
  title,
  items: z.array(idSchema).max(LIMITS.sectionItems),
});
export type ExchangeSection = z.infer<typeof exchangeSectionSchema>;

export const exchangeBookSchema = z.looseObject({
  id: idSchema,
  title,
  subtitle: short.optional(),
  meeting: meetingSchema.optional(),
  preparedBy: short.optional(),
  floor: short.optional(),
  classificationAuthority: classificationAuthoritySchema.optional(),
  distribution: z.array(z.string().min(1).max(LIMITS.short)).max(LIMITS.distribution).optional(),
  sections: z.array(exchangeSectionSchema).max(LIMITS.sections),
  ...revisionFields,
});
export type ExchangeBook = z.infer<typeof exchangeBookSchema>;

export const EXCHANGE_FORMAT = 'briefbook/v1';

export const exchangeFileSchema = z.looseObject({
  format: z.literal(EXCHANGE_FORMAT),
  markings: markingSchemeSchema.optional(),
  items: z.array(exchangeItemSchema).max(LIMITS.fileItems),
  books: z.array(exchangeBookSchema).max(LIMITS.fileBooks),
});
export type ExchangeFile = z.infer<typeof exchangeFileSchema>;

/** Everything a PDF needs to print one book: pure data, no database. */
export interface BookContent {
  markings: MarkingScheme;
  book: ExchangeBook;
  /** every item the book's sections name, by id */
  items: ExchangeItem[];
  /** the version of each item as stored, for the export log */
  itemVersions: Record<string, number>;
  /**
   * The hash of what each item prints (docs/spec/EXCHANGE.md, "Clearance"), worked out by the
   * main process: an item with a clearance is cleared only when its hash is here and matches.
   */
  contentHashes?: Record<string, string>;
  /** what changed since an edition (books.changesSince), when the options ask for change bars and a changes page */
  changes?: ChangeSet;
}
