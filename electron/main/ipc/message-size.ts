/**
 * A cap on the total size of one IPC message (IPC-1, docs/security.md), checked
 * before the payload is parsed: every string, array and record is bounded by the schema, but a
 * message could still be many bounded parts, or carry a huge value where the schema would only
 * refuse it after reading it. The size is an upper estimate (a string counts two bytes a
 * character) and the walk stops as soon as the cap is passed. Plain module.
 */
import { DOCX_MAX_BYTES } from '../../../src/shared/contract/shell';
import { LIMITS } from '../../../src/shared/domain';

/** Most messages: an item at its largest (a 100 000-character body, 20 translations, 200 sources) is about 11 MB. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Methods whose one large field is bounded by its own schema (an exchange file, a PDF). */
export const LARGE_MESSAGE_BYTES: Readonly<Record<string, number>> = {
  'library.validate': 512 * 1024 * 1024 + 64 * 1024,
  'library.import': 512 * 1024 * 1024 + 64 * 1024,
  'files.savePdf': 1024 * 1024 * 1024 + 64 * 1024,
  'files.previewDocx': DOCX_MAX_BYTES + 64 * 1024,
  // a Word paper's items: LIMITS.paperItems titles and bodies at their longest, two bytes a character
  'sections.createItems': LIMITS.paperItems * (LIMITS.title + LIMITS.body) * 2 + 64 * 1024,
};

export const messageLimit = (method: string): number => (Object.hasOwn(LARGE_MESSAGE_BYTES, method) ? LARGE_MESSAGE_BYTES[method] : MAX_MESSAGE_BYTES);

/** The size of `value` in bytes (estimated), or `limit + 1` as soon as it is known to pass `limit`. */
export function messageSize(value: unknown, limit: number): number {
  let total = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    total += 8;
    if (typeof next === 'string') total += next.length * 2;
    else if (typeof next === 'bigint') total += 16;
    else if (typeof next === 'object' && next !== null && !seen.has(next)) {
      seen.add(next);
      if (ArrayBuffer.isView(next) || next instanceof ArrayBuffer) {
        total += next.byteLength;
      } else if (next instanceof Map) {
        for (const [k, v] of next) stack.push(k, v);
      } else if (next instanceof Set) {
        for (const v of next) stack.push(v);
      } else {
        for (const key of Object.keys(next)) {
          total += key.length * 2;
          stack.push((next as Record<string, unknown>)[key]);
          if (total > limit) return limit + 1;
        }
      }
    }
    if (total > limit) return limit + 1;
  }
  return total;
}
