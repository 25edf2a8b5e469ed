/**
 * The two hashes other tools recompute (docs/spec/EXCHANGE.md): an item's clearance
 * `contentHash`, over its printed content, and the `rev` of an item or a book, over the object
 * as written in the file. Both are `sha256:` + the hex SHA-256 of the canonical JSON (RFC 8785).
 */
import { createHash } from 'node:crypto';
import { canonicalJson, revisionSubject, type PrintedContent } from '../../src/shared/canonical-json';
import type { MarkingScheme } from '../../src/shared/domain';
import { orderCaveats } from '../../src/shared/markings';

export const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

export function sha256Tagged(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}

interface Printable {
  title: string;
  body: string;
  classification: string;
  caveats?: readonly string[];
  translations?: Record<string, unknown>;
}

export function printedContent(item: Printable, scheme: MarkingScheme): PrintedContent {
  return {
    title: item.title,
    body: item.body,
    classification: item.classification,
    caveats: orderCaveats(item.caveats ?? [], scheme),
    translations: item.translations ?? {},
  };
}

/** The hash a clearance binds to: what the item prints. */
export function contentHashOf(item: Printable, scheme: MarkingScheme): string {
  return sha256Tagged(printedContent(item, scheme));
}

/** An item's or a book's `rev`: the object as written in the file, without rev, history and timestamps. */
export function revOf(value: Record<string, unknown>): string {
  return sha256Tagged(revisionSubject(value));
}
