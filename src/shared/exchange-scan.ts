/**
 * A generic pass over parsed exchange-file JSON, run before the schemas: every string (values
 * and keys) must be well-formed Unicode, nesting is bounded, and no key may be `__proto__`.
 * Iterative (an explicit stack), so a hostile file nested 100,000 deep is reported, not a stack
 * overflow; the schemas only ever see a file this pass let through its depth bound.
 * Pure: no Node, no DOM.
 */
import type { Problem } from './contract';

/** Deepest nesting of arrays and objects a file may have ($ itself is depth 0). */
export const MAX_JSON_DEPTH = 64;
/** A hostile file can have a problem in every string: the first ones say enough. */
export const MAX_SCAN_PROBLEMS = 100;
/** Echoed values (ids, keys, texts) are cut to this many characters in messages. */
export const ECHO_LENGTH = 80;

/** A value as a message shows it: at most {@link ECHO_LENGTH} characters, then "…". */
export function shorten(text: string, max = ECHO_LENGTH): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** `$.items[3].kind` from a path; keys are shortened, so a 1 MB key makes a readable path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${shorten(key)}`;
    else out += `[${JSON.stringify(shorten(String(key)))}]`;
  }
  return out;
}

// U+FFFE and U+FFFF are not characters (a byte-swapped BOM, "no character"); lone surrogates
// cannot be stored as UTF-8 at all: SQLite would keep three bytes ED A0 80 that read back as
// three U+FFFD, silently changing the text (or an id, so that the item goes missing).
const BAD_CHAR = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/;

/** What is wrong with a string, in words, or null when it is well-formed. */
export function badCharacter(text: string): string | null {
  const match = BAD_CHAR.exec(text);
  if (match === null) return null;
  const code = match[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = code >= 0xd800 && code <= 0xdfff ? `a lone surrogate (${hex})` : `the non-character ${hex}`;
  return `${what} at character ${match.index + 1}: text must be valid Unicode`;
}

interface ScanFrame {
  value: unknown;
  parent: ScanFrame | null;
  key: PropertyKey | null;
  depth: number;
  /** what is wrong with the key itself, reported when the frame is reached (document order) */
  keyProblem?: string;
}

function pathOf(frame: ScanFrame): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (let f: ScanFrame | null = frame; f !== null && f.key !== null; f = f.parent) keys.push(f.key);
  return keys.reverse();
}

export interface ScanResult {
  problems: Problem[];
  /** nesting beyond {@link MAX_JSON_DEPTH}: the schemas must not walk this value */
  tooDeep: boolean;
}

/** Scans parsed JSON for bad strings, `__proto__` keys and deep nesting; never recurses. */
export function scanJson(root: unknown): ScanResult {
  const problems: Problem[] = [];
  let tooDeep = false;
  const stack: ScanFrame[] = [{ value: root, parent: null, key: null, depth: 0 }];
  const report = (frame: ScanFrame, message: string) => {
    if (problems.length < MAX_SCAN_PROBLEMS) problems.push({ path: jsonPath(pathOf(frame)), message });
  };
  while (stack.length > 0 && problems.length < MAX_SCAN_PROBLEMS) {
    const frame = stack.pop() as ScanFrame;
    const { value, depth } = frame;
    if (frame.key === '__proto__') {
      report(frame, 'the key "__proto__" is not allowed (it would be dropped or change the object it is in)');
      continue;
    }
    if (frame.keyProblem !== undefined) report(frame, frame.keyProblem);
    if (typeof value === 'string') {
      const bad = badCharacter(value);
      if (bad !== null) report(frame, bad);
      continue;
    }
    // bytes (a PDF on its way to disk) are data, not text or structure
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_JSON_DEPTH) {
      tooDeep = true;
      report(frame, `nested too deeply: more than ${MAX_JSON_DEPTH} levels of arrays and objects`);
      continue;
    }
    const children: ScanFrame[] = [];
    if (Array.isArray(value)) {
      value.forEach((child, index) => children.push({ value: child, parent: frame, key: index, depth: depth + 1 }));
    } else {
      for (const key of Object.keys(value)) {
        const badKey = badCharacter(key);
        children.push({
          value: (value as Record<string, unknown>)[key],
          parent: frame,
          key,
          depth: depth + 1,
          ...(badKey === null ? {} : { keyProblem: `key: ${badKey}` }),
        });
      }
    }
    // reversed, so problems come out in document order
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return { problems, tooDeep };
}
