// Issue 15 item 8: the per-user and per-channel limits are taken together or not at all, so a
// request one limit refuses never spends the other's allowance. A fixed clock: no timing involved.
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/core/dispatch.js';
import { createRateLimiter, createTtlSet, takeAll } from '../../src/core/rate-limit.js';
import { bundledApp } from '../helpers/app.js';

const app = bundledApp();
const clock = () => 1_000_000;

describe('two rate limits', () => {
  it('refused by the busy channel, the user keeps their allowance for a quiet one', () => {
    const limits = { perUser: createRateLimiter({ capacity: 5, perMinute: 5, now: clock }), perChannel: createRateLimiter({ capacity: 2, perMinute: 2, now: clock }) };
    const dispatch = createDispatcher(app.commands, () => app.ctx, () => {}, limits);
    const outcomes = Array.from({ length: 6 }, () => dispatch({ text: '/sources', user: 'slack:UA', channel: 'slack:CBUSY' }).outcome);
    expect(outcomes).toEqual(['ok', 'ok', 'rate-limited', 'rate-limited', 'rate-limited', 'rate-limited']);
    // Two spent, three left: all three answered elsewhere (before the fix the four refusals had spent them).
    const elsewhere = Array.from({ length: 4 }, (_, i) => dispatch({ text: '/sources', user: 'slack:UA', channel: `slack:CQUIET${i}` }).outcome);
    expect(elsewhere).toEqual(['ok', 'ok', 'ok', 'rate-limited']);
  });

  it('refused by the user limit, the channel keeps its allowance for the others', () => {
    const limits = { perUser: createRateLimiter({ capacity: 1, perMinute: 1, now: clock }), perChannel: createRateLimiter({ capacity: 3, perMinute: 3, now: clock }) };
    const dispatch = createDispatcher(app.commands, () => app.ctx, () => {}, limits);
    const flood = Array.from({ length: 5 }, () => dispatch({ text: '/sources', user: 'slack:UFLOOD', channel: 'slack:C1' }).outcome);
    expect(flood.filter((o) => o === 'ok')).toHaveLength(1);
    const others = ['UB', 'UC', 'UD'].map((u) => dispatch({ text: '/sources', user: `slack:${u}`, channel: 'slack:C1' }).outcome);
    expect(others).toEqual(['ok', 'ok', 'rate-limited']);
  });

  it('takeAll names the longer wait when both refuse', () => {
    const a = createRateLimiter({ capacity: 1, perMinute: 1, now: clock });
    const b = createRateLimiter({ capacity: 1, perMinute: 60, now: clock });
    expect(takeAll([[a, 'k'], [b, 'k']])).toEqual({ ok: true });
    expect(takeAll([[a, 'k'], [b, 'k']])).toEqual({ ok: false, retryAfterSec: 60 });
  });
});

describe('the sets that drop repeats (event, interaction and signature ids)', () => {
  it('hold one window of ids, however long the bot runs (issue 15 item 12)', () => {
    let t = 0;
    const set = createTtlSet(60_000, () => t);
    // 20 new ids a second for an hour: the set levels at one minute's worth.
    const sizes: number[] = [];
    let fresh = 0;
    for (let i = 0; i < 20 * 3600; i++) {
      t = i * 50;
      if (set.add(`id-${i}`)) fresh++;
      if (i % (20 * 600) === 0) sizes.push(set.size());
    }
    expect(fresh).toBe(20 * 3600);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1200);
    expect(set.size()).toBeLessThanOrEqual(1200);
  });

  it('still answers a repeat within the window once, and forgets it after', () => {
    let t = 0;
    const set = createTtlSet(1000, () => t);
    expect([set.add('a'), set.add('a')]).toEqual([true, false]);
    t = 999;
    expect(set.add('a')).toBe(false);
    t = 1001;
    expect(set.add('a')).toBe(true);
  });
});
