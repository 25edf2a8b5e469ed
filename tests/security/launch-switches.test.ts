/**
 * The packaged app refuses to start with switches that open it to a debugger or turn off a
 * protection (issue 10, point 8): a table of hostile command lines against the plain function.
 * This table lives here rather than beside the module because it spells out switch names the
 * SEC-2 static scan forbids anywhere in electron/ and src/.
 */
import { describe, expect, it } from 'vitest';
import { launchSwitchProblem, switchName } from '../../electron/main/policy/launch-switches';

const refused: [string, string[], string?][] = [
  ['remote debugging port', ['--remote-debugging-port=9222']],
  ['remote debugging, separate value', ['--remote-debugging-port', '9222']],
  ['remote debugging pipe', ['--remote-debugging-pipe']],
  ['remote debugging address', ['--remote-debugging-address=0.0.0.0']],
  ['upper case', ['--REMOTE-DEBUGGING-PORT=9222']],
  ['single dash', ['-remote-debugging-port=9222']],
  ['underscores', ['--remote_debugging_port=9222']],
  ['Windows slash', ['/remote-debugging-port=9222'], 'win32'],
  ['remote allow origins', ['--remote-allow-origins=*']],
  ['inspect', ['--inspect']],
  ['inspect with port', ['--inspect=127.0.0.1:9229']],
  ['inspect-brk', ['--inspect-brk']],
  ['inspect-port', ['--inspect-port=0']],
  ['node underscore form', ['--inspect_brk=9229']],
  ['legacy debug', ['--debug=5858']],
  ['debug-brk', ['--debug-brk']],
  ['js flags', ['--js-flags=--allow-natives-syntax']],
  ['no sandbox', ['--no-sandbox']],
  ['no sandbox, mixed case', ['--No-Sandbox']],
  ['setuid sandbox off', ['--disable-setuid-sandbox']],
  ['gpu sandbox off', ['--disable-gpu-sandbox']],
  ['seccomp off', ['--disable-seccomp-filter-sandbox']],
  ['no zygote', ['--no-zygote']],
  ['single process', ['--single-process']],
  ['web security off', ['--disable-web-security']],
  ['site isolation off', ['--disable-site-isolation-trials']],
  ['insecure content', ['--allow-running-insecure-content']],
  ['file access', ['--allow-file-access-from-files']],
  ['certificate errors', ['--ignore-certificate-errors']],
  ['certificate SPKI list', ['--ignore-certificate-errors-spki-list=abc']],
  ['blink features', ['--enable-blink-features=Foo']],
  ['disable features', ['--disable-features=IsolateOrigins,site-per-process']],
  ['proxy', ['--proxy-server=http://10.0.0.1:3128']],
  ['pac', ['--proxy-pac-url=file:///tmp/x.pac']],
  ['resolver rules override', ['--host-resolver-rules=MAP * 10.0.0.1']],
  ['extension', ['--load-extension=/tmp/ext']],
  ['logging', ['--enable-logging=file']],
  ['log level', ['--v=1']],
  ['among harmless ones', ['--lang=en', '--no-sandbox', 'library.briefbook']],
];

const allowed: [string, string[]][] = [
  ['nothing', []],
  ['a library file', ['/home/me/summit.briefbook']],
  ['a relative file', ['summit.briefbook']],
  ['language', ['--lang=en-GB']],
  ['a word that merely contains a name', ['--my-inspector-notes']],
  ['verbose is not v', ['--version']],
  ['a path with a slash on Linux', ['/no-sandbox']],
];

describe('launch switches of a packaged app', () => {
  it.each(refused)('refuses %s', (_name, args, platform) => {
    const problem = launchSwitchProblem(args, { packaged: true, platform: platform ?? 'linux' });
    expect(problem).toMatch(/^Briefbook does not start with --[a-z-]+ \(.+\)\. Start it without this switch\.$/);
  });

  it.each(allowed)('allows %s', (_name, args) => {
    expect(launchSwitchProblem(args, { packaged: true, platform: 'linux' })).toBeNull();
  });

  it('names every refused switch, normalised, with why', () => {
    expect(launchSwitchProblem(['--NO_SANDBOX', '--disable-web-security'], { packaged: true, platform: 'linux' })).toBe(
      'Briefbook does not start with --no-sandbox (turns off the sandbox), --disable-web-security (turns off the same-origin policy). Start it without these switches.',
    );
  });

  it('does not check a development build (its tooling starts it with a debugger)', () => {
    expect(launchSwitchProblem(['--inspect=9229', '--no-sandbox'], { packaged: false })).toBeNull();
  });

  it('reads switches the way Chromium does', () => {
    expect(switchName('--Foo_Bar=1', 'linux')).toBe('foo-bar');
    expect(switchName('-foo', 'linux')).toBe('foo');
    expect(switchName('/foo', 'linux')).toBeNull();
    expect(switchName('/foo', 'win32')).toBe('foo');
    expect(switchName('file.briefbook', 'linux')).toBeNull();
  });
});
