/**
 * Every setting the library keeps, with the schema its value must pass and the value it has
 * until someone sets it. The contract's `settings.get`/`settings.set` take only these keys and
 * check the value against the key's schema; the store parses what it reads back with the same
 * schema (a value that no longer passes reads as the default); the renderer's `useSetting` is
 * typed by key from here.
 */
import { z } from 'zod';
import { LIMITS } from './domain';

/** A panel width in CSS pixels (the resizers keep it within their own bounds). */
const width = z.number().min(0).max(100_000);

const REGISTRY = {
  /** the widths of the library sidebar and the inspector */
  layout: {
    schema: z.strictObject({ sidebar: width.default(224), inspector: width.default(360) }),
    default: { sidebar: 224, inspector: 360 },
  },
  /** the live page preview beside the item editor is shown (toggled with Ctrl+Shift+P) */
  'editor.pagePreview': { schema: z.boolean(), default: false },
  /** your name, recorded with each status change (who cleared what) */
  userName: { schema: z.string().max(LIMITS.short), default: '' },
  /** minutes of inactivity before an encrypted library locks itself (0: never); set by `vault.setIdleLock` */
  'vault.idleLockMinutes': { schema: z.number().int().min(0).max(24 * 60), default: 10 },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type SettingKey = keyof typeof REGISTRY;
export type SettingValue<K extends SettingKey> = z.output<(typeof REGISTRY)[K]['schema']>;

/** One entry of the registry: the schema a value must pass, and the value until one is set. */
export interface SettingEntry<K extends SettingKey> {
  schema: z.ZodType<SettingValue<K>>;
  default: SettingValue<K>;
}

/** The registry, typed per key (so `SETTINGS[key]` keeps its key's types for a generic key). */
export const SETTINGS: { readonly [K in SettingKey]: SettingEntry<K> } = REGISTRY;
export const SETTING_KEYS = Object.keys(REGISTRY) as SettingKey[];

/** What `settings.set` takes: a key and a value that passes that key's schema. */
type SetVariant = { [K in SettingKey]: z.ZodObject<{ key: z.ZodLiteral<K>; value: (typeof REGISTRY)[K]['schema'] }, z.core.$strict> }[SettingKey];
const setVariants = SETTING_KEYS.map((key) => z.strictObject({ key: z.literal(key), value: REGISTRY[key].schema }));
// Object.keys loses which variant belongs to which key; the map above builds exactly SetVariant's members.
export const settingInputSchema = z.discriminatedUnion('key', setVariants as unknown as [SetVariant, ...SetVariant[]]);
export type SettingInput = z.output<typeof settingInputSchema>;

/** The key's value from what was stored (JSON text, or null when never set): its default when absent or when it no longer passes. */
export function parseSetting<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const entry = SETTINGS[key];
  if (stored === null || stored === undefined) return entry.default;
  const parsed = entry.schema.safeParse(stored);
  return parsed.success ? parsed.data : entry.default;
}

/**
 * The `settings.set` input for a key and its value. TypeScript cannot tie a generic key to its
 * member of the input union (microsoft/TypeScript#30581); the parameters above tie them instead.
 */
export function settingInput<K extends SettingKey>(key: K, value: SettingValue<K>): z.input<typeof settingInputSchema> {
  return { key, value } as z.input<typeof settingInputSchema>;
}

/** {@link parseSetting} from the stored JSON text; damaged text reads as the default. */
export function parseStoredSetting<K extends SettingKey>(key: K, text: string | null): SettingValue<K> {
  if (text === null) return SETTINGS[key].default;
  try {
    return parseSetting(key, JSON.parse(text));
  } catch {
    return SETTINGS[key].default;
  }
}
