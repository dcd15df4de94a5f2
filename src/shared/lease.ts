// A lease row with an expiry: exactly one replica holds it (the digest scheduler's), renewing it
// every third of its term; when the holder dies, the row expires and the next replica to try takes
// it — within one term plus one renewal interval. Times are the database's, never a replica's.
// Held is believed only while the last successful renewal is younger than the term, so a replica
// cut off from the database stops scheduling before another can have taken over.
import type pg from 'pg';
import type { Logger } from '../core/dispatch.js';

export interface Lease {
  /** Whether this replica holds the lease now. */
  held(): boolean;
  /** Tries to take or renew at once (also done on a timer after start). */
  renew(): Promise<boolean>;
  start(): Promise<void>;
  /** Stops renewing and gives the lease up, so another replica takes it at its next try. */
  stop(): Promise<void>;
}

export function createLease(pool: pg.Pool, { name, holder, termMs, log = () => {} }: { name: string; holder: string; termMs: number; log?: Logger }): Lease {
  let heldSince: number | null = null;
  let renewedAt = 0;
  let timer: NodeJS.Timeout | null = null;
  const held = () => heldSince !== null && performance.now() - renewedAt < termMs;

  async function renew(): Promise<boolean> {
    const asked = performance.now();
    let ok = false;
    try {
      const r = await pool.query(
        `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at < now()`,
        [name, holder, termMs],
      );
      ok = r.rowCount === 1;
    } catch (err) {
      log({ level: 'warn', source: 'lease', lease: name, message: 'lease renewal failed', error: (err as Error).message });
    }
    const was = heldSince !== null;
    if (ok) {
      // Counted from when we asked: the database's expiry is at least that far ahead.
      renewedAt = asked;
      if (!was) {
        heldSince = asked;
        log({ level: 'info', source: 'lease', lease: name, holder, message: 'lease acquired' });
      }
    } else if (was) {
      heldSince = null;
      log({ level: 'warn', source: 'lease', lease: name, holder, message: 'lease lost' });
    }
    return ok;
  }

  return {
    held,
    renew,
    async start() {
      await renew();
      timer = setInterval(() => void renew(), Math.max(500, Math.floor(termMs / 3)));
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (heldSince === null) return;
      heldSince = null;
      await pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]).catch(() => {});
      log({ level: 'info', source: 'lease', lease: name, holder, message: 'lease released' });
    },
  };
}
