/**
 * Command-line switches the packaged app refuses to start with (issue 10, point 8): switches
 * that open the app to a debugger or turn off a protection the security policy relies on
 * (docs/security.md). The fuses already turn off Node's inspector arguments; Chromium's own
 * switches are not covered by a fuse, so the main process checks the command line before it does
 * anything else and quits with a message. A development build (not packaged) is not checked:
 * the tooling starts it with debugging switches. Plain module: no 'electron'.
 *
 * Switch families are matched by prefix, so every variant is caught (the port, pipe and address
 * forms of remote debugging; the certificate-error family), and written as Chromium reads them:
 * one or two leading dashes (or a slash on Windows), any letter case, `_` like `-`, a value after
 * `=`.
 */

/** Families refused, as switch-name prefixes, with why in words. */
export const REFUSED_SWITCH_FAMILIES: readonly { prefix: string; why: string }[] = [
  { prefix: 'remote-debugging', why: 'lets another program drive the app and read the library' },
  { prefix: 'remote-allow-origins', why: 'lets web pages reach the debugging port' },
  { prefix: 'inspect', why: 'starts a debugger' },
  { prefix: 'debug', why: 'starts a debugger' },
  { prefix: 'js-flags', why: 'changes how the JavaScript engine runs' },
  { prefix: 'no-sandbox', why: 'turns off the sandbox' },
  { prefix: 'disable-setuid-sandbox', why: 'turns off the sandbox' },
  { prefix: 'disable-namespace-sandbox', why: 'turns off the sandbox' },
  { prefix: 'disable-seccomp-filter-sandbox', why: 'turns off the sandbox' },
  { prefix: 'disable-gpu-sandbox', why: 'turns off the sandbox' },
  { prefix: 'no-zygote', why: 'turns off the sandbox' },
  { prefix: 'single-process', why: 'turns off the sandbox' },
  { prefix: 'disable-web-security', why: 'turns off the same-origin policy' },
  { prefix: 'disable-site-isolation', why: 'turns off site isolation' },
  { prefix: 'allow-running-insecure-content', why: 'turns off a content protection' },
  { prefix: 'allow-file-access-from-files', why: 'turns off a content protection' },
  { prefix: 'ignore-certificate', why: 'turns off certificate checks' },
  { prefix: 'enable-blink-features', why: 'turns on experimental web features' },
  { prefix: 'disable-features', why: 'can turn off protections' },
  { prefix: 'proxy-server', why: 'sends requests through another machine' },
  { prefix: 'proxy-pac-url', why: 'sends requests through another machine' },
  { prefix: 'host-resolver-rules', why: 'changes the offline rules' },
  { prefix: 'load-extension', why: 'loads code into the app' },
  { prefix: 'enable-logging', why: 'writes what the app does to a log' },
  { prefix: 'v', why: 'writes what the app does to a log' },
  { prefix: 'vmodule', why: 'writes what the app does to a log' },
];

/** The switch name an argument sets, normalised; null when it is not a switch. */
export function switchName(arg: string, platform: string = process.platform): string | null {
  let match = /^--?([^=]+)(=.*)?$/s.exec(arg);
  if (match === null && platform === 'win32') match = /^\/([^=]+)(=.*)?$/s.exec(arg);
  if (match === null) return null;
  return match[1].trim().toLowerCase().replace(/_/g, '-');
}

function refusedFamily(name: string): { prefix: string; why: string } | undefined {
  // 'v' (Chromium's log level) as a whole name only: every other family by prefix
  return REFUSED_SWITCH_FAMILIES.find(({ prefix }) => (prefix === 'v' ? name === 'v' : name.startsWith(prefix)));
}

/**
 * Why the app will not start with these arguments (Chromium's and Node's, without the executable),
 * in words, or null when it may. `packaged` false: a development build, not checked.
 */
export function launchSwitchProblem(args: readonly string[], options: { packaged: boolean; platform?: string }): string | null {
  if (!options.packaged) return null;
  const refused: string[] = [];
  for (const arg of args) {
    const name = switchName(arg, options.platform);
    if (name === null) continue;
    const family = refusedFamily(name);
    if (family !== undefined) refused.push(`--${name} (${family.why})`);
  }
  if (refused.length === 0) return null;
  return `Briefbook does not start with ${refused.join(', ')}. Start it without ${refused.length === 1 ? 'this switch' : 'these switches'}.`;
}
