// The shared-state pieces against a real PostgreSQL server: migrations applied once (also when
// replicas start together), seen keys with expiry, token buckets taken atomically, the lease
// changing hands, and the digest run log's claim made once across two replicas' state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSharedDb, type SharedDb } from '../../src/shared/pg.js';
import { createPgSeen } from '../../src/shared/seen.js';
import { createPgLimiter } from '../../src/shared/buckets.js';
import { createSharedGuard } from '../../src/shared/deadline.js';
import { createLease } from '../../src/shared/lease.js';
import { openPgDigestState } from '../../src/digest/state-pg.js';
import { MIGRATIONS } from '../../src/shared/migrations.js';
import { pgBinDir, SKIP_NO_POSTGRES, startPostgres, type TestPostgres } from '../helpers/postgres.js';

const available = !!pgBinDir();
if (!available) console.warn(SKIP_NO_POSTGRES);

describe.skipIf(!available)('shared state in PostgreSQL', () => {
  let pg: TestPostgres;
  let a: SharedDb;
  let b: SharedDb;

  beforeAll(async () => {
    pg = await startPostgres();
    // Two "replicas" migrating at once: the advisory lock lets one apply, the other find it done.
    [a, b] = await Promise.all([openSharedDb(pg.url), openSharedDb(pg.url)]);
  }, 90_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    pg?.stop();
  });

  it('applies every migration once', async () => {
    expect([a.version, b.version]).toEqual([MIGRATIONS.length, MIGRATIONS.length]);
    const { rows } = await a.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('sees a key once across replicas until it expires, and prunes expired keys', async () => {
    const seenA = createPgSeen(a.pool, 'test', 300);
    const seenB = createPgSeen(b.pool, 'test', 300);
    const first = await Promise.all([seenA('Ev1'), seenB('Ev1'), seenA('Ev1'), seenB('Ev1')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(await seenB('Ev1')).toBe(true);
    await createPgSeen(a.pool, 'short', 1)('gone');
    await new Promise((r) => setTimeout(r, 20));
    await a.prune();
    const { rows } = await a.pool.query("SELECT count(*)::int AS n FROM seen_keys WHERE kind = 'short'");
    expect(rows[0].n).toBe(0);
  });

  it('takes tokens atomically: a burst of 20 from two replicas gets exactly the capacity', async () => {
    // Atomicity, not the deadline, is what this proves: twenty transactions queue on the same row
    // locks, and on a busy machine the last wait past the requests' 300 ms (then answered locally).
    const patient = () => createSharedGuard({ deadlineMs: 30_000 });
    const limitA = createPgLimiter(a.pool, undefined, patient());
    const limitB = createPgLimiter(b.pool, undefined, patient());
    const spec = [{ key: 'user:slack:U1', capacity: 5, perMinute: 5 }, { key: 'channel:slack:C1', capacity: 100, perMinute: 100 }];
    const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? limitA : limitB)(spec)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    expect(verdicts.find((v) => !v.ok)).toMatchObject({ ok: false, retryAfterSec: expect.any(Number) });
    // A refusal by the user's bucket did not spend the channel's: 100 − 5 tokens left.
    const { rows } = await a.pool.query("SELECT tokens FROM rate_buckets WHERE key = 'channel:slack:C1'");
    expect(Math.floor(rows[0].tokens)).toBe(95);
  });

  it('gives the lease to one replica, and to the other once the holder stops renewing', async () => {
    const one = createLease(a.pool, { name: 'test-lease', holder: 'one', termMs: 1_000 });
    const two = createLease(b.pool, { name: 'test-lease', holder: 'two', termMs: 1_000 });
    expect(await one.renew()).toBe(true);
    expect(await two.renew()).toBe(false);
    expect([one.held(), two.held()]).toEqual([true, false]);
    // "one" dies without giving it up: after the term, "two" takes it.
    await new Promise((r) => setTimeout(r, 1_100));
    expect(one.held()).toBe(false);
    expect(await two.renew()).toBe(true);
    expect(await one.renew()).toBe(false);
    await two.stop();
    expect(await one.renew()).toBe(true);
    await one.stop();
  });

  it('claims a scheduled digest run once across replicas, and shows one replica the subscription another added', async () => {
    const stateA = await openPgDigestState(a.pool, () => {}, { refreshMs: 100 });
    const stateB = await openPgDigestState(b.pool, () => {}, { refreshMs: 100 });
    const at = '2026-03-02T01:00:00.000Z';
    const claims = await Promise.all([stateA.claim('s1', at, new Date()), stateB.claim('s1', at, new Date()), stateA.claim('s1', at, new Date())]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    stateA.add({ name: 'shared-sub', platform: 'slack', channel: 'C1', schedule: '每天 09:00', timezone: 'Asia/Shanghai', content: 'changes', filters: { departments: [], regions: [], subjects: [], topics: [] }, onlyWhenChanged: true, threshold: 10 }, new Date());
    expect(stateA.subscriptions().map((s) => s.name)).toContain('shared-sub');
    const until = Date.now() + 5_000;
    while (!stateB.subscriptions().some((s) => s.name === 'shared-sub') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(stateB.subscriptions().map((s) => s.name)).toContain('shared-sub');
    await stateB.refresh?.();
    expect(stateB.lastRun('s1')).toMatchObject({ scheduledAt: at, status: 'pending' });
    stateA.close();
    stateB.close();
  });
});
