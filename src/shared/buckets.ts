// Rate-limit token buckets shared by every replica. One transaction locks the asker's buckets (in
// key order, so two askers never deadlock), refills them by the database's clock, and takes from
// all of them only when all allow — takeAll's rule (core/rate-limit.ts), made atomic across replicas.
import type pg from 'pg';
import type { Logger } from '../core/dispatch.js';
import { createRateLimiter, takeAll, type RateLimiter, type Verdict } from '../core/rate-limit.js';
import { createSharedGuard, type SharedGuard } from './deadline.js';

export interface BucketSpec {
  key: string;
  capacity: number;
  perMinute: number;
}

export type SharedLimiter = (buckets: BucketSpec[]) => Promise<Verdict>;

/**
 * Buckets in PostgreSQL; while it does not answer within the guard's deadline, this replica's own
 * buckets (the same limits, per replica) — a question is neither held nor refused for a limit we
 * cannot read.
 */
export function createPgLimiter(pool: pg.Pool, log: Logger = () => {}, guard: SharedGuard = createSharedGuard({ log })): SharedLimiter {
  const locals = new Map<string, RateLimiter>();
  const local = (s: BucketSpec): RateLimiter => {
    const id = `${s.capacity}/${s.perMinute}`;
    let l = locals.get(id);
    if (!l) locals.set(id, (l = createRateLimiter({ capacity: s.capacity, perMinute: s.perMinute })));
    return l;
  };
  return async (specs) => {
    const wanted = [...new Map(specs.map((s) => [s.key, s])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    if (!wanted.length) return { ok: true };
    return guard.run('rate limit', () => takeShared(pool, wanted), () => takeAll(wanted.map((s) => [local(s), s.key])));
  };
}

async function takeShared(pool: pg.Pool, wanted: BucketSpec[]): Promise<Verdict> {
  let client: pg.PoolClient | undefined;
  let failure: Error | undefined;
  try {
    client = await pool.connect();
    // A connection lost while checked out (the server gone mid-transaction) errors the query in
    // hand; unlistened, the client's own 'error' event would end the process.
    client.on('error', ignore);
    await client.query('BEGIN');
    // A new key starts full.
    await client.query(
      'INSERT INTO rate_buckets (key, tokens, at) SELECT k, c, now() FROM unnest($1::text[], $2::float8[]) AS t(k, c) ON CONFLICT (key) DO NOTHING',
      [wanted.map((s) => s.key), wanted.map((s) => s.capacity)],
    );
    const { rows } = await client.query<{ key: string; tokens: number; elapsed_ms: number }>(
      'SELECT key, tokens, extract(epoch from (now() - at)) * 1000 AS elapsed_ms FROM rate_buckets WHERE key = ANY($1) ORDER BY key FOR UPDATE',
      [wanted.map((s) => s.key)],
    );
    const now = new Map(rows.map((r) => [r.key, r]));
    const levels = wanted.map((s) => {
      const r = now.get(s.key)!;
      const rate = s.perMinute / 60_000;
      return { ...s, rate, tokens: Math.min(s.capacity, Number(r.tokens) + Number(r.elapsed_ms) * rate) };
    });
    const short = levels.filter((l) => l.tokens < 1);
    if (short.length) {
      await client.query('ROLLBACK');
      return { ok: false, retryAfterSec: Math.max(...short.map((l) => Math.max(1, Math.ceil((1 - l.tokens) / l.rate / 1000)))) };
    }
    await client.query('UPDATE rate_buckets b SET tokens = t.tokens, at = now() FROM unnest($1::text[], $2::float8[]) AS t(key, tokens) WHERE b.key = t.key', [levels.map((l) => l.key), levels.map((l) => l.tokens - 1)]);
    await client.query('COMMIT');
    return { ok: true };
  } catch (err) {
    failure = err as Error;
    throw err;
  } finally {
    // A failed (or timed-out) connection is dropped, never handed to the next caller mid-transaction.
    client?.off('error', ignore);
    client?.release(failure ?? false);
  }
}

const ignore = () => {};
