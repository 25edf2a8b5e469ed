#!/usr/bin/env node
// `npm run -s briefbook -- …`: the command line, run from its bundle in out/cli/ (rebuilt first
// when a source changed; scripts/cli-build.mjs, docs/cli.md).
import { runBuiltCli } from './cli-build.mjs';

await runBuiltCli('index');
