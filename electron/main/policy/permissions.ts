/**
 * Permission policy (docs/security.md SEC-7): every permission request and every permission check is
 * denied, on every session. A briefing-book editor needs no camera, microphone, location,
 * notifications, clipboard reading, device access or fullscreen API. The list mirrors the
 * permission names Electron 45 knows; a test checks it against electron.d.ts so a new name in
 * a later Electron shows up in review.
 */
export const KNOWN_PERMISSIONS = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control',
  'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture',
  'fileSystem', 'fullscreen', 'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid',
  'idle-detection', 'keyboardLock', 'local-fonts', 'local-network', 'local-network-access',
  'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc', 'notifications',
  'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock',
  'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access',
  'system-wake-lock', 'top-level-storage-access', 'usb', 'vr', 'web-app-installation',
  'web-printing', 'window-management', 'unknown',
] as const;

/** Whether a permission request or check is granted: never, whoever asks. */
export function decidePermission(_permission: unknown, _requestingOrigin?: unknown): false {
  return false;
}
