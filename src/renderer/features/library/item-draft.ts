/** The editor's working copy of an item, and its conversion to and from the contract's shapes. */
import type { ItemDraft, ItemRecord } from '../../../shared/contract';
import type { ChainEntry, ExchangeItem, ItemKind, ItemStatus, Source } from '../../../shared/domain';

/** The language of the translation tab (the app's second working language). */
export const TRANSLATION_LANG = 'ko';

export interface Draft {
  kind: ItemKind;
  title: string;
  body: string;
  topic: string;
  tags: string[];
  classification: string;
  caveats: string[];
  owner: string;
  /** the pocket card's words for the item (one line); empty: the body's first sentence */
  cardLine: string;
  /** the date the owner owes the paper by, `YYYY-MM-DD`; empty: none */
  due: string;
  translationTitle: string;
  translationBody: string;
  sources: Source[];
  /** who drafted the paper (empty: not recorded) */
  drafter: string;
  /** the offices that clear it, in order (docs/spec/EXCHANGE.md, "Extensions") */
  clearances: ChainEntry[];
}

export function draftFrom(item: ExchangeItem): Draft {
  const translation = item.translations?.[TRANSLATION_LANG];
  return {
    kind: item.kind,
    title: item.title,
    body: item.body,
    topic: item.topic ?? '',
    tags: item.tags ?? [],
    classification: item.classification,
    caveats: item.caveats ?? [],
    owner: item.owner ?? '',
    cardLine: typeof item.cardLine === 'string' ? item.cardLine : '',
    due: item.due ?? '',
    translationTitle: translation?.title ?? '',
    translationBody: translation?.body ?? '',
    sources: item.sources ?? [],
    drafter: item.drafter ?? '',
    clearances: item.clearances ?? [],
  };
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What items.save takes: the draft, plus what the editor does not touch (status, other languages). */
export function toItemDraft(record: ItemRecord, draft: Draft, status: ItemStatus): ItemDraft {
  const translations = { ...(record.translations ?? {}) };
  const title = draft.translationTitle.trim();
  const body = draft.translationBody;
  if (title === '' && body.trim() === '') delete translations[TRANSLATION_LANG];
  else translations[TRANSLATION_LANG] = { ...(translations[TRANSLATION_LANG] ?? {}), title: title === '' ? undefined : title, body };
  const out: ItemDraft = {
    id: record.id,
    kind: draft.kind,
    title: draft.title.trim(),
    body: draft.body,
    classification: draft.classification,
    status,
  };
  if (draft.topic.trim() !== '') out.topic = draft.topic.trim();
  if (draft.tags.length > 0) out.tags = draft.tags;
  if (draft.caveats.length > 0) out.caveats = draft.caveats;
  if (draft.owner.trim() !== '') out.owner = draft.owner.trim();
  // one line: a pasted line break becomes a space
  const cardLine = draft.cardLine.replace(/[\r\n]+/g, ' ').trim();
  if (cardLine !== '') out.cardLine = cardLine;
  if (draft.due !== '') out.due = draft.due;
  if (record.lang !== undefined) out.lang = record.lang;
  if (Object.keys(translations).length > 0) {
    // zod strict objects reject undefined-valued keys only if not optional; drop them to keep files clean
    out.translations = Object.fromEntries(
      Object.entries(translations).map(([lang, t]) => [lang, Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined))]),
    );
  }
  const sources = draft.sources.filter((s) => s.title.trim() !== '' || (s.author ?? '') !== '' || (s.url ?? '') !== '' || (s.note ?? '') !== '');
  if (sources.length > 0) out.sources = sources;
  if (draft.drafter.trim() !== '') out.drafter = draft.drafter.trim();
  const chain = draft.clearances.map((entry) => ({ ...entry, office: entry.office.trim() }));
  if (chain.length > 0) out.clearances = chain;
  return out;
}

/**
 * The draft as the store can take it. The store needs a title, so while the title box is empty
 * the item keeps its last stored title and everything else is saved (docs/ux.md, "Nothing
 * lost"): `keptTitle` names it, for the editor to say so.
 */
export function storableDraft(draft: Draft, storedTitle: string): { draft: Draft; keptTitle: string | null } {
  if (draft.title.trim() !== '') return { draft, keptTitle: null };
  return { draft: { ...draft, title: storedTitle }, keptTitle: storedTitle };
}

/** Why a draft cannot be saved yet, in words; null when it can. An empty title is not a problem: see storableDraft. */
export function draftProblem(draft: Draft): string | null {
  if (draft.sources.some((s) => s.title.trim() === '' && ((s.author ?? '') !== '' || (s.url ?? '') !== '' || (s.note ?? '') !== ''))) return 'Each source needs a title.';
  if (draft.clearances.some((entry) => entry.office.trim() === '')) return 'Each clearing office needs a name.';
  return null;
}
