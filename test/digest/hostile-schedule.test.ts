// Issue 21 (hostile testing), the scheduler's side: a schedule that never runs is refused in chat
// and in digests.json, and a stored one is skipped by name, never breaking /digest for others (#3);
// a run-log entry from a clock that jumped forward is never the base of the next run (#8); a manual
// run never stops the schedule (#9); a delivered digest stays delivered when its record fails (#19).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { createDigestRunner, type Poster } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import { parseSubscriptionsFile, toCron, type Subscription } from '../../src/digest/subscription.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

const root = tempDir();
const app = bundledApp();
const sub = (over: Partial<Subscription>): Subscription => ({
  name: 'daily', platform: 'slack', channel: 'C0DIGEST', schedule: '每天 09:00', timezone: 'Asia/Shanghai', content: 'overview',
  filters: { departments: [], regions: [], subjects: [], topics: [] }, onlyWhenChanged: false, threshold: 10, ...over,
});
function harness(file: string, subs: Subscription[], start: string, log: (e: Record<string, unknown>) => void = () => {}) {
  let clock = new Date(start);
  const state = openDigestState(file, log);
  state.syncFile(subs, clock);
  const posts: { channel: string; answer: Answer }[] = [];
  const poster: Poster = { post: async (channel, answer) => (posts.push({ channel, answer }), [`m${posts.length}`]) };
  const runner = createDigestRunner({ state, context: () => app.ctx, now: () => clock, posters: { slack: poster }, log });
  const service = createDigestService({ state, runner, context: () => app.ctx, now: () => clock });
  return { state, runner, service, posts, at: (iso: string) => { clock = new Date(iso); return runner.tick(clock); } };
}

describe('a schedule that never runs (#3)', () => {
  it('is refused in toCron, in data/digests.json and in chat', () => {
    for (const s of ['每月99日 09:00', '每月0日 09:00', '0 0 30 2 *']) expect(() => toCron(s), s).toThrow();
    expect(() => parseSubscriptionsFile(JSON.stringify({ subscriptions: [{ name: 'm99', platform: 'slack', channel: 'C1', schedule: '每月99日 09:00', content: 'overview' }] })))
      .toThrow(/第 1 项（m99）：schedule 不是有效的时间表/);
    const h = harness(join(root, 'refuse.sqlite'), [], '2026-03-01T00:00:00Z');
    expect(() => h.service.add('每月99日 09:00 overview', { platform: 'slack', channel: 'C1', user: 'U1' })).toThrow(/时间表/);
    expect(() => h.service.add('每月0日 09:00 overview', { platform: 'slack', channel: 'C1', user: 'U1' })).toThrow(/时间表/);
    expect(h.state.subscriptions()).toEqual([]);
    h.state.close();
  });

  it('already stored is skipped with a warning naming it; /digest list and the others still work', async () => {
    const file = join(root, 'stored.sqlite');
    const logs: Record<string, unknown>[] = [];
    const h = harness(file, [sub({ name: 'good' })], '2026-03-01T00:00:00Z', (e) => logs.push(e));
    const db = new Database(file);
    db.prepare('INSERT INTO subscriptions (name, source, spec, created_at) VALUES (?, ?, ?, ?)').run('m99', 'chat', JSON.stringify(sub({ name: 'm99', schedule: '每月99日 09:00' })), '2026-01-01T00:00:00.000Z');
    db.close();
    expect(h.service.list().map((s) => s.name)).toEqual(['good']);
    expect(h.service.skipped?.().map((s) => s.name)).toEqual(['m99']);
    await h.at('2026-03-01T01:00:30Z');
    expect(h.posts).toHaveLength(1);
    expect(logs.some((l) => l.subscription === 'm99' && l.message === 'invalid subscription row skipped')).toBe(true);
    h.state.close();
  });
});

describe('the run log as the base of the next run', () => {
  it('an entry from a clock that jumped forward is not the base: the next real run still posts (#8)', async () => {
    const h = harness(join(root, 'jump.sqlite'), [sub({ name: 'jump' })], '2026-03-01T00:00:00Z');
    await h.at('2026-03-01T01:00:30Z');
    await h.at('2026-03-20T01:00:30Z'); // the clock jumps 19 days ahead, then back
    await h.at('2026-03-02T01:00:30Z');
    expect(h.state.runs('jump').map((r) => r.scheduledAt)).toContain('2026-03-02T01:00:00.000Z');
    await h.at('2026-03-03T01:00:30Z');
    expect(h.state.runs('jump').map((r) => r.scheduledAt)).toContain('2026-03-03T01:00:00.000Z');
    h.state.close();
  });

  it('a manual run never stops a frequent schedule (#9)', async () => {
    const h = harness(join(root, 'manual.sqlite'), [sub({ name: 'often', schedule: '*/5 * * * *' })], '2026-03-01T00:00:00Z');
    await h.at('2026-03-01T00:05:10Z');
    await h.service.runNow('often');
    // Four days later (more than 1000 five-minute slots after creation), and five minutes after that.
    await h.at('2026-03-05T00:00:10Z');
    await h.at('2026-03-05T00:05:10Z');
    const scheduled = h.state.runs('often').map((r) => r.scheduledAt).filter((s) => !s.startsWith('manual:'));
    expect(scheduled).toEqual(['2026-03-01T00:05:00.000Z', '2026-03-05T00:00:00.000Z', '2026-03-05T00:05:00.000Z']);
    expect(h.service.list()[0].last).toMatch(/^posted /);
    h.state.close();
  });
});

describe('a delivered digest whose record fails (#19)', () => {
  it('is logged as posted, not failed, and not posted again', async () => {
    const logs: Record<string, unknown>[] = [];
    const h = harness(join(root, 'record.sqlite'), [sub({ name: 'rec' })], '2026-03-01T00:00:00Z', (e) => logs.push(e));
    const finish = h.state.finish;
    h.state.finish = () => { throw new Error('Connection terminated unexpectedly'); };
    await h.at('2026-03-01T01:00:30Z');
    h.state.finish = finish;
    expect(h.posts).toHaveLength(1);
    expect(logs.filter((l) => l.subscription === 'rec' && l.outcome).map((l) => l.outcome)).toEqual(['posted']);
    expect(logs.some((l) => l.subscription === 'rec' && l.level === 'error' && /could not record/.test(String(l.message)))).toBe(true);
    await h.at('2026-03-01T01:05:30Z');
    expect(h.posts).toHaveLength(1);
    h.state.close();
  });
});
