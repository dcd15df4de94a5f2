// What a build records about itself, readable without loading the parser: a start or an `ask` on an
// up-to-date database checks these and goes on (store/ingest.ts pulls in every reader).
import { openDatabase } from './db.js';

/** Bump when the parser's output changes, so unchanged documents are parsed again. */
export const PARSER_VERSION = '9';

/** A value the build recorded in the database's meta table (fingerprint, parser_version…), if it opens. */
export function storedMeta(dbFile: string, key: string): string | null {
  try {
    const db = openDatabase(dbFile);
    try {
      return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
