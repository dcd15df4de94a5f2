// What sharing state in PostgreSQL costs per request, and how fast a dead scheduler is replaced:
// a private server (test/helpers/postgres.ts), then each shared operation timed one at a time and
// 16 at once (three replicas' worth of concurrent requests). Figures go in docs/SCALING.md.
import { openSharedDb } from '../src/shared/pg.js';
import { createPgSeen } from '../src/shared/seen.js';
import { createPgLimiter } from '../src/shared/buckets.js';
import { createLease } from '../src/shared/lease.js';
import { openPgDigestState } from '../src/digest/state-pg.js';
import { startPostgres } from '../test/helpers/postgres.js';

const N = 2_000;
const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function time(label: string, op: (i: number) => Promise<unknown>, concurrency: number) {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < N) {
      const i = next++;
      const s = performance.now();
      await op(i);
      ms.push(performance.now() - s);
    }
  }));
  const total = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ×${String(concurrency).padStart(2)}  ${String(Math.round(N / total)).padStart(6)} ops/s  p50 ${pct(ms, 50).toFixed(2)} ms  p99 ${pct(ms, 99).toFixed(2)} ms`);
}

const pg = await startPostgres();
const db = await openSharedDb(pg.url, () => {}, { max: 16 });
try {
  const seen = createPgSeen(db.pool, 'bench', 600_000);
  const limit = createPgLimiter(db.pool);
  const state = await openPgDigestState(db.pool, () => {}, { refreshMs: 60_000 });
  for (const c of [1, 16]) {
    await time('event de-duplication (insert)', (i) => seen(`ev-${c}-${i}`), c);
    await time('rate limit (user + channel)', (i) => limit([{ key: `user:${i % 200}`, capacity: 1e6, perMinute: 1e6 }, { key: `channel:${i % 20}`, capacity: 1e6, perMinute: 1e6 }]), c);
    await time('digest run claim', async (i) => state.claim(`s${i % 50}`, `2026-01-01T00:00:${c}.${i}Z`, new Date()), c);
  }
  state.close();
  // Takeover: the holder stops renewing (killed); the other tries every third of the term.
  const termMs = 3_000;
  const one = createLease(db.pool, { name: 'bench', holder: 'one', termMs });
  const two = createLease(db.pool, { name: 'bench', holder: 'two', termMs });
  await one.renew();
  await two.start();
  const killed = performance.now();
  while (!two.held()) await new Promise((r) => setTimeout(r, 20));
  console.log(`lease takeover after the holder died: ${((performance.now() - killed) / 1000).toFixed(1)} s (term ${termMs / 1000} s, tries every ${termMs / 3000} s)`);
  await two.stop();
} finally {
  await db.close();
  pg.stop();
}
