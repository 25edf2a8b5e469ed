/**
 * Canonical JSON: RFC 8785 (the JSON Canonicalization Scheme), through the `canonicalize`
 * package, the RFC's reference implementation for JavaScript (docs/dependencies.md). Keys
 * sorted by UTF-16 code unit, no spaces, numbers and strings as ECMAScript serialises them.
 * Two values with equal content give equal text; content hashes and revisions are taken over
 * these bytes (docs/spec/EXCHANGE.md, "Clearance" and "Revisions and merging").
 */
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

/** The fields a revision leaves out: the revision data itself and the timestamps. */
export const NOT_IN_REVISION = ['rev', 'history', 'createdAt', 'updatedAt'] as const;

/** The object a `rev` is taken over: the object as written in the file, without rev, history and the timestamps. */
export function revisionSubject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!(NOT_IN_REVISION as readonly string[]).includes(key)) out[key] = field;
  }
  return out;
}

/** An item's printed content, the object its clearance `contentHash` is taken over. */
export interface PrintedContent {
  title: string;
  body: string;
  classification: string;
  /** normalised, in the scheme's order; `[]` when none */
  caveats: string[];
  /** `{}` when none */
  translations: Record<string, unknown>;
}
