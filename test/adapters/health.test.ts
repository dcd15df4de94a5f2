// The health endpoints by themselves: /healthz alive, /readyz 503 naming the failing check (a
// PostgreSQL that does not answer, a database that cannot be opened) and bounded in time.
import { afterAll, describe, expect, it } from 'vitest';
import { createHealth } from '../../src/adapters/health.js';

describe('health endpoints', () => {
  const health = createHealth({
    database: () => {},
    postgresql: () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); },
    stuck: () => new Promise(() => {}),
  });
  const server = health.listen(0);
  afterAll(async () => (await server).close());
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${(await server).port}${path}`);
    return [res.status, await res.json()];
  };

  it('/healthz answers while the process is alive, whatever the checks say', async () => {
    expect(await get('/healthz')).toEqual([200, { status: 'ok' }]);
  });

  it('/readyz is 503 and names each check that failed or did not answer in time', async () => {
    expect(await get('/readyz')).toEqual([503, { status: 'unavailable', checks: { database: 'ok', postgresql: 'connect ECONNREFUSED 127.0.0.1:5432', stuck: 'no answer within 2000 ms' } }]);
  });

  it('anything else is 404 on its own server', async () => {
    expect(await get('/slack/events')).toEqual([404, { status: 'not found' }]);
  });
});

// Issue 21, item 6: with replicas, PostgreSQL unreachable is ridden out from local state; were it to
// fail readiness, a load balancer would take every replica out at once.
describe('an optional check (PostgreSQL with replicas)', () => {
  const health = createHealth({
    database: () => {},
    postgresql: () => { throw new Error('no answer within 2000 ms'); },
  }, { optional: ['postgresql'] });
  const broken = createHealth({ database: () => { throw new Error('数据库不存在'); }, postgresql: () => {} }, { optional: ['postgresql'] });
  it('failing, /readyz is still 200, "degraded", naming it; a required check still makes it 503', async () => {
    expect(await health.ready()).toEqual({ ok: true, degraded: true, checks: { database: 'ok', postgresql: 'no answer within 2000 ms' } });
    const own = await health.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${own.port}/readyz`);
      expect([res.status, await res.json()]).toEqual([200, { status: 'degraded', checks: { database: 'ok', postgresql: 'no answer within 2000 ms' } }]);
    } finally {
      await own.close();
    }
    expect((await broken.ready()).ok).toBe(false);
  });
});
