/**
 * The connection type every repository takes. Its own module so that repositories need not
 * import open.ts (which runs migrations, which use repositories): no import ring.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;
