// "Seen before?" across replicas: an insert-if-absent with an expiry. The replica whose insert
// lands answers; the others see a conflict and drop the repeat. An expired row is taken over by
// the next insert, and pruned by the pool's timer (pg.ts).
import type pg from 'pg';
import type { Logger } from '../core/dispatch.js';
import { createTtlSet } from '../core/rate-limit.js';
import { createSharedGuard, type SharedGuard } from './deadline.js';

/** True the first time a key is seen within ttlMs (by any replica); false for a repeat. */
export type SeenCheck = (key: string) => Promise<boolean>;

/**
 * Keys are remembered here too: while the database does not answer within the guard's deadline, a
 * repeat this replica has seen is still dropped, and a key it has not is answered (a possible
 * duplicate beats silence).
 */
export function createPgSeen(pool: pg.Pool, kind: string, ttlMs: number, log: Logger = () => {}, guard: SharedGuard = createSharedGuard({ log })): SeenCheck {
  const local = createTtlSet(ttlMs);
  return (key) =>
    guard.run(`${kind} de-duplication`, async () => {
      const r = await pool.query(
        `INSERT INTO seen_keys (kind, key, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (kind, key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_keys.expires_at < now()`,
        [kind, key, ttlMs],
      );
      local.add(key);
      return r.rowCount === 1;
    }, () => local.add(key));
}
