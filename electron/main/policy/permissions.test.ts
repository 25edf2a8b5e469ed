import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decidePermission, KNOWN_PERMISSIONS } from './permissions';

/** The permission names of setPermissionRequestHandler in the installed electron.d.ts. */
function permissionsInElectronTypes(): string[] {
  const typesFile = createRequire(import.meta.url).resolve('electron/electron.d.ts');
  const text = readFileSync(typesFile, 'utf8');
  const match = /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:\|[^,]+)*),/.exec(text);
  if (!match) throw new Error('setPermissionRequestHandler not found in electron.d.ts');
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

describe('decidePermission (docs/security.md SEC-7)', () => {
  it('knows every permission name of the installed Electron', () => {
    expect([...KNOWN_PERMISSIONS].sort()).toEqual(permissionsInElectronTypes().sort());
  });

  it.each([...KNOWN_PERMISSIONS])('denies %s, from the app and from anywhere else', (permission) => {
    expect(decidePermission(permission, 'app://bundle')).toBe(false);
    expect(decidePermission(permission, 'https://evil.example')).toBe(false);
    expect(decidePermission(permission)).toBe(false);
  });

  it.each(['', 'camera', 'microphone', 'clipboard-write', '__proto__', 'constructor', null, undefined, 7])('denies the unknown name %j', (permission) => {
    expect(decidePermission(permission, 'app://bundle')).toBe(false);
  });
});
