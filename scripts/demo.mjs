#!/usr/bin/env node
// `npm run demo`: prints the sample book from the bundled command line (scripts/cli-build.mjs).
import { runBuiltCli } from './cli-build.mjs';

await runBuiltCli('demo');
