// Opening the budget database, schema versioned by user_version. The database is derived data:
// ingest builds a new file and swaps it in, so an older schema is rebuilt, not migrated, and the
// finished file uses a rollback journal (no -wal file that a swap could pair with the wrong database).
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const SCHEMA_VERSION = 9;
export type DB = Database.Database;

// Read from the sources' folder, which the compiled build (dist/) runs beside.
const schemaSql = () => readFileSync(join(PROJECT_ROOT, 'src', 'store', 'schema.sql'), 'utf8');

/** Creates a new, empty database file to build into. No journal while building: it is a temp file. */
export function createDatabase(file: string): DB {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(schemaSql());
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** Makes a built database durable and self-contained before it is swapped in. */
export function finishDatabase(db: DB): void {
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
  db.exec('ANALYZE');
  db.close();
}

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** The schema version a database file was built with (0 when unreadable). */
export function schemaVersionOf(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try { return Number(db.pragma('user_version', { simple: true })); } finally { db.close(); }
  } catch {
    return 0;
  }
}

/** Opens an existing database for queries; says plainly when it is missing or out of date. */
export function openDatabase(file: string, { readonly = true } = {}): DB {
  if (!existsSync(file)) throw new StoreError(`数据库 ${file} 不存在，请先运行 budget-bot ingest`);
  const db = new Database(file, { readonly, fileMustExist: true });
  const version = db.pragma('user_version', { simple: true });
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new StoreError(`数据库 ${file} 的结构版本为 ${version}，当前需要 ${SCHEMA_VERSION}，请重新运行 budget-bot ingest`);
  }
  return db;
}
