// "Seen before?" across replicas: an insert-if-absent with an expiry. The replica whose insert
// lands answers; the others see a conflict and drop the repeat. An expired row is taken over by
// the next insert, and pruned by the pool's timer (pg.ts).
import type pg from 'pg';
import type { Logger } from '../core/dispatch.js';

/** True the first time a key is seen within ttlMs (by any replica); false for a repeat. */
export type SeenCheck = (key: string) => Promise<boolean>;

export function createPgSeen(pool: pg.Pool, kind: string, ttlMs: number, log: Logger = () => {}): SeenCheck {
  return async (key) => {
    try {
      const r = await pool.query(
        `INSERT INTO seen_keys (kind, key, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (kind, key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_keys.expires_at < now()`,
        [kind, key, ttlMs],
      );
      return r.rowCount === 1;
    } catch (err) {
      // Unreachable database: answer (a possible duplicate) rather than drop every request.
      log({ level: 'error', source: 'postgres', message: `${kind} de-duplication unavailable: treated as new`, error: (err as Error).message });
      return true;
    }
  };
}
