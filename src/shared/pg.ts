// The shared-state database (DATABASE_URL): one pool per process, migrated at start, and a timer
// that prunes expired rows (seen keys, long-full rate buckets) so the tables stay one window's size.
import pg from 'pg';
import type { Logger } from '../core/dispatch.js';
import { MIGRATIONS } from './migrations.js';

/** Any number that is ours alone: the advisory lock replicas take while migrating. */
const MIGRATION_LOCK = 16_016_002;
const PRUNE_EVERY_MS = 60_000;
/**
 * The pool's own bounds, behind the requests' deadline (deadline.ts): a connection or a query that
 * hangs is given up (and its connection dropped) within seconds (generous: the lease renews through this pool, and a busy server must not lose it), so a server that stops answering
 * cannot hold every pooled connection until TCP gives up a quarter of an hour later.
 */
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 5_000;

export interface SharedDb {
  pool: pg.Pool;
  /** Schema version after migrating. */
  version: number;
  prune(): Promise<void>;
  close(): Promise<void>;
}

export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    let version = rows[0].v ?? 0;
    for (; version < MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version]);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return version;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

export async function openSharedDb(url: string, log: Logger = () => {}, { max = 10 }: { max?: number } = {}): Promise<SharedDb> {
  // Migrations on a connection of their own, without the per-query bounds: a replica waits for
  // another's migration under the advisory lock, and a migration may take longer than a request may.
  const migrating = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5_000 });
  migrating.on('error', () => {});
  let version: number;
  try {
    version = await migrate(migrating);
  } finally {
    await migrating.end().catch(() => {});
  }
  const pool = new pg.Pool({
    connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, idleTimeoutMillis: 30_000,
    query_timeout: QUERY_TIMEOUT_MS, statement_timeout: QUERY_TIMEOUT_MS, idle_in_transaction_session_timeout: 10_000, keepAlive: true,
  });
  // An idle client's error (the server restarted) is reported here; unhandled, it would end the process.
  pool.on('error', (err) => log({ level: 'error', source: 'postgres', message: 'idle connection failed', error: err.message }));
  const prune = async () => {
    await pool.query('DELETE FROM seen_keys WHERE expires_at < now()');
    // Every limit refills completely within a minute (capacity = per-minute rate): an hour-old bucket is full.
    await pool.query("DELETE FROM rate_buckets WHERE at < now() - interval '1 hour'");
  };
  const timer = setInterval(() => prune().catch((err) => log({ level: 'warn', source: 'postgres', message: 'prune failed', error: (err as Error).message })), PRUNE_EVERY_MS);
  timer.unref();
  log({ level: 'info', source: 'postgres', message: 'shared state in PostgreSQL', schemaVersion: version });
  return {
    pool, version, prune,
    async close() {
      clearInterval(timer);
      await pool.end();
    },
  };
}
