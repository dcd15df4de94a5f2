// Rate-limit token buckets shared by every replica. One transaction locks the asker's buckets (in
// key order, so two askers never deadlock), refills them by the database's clock, and takes from
// all of them only when all allow — takeAll's rule (core/rate-limit.ts), made atomic across replicas.
import type pg from 'pg';
import type { Logger } from '../core/dispatch.js';
import type { Verdict } from '../core/rate-limit.js';

export interface BucketSpec {
  key: string;
  capacity: number;
  perMinute: number;
}

export type SharedLimiter = (buckets: BucketSpec[]) => Promise<Verdict>;

export function createPgLimiter(pool: pg.Pool, log: Logger = () => {}): SharedLimiter {
  return async (specs) => {
    const wanted = [...new Map(specs.map((s) => [s.key, s])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    if (!wanted.length) return { ok: true };
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
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
      await client?.query('ROLLBACK').catch(() => {});
      // Unreachable database: a question is answered rather than refused for a limit we cannot read.
      log({ level: 'error', source: 'postgres', message: 'rate limit unavailable: allowed', error: (err as Error).message });
      return { ok: true };
    } finally {
      client?.release();
    }
  };
}
