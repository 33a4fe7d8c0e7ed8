import type Database from 'better-sqlite3-multiple-ciphers';

/** The database handle repositories work with (better-sqlite3's synchronous API). */
export type Db = Database.Database;
