/**
 * V8 set for a command that runs once and exits: imported first by the command line's entry (and
 * by the PDF benchmark's engine runner, which measures the engine as the command line runs it),
 * so the flags hold before any other code of the process has run.
 *
 * `--interrupt-budget` is how much a function may run before V8 considers optimising it. Its
 * default (67,584 in Node 20) suits pages and servers that run for minutes; a cold export runs for
 * half a second, and with the default V8 spent about as much CPU compiling the layout code on its
 * background threads as the export spent running it (on two cores the two compete). With about
 * four times the default, only the code that stays hot is optimised: measured on the PDF benchmark's
 * 666-page book, whole cold exports in alternation, about 14% less wall time and 28% less CPU
 * (docs/pdf.md, "Where the time goes").
 *
 * `--no-allocation-site-pretenuring`: V8 watches where objects are made, and once most of those
 * made at one place outlive a young-generation collection it makes the later ones there directly
 * in the old generation. The body's layout keeps its paragraphs alive just long enough for that,
 * so V8 then made the contents pages' one-off paragraphs (17 MB at 4,000 items) in the old
 * generation too, where they died at once and were left for the full collector: at 4,000 items the collector's pauses after
 * the body were about a quarter longer. Without it, 5 to 6% less wall time at 4,000 items.
 *
 * The app's export worker runs in Chromium and keeps its defaults.
 */
import { setFlagsFromString } from 'node:v8';
import { ONE_SHOT_V8_FLAGS } from './v8-flags';

for (const flag of ONE_SHOT_V8_FLAGS) setFlagsFromString(flag);
