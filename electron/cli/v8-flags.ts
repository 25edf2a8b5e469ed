/** The V8 flags a one-shot process of the command line sets (v8-tuning.ts says why). */
export const ONE_SHOT_V8_FLAGS: readonly string[] = ['--interrupt-budget=300000', '--no-allocation-site-pretenuring'];
