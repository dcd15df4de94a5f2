// Issue 21 #10: a subscription added or removed while PostgreSQL is down was confirmed ("已添加") and
// then silently undone by the next refresh. Known down, the change is refused in Chinese; a change
// whose write fails after the confirmation is kept and written once PostgreSQL is back.
// PostgreSQL is stood in for by a pool answering the few statements the digest state sends.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDigestRunner } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openPgDigestState } from '../../src/digest/state-pg.js';
import { bundledApp } from '../helpers/app.js';

function fakePool() {
  const rows = new Map<string, { name: string; source: string; spec: string; created_at: string }>();
  const pool = {
    down: false,
    rows,
    async query(sql: string, params: unknown[] = []) {
      if (pool.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      if (sql.startsWith('SELECT name')) return { rows: [...rows.values()], rowCount: rows.size };
      if (sql.startsWith('INSERT INTO subscriptions')) {
        const [name, source, spec, created_at] = params as string[];
        if (rows.has(name)) return { rows: [], rowCount: 0 };
        rows.set(name, { name, source, spec, created_at });
        return { rows: [], rowCount: 1 };
      }
      if (sql.startsWith('DELETE FROM subscriptions')) return { rows: [], rowCount: rows.delete(params[0] as string) ? 1 : 0 };
      return { rows: [], rowCount: 0 };
    },
  };
  return pool;
}

const app = bundledApp();
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the digest state in PostgreSQL, down', () => {
  it('refuses an add or a removal while known down, in Chinese, and confirms nothing', async () => {
    const pool = fakePool();
    const state = await openPgDigestState(pool as unknown as pg.Pool, () => {}, { refreshMs: 1e9 });
    const service = createDigestService({ state, runner: createDigestRunner({ state, context: () => app.ctx, posters: {} }), context: () => app.ctx });
    const origin = { platform: 'slack', channel: 'C0PG', user: 'U1' };
    const kept = service.add('每天 09:00 overview name=kept', origin);
    await settle();
    pool.down = true;
    await expect(state.refresh!()).rejects.toThrow();
    expect(() => service.add('每天 09:00 overview name=lost', origin)).toThrow(/未能保存.*稍后再试/);
    expect(() => service.remove(kept, origin)).toThrow(/未能保存.*稍后再试/);
    pool.down = false;
    await state.refresh!();
    expect(state.subscriptions().map((s) => s.name)).toEqual(['kept']);
    state.close();
  });

  it('a confirmed change whose write fails is kept and written when PostgreSQL is back, not undone', async () => {
    const pool = fakePool();
    const logs: Record<string, unknown>[] = [];
    const state = await openPgDigestState(pool as unknown as pg.Pool, (e) => logs.push(e), { refreshMs: 1e9 });
    const service = createDigestService({ state, runner: createDigestRunner({ state, context: () => app.ctx, posters: {} }), context: () => app.ctx });
    pool.down = true; // down, and no refresh has noticed yet
    expect(service.add('每天 09:00 overview name=late', { platform: 'slack', channel: 'C0PG', user: 'U1' })).toBe('late');
    await settle();
    expect(state.subscriptions().map((s) => s.name)).toEqual(['late']);
    expect(logs.some((l) => /could not save/.test(String(l.message)))).toBe(true);
    pool.down = false;
    await state.refresh!();
    expect([...pool.rows.keys()]).toEqual(['late']);
    expect(state.subscriptions().map((s) => s.name)).toEqual(['late']);
    state.close();
  });
});
