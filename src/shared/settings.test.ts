import { describe, expect, it } from 'vitest';
import { apiContract } from './contract';
import { parseSetting, parseStoredSetting, SETTINGS, settingInput } from './settings';

describe('the settings registry', () => {
  it('settings.set takes only a registered key with a value its schema accepts', () => {
    const input = apiContract['settings.set'].input;
    expect(input.safeParse({ key: 'userName', value: 'Desk officer' }).success).toBe(true);
    expect(input.safeParse(settingInput('layout', { sidebar: 200, inspector: 300 })).success).toBe(true);
    expect(input.safeParse({ key: 'userName', value: 42 }).success).toBe(false);
    expect(input.safeParse({ key: 'layout', value: { sidebar: 200, extra: 1 } }).success).toBe(false);
    expect(input.safeParse({ key: 'vault.idleLockMinutes', value: -1 }).success).toBe(false);
    expect(input.safeParse({ key: 'theme', value: 'dark' }).success).toBe(false);
    expect(apiContract['settings.get'].input.safeParse({ key: 'theme' }).success).toBe(false);
    // @ts-expect-error a value of the wrong type for its key does not compile
    settingInput('userName', 42);
  });

  it('the idle lock takes the same bounds as its setting', () => {
    const setIdle = apiContract['vault.setIdleLock'].input;
    expect(setIdle.safeParse({ minutes: 24 * 60 }).success).toBe(true);
    expect(setIdle.safeParse({ minutes: 24 * 60 + 1 }).success).toBe(false);
    expect(SETTINGS['vault.idleLockMinutes'].schema.safeParse(24 * 60 + 1).success).toBe(false);
  });

  it('a stored value is parsed, never cast: damaged or no longer valid reads as the default', () => {
    expect(parseStoredSetting('layout', null)).toEqual({ sidebar: 224, inspector: 360 });
    expect(parseStoredSetting('layout', '{"sidebar":240}')).toEqual({ sidebar: 240, inspector: 360 });
    expect(parseStoredSetting('layout', '{"sidebar":"wide"}')).toEqual({ sidebar: 224, inspector: 360 });
    expect(parseStoredSetting('userName', '{damaged')).toBe('');
    expect(parseStoredSetting('vault.idleLockMinutes', '5')).toBe(5);
    expect(parseSetting('userName', null)).toBe('');
    expect(parseSetting('userName', 'Desk officer')).toBe('Desk officer');
  });

  it('every default passes its own schema', () => {
    for (const [key, entry] of Object.entries(SETTINGS)) expect(entry.schema.safeParse(entry.default).success, key).toBe(true);
  });
});
