/**
 * The process the export crash test kills (docs/security.md EXP-1): it writes the same file again
 * and again with writeFileAtomic, alternating two large versions, and prints `W <n>` after each
 * write returns. argv[2] is the target path, argv[3] the size in bytes.
 */
import { writeSync } from 'node:fs';
import { writeFileAtomic } from '../../electron/store/atomic-write';

const target = process.argv[2];
const size = Number(process.argv[3]);
const versions = [Buffer.alloc(size, 'A'), Buffer.alloc(size, 'B')];
writeSync(1, 'READY\n');
for (let n = 0; ; n += 1) {
  writeFileAtomic(target, versions[n % 2]);
  writeSync(1, `W ${n}\n`);
}
