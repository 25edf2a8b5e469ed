/**
 * zod compiles fast parsers with `new Function` unless told not to, and probes for it at
 * first use; under the app's CSP (script-src 'self', no unsafe-eval: docs/security.md SEC-5) the
 * probe shows up as a CSP violation. The renderer and the PDF worker import the shared
 * schemas, so this module runs first in both and turns the compiler off.
 */
import { config } from 'zod';

config({ jitless: true });
