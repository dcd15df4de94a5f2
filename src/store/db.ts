// Opening the budget database, schema versioned by user_version. The database is derived data:
// ingest builds a new file and swaps it in, so an older schema is rebuilt, not migrated, and the
// finished file uses a rollback journal (no -wal file that a swap could pair with the wrong database).
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const SCHEMA_VERSION = 10;
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

/** Whether an error is SQLite finding the file damaged: not a database, or pages that do not read. */
export function isDamage(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * What a user is told about a damaged database: which file, that it was left as it is, and how to
 * rebuild it — never replaced without being asked (a user's 45 disclosures are not the five samples).
 */
export function damagedDatabase(file: string, err: unknown): StoreError {
  const reason = String((err as Error)?.message ?? err).slice(0, 200);
  return new StoreError(
    `数据库 ${file} 已损坏，无法读取（${reason}）。该文件未被改动。` +
      `请从原始文件重建：budget-bot ingest --data <预算文件目录> --db ${file}（重建成功后替换该文件）；` +
      '或把它移走后重新运行，以内置样例新建数据库。',
  );
}

/** The schema version a database file was built with (0 when it cannot be opened at all). */
export function schemaVersionOf(file: string): number {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try { return Number(db.pragma('user_version', { simple: true })); } finally { db.close(); }
  } catch {
    return 0;
  }
}

/**
 * A database file's state before anything is built over it: its schema version, or the damage that
 * keeps it from being read (a quick check of its pages: a truncated file reads its header fine).
 */
export function inspectDatabase(file: string): { version: number } | { damaged: StoreError } {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const version = Number(db.pragma('user_version', { simple: true }));
      const check = db.pragma('quick_check(1)', { simple: true });
      if (check !== 'ok') return { damaged: damagedDatabase(file, new Error(String(check))) };
      return { version };
    } finally {
      db.close();
    }
  } catch (err) {
    if (isDamage(err)) return { damaged: damagedDatabase(file, err) };
    // Not damage but not readable either (a directory, no permission): said, not a stack trace.
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_')) throw new StoreError(`数据库 ${file} 无法打开（${(err as Error).message}）`);
    throw err;
  }
}

/** Opens an existing database for queries; says plainly when it is missing, damaged or out of date. */
export function openDatabase(file: string, { readonly = true } = {}): DB {
  if (!existsSync(file)) throw new StoreError(`数据库 ${file} 不存在，请先运行 budget-bot ingest`);
  let db: DB | undefined;
  let version: unknown;
  try {
    db = new Database(file, { readonly, fileMustExist: true });
    version = db.pragma('user_version', { simple: true });
  } catch (err) {
    db?.close();
    if (isDamage(err)) throw damagedDatabase(file, err);
    throw err;
  }
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new StoreError(`数据库 ${file} 的结构版本为 ${version}，当前需要 ${SCHEMA_VERSION}，请重新运行 budget-bot ingest`);
  }
  return db;
}
