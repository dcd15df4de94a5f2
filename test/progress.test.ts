// Progress lines off a terminal (a log, CI): plain, periodic, never a carriage return; quiet is silent.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../src/progress.js';

/** A non-terminal stream whose writes are kept. */
function logStream() {
  const s = new PassThrough() as PassThrough & { isTTY?: boolean };
  const chunks: string[] = [];
  s.on('data', (b) => chunks.push(String(b)));
  return { stream: s as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('progress off a terminal', () => {
  it('writes one plain line per interval with done/total, rate, elapsed, time left and unreadable so far', async () => {
    const log = logStream();
    const p = createProgress({ stream: log.stream, intervalMs: 50 });
    p.update({ phase: '解析', done: 0, total: 10, rejected: 0 });
    for (let i = 1; i <= 10; i++) {
      await wait(60);
      p.update({ phase: '解析', done: i, total: 10, rejected: i > 5 ? 1 : 0 });
    }
    p.stop();
    await wait(0);
    const lines = log.text().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l).toMatch(/^解析：\d+\/10 份，(—|\d+\.\d) 份\/秒，已用 \d+秒，预计剩余 \S+，无法读取 [01] 份$/);
    expect(lines.at(-1)).toMatch(/^解析：10\/10 份，\d+\.\d 份\/秒，已用 \d+秒，预计剩余 0秒，无法读取 1 份$/);
    expect(log.text()).not.toMatch(/[\r\x1b]/);
  });

  it('stays silent within the interval, before the delay, and when quiet', async () => {
    const a = logStream();
    const within = createProgress({ stream: a.stream, intervalMs: 60_000 });
    const b = logStream();
    const delayed = createProgress({ stream: b.stream, intervalMs: 0, delayMs: 60_000 });
    const c = logStream();
    const quiet = createProgress({ stream: c.stream, intervalMs: 0, quiet: true });
    for (const p of [within, delayed, quiet]) for (let i = 1; i <= 5; i++) p.update({ phase: '导出', done: i, total: 5 });
    await wait(0);
    expect([a.text(), b.text(), c.text()]).toEqual(['', '', '']);
  });

  it.each([[999, '1秒'], [59_400, '59秒'], [75_000, '1分15秒'], [3_900_000, '1时5分'], [Infinity, '—']])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

/** A stream that says it is a terminal (cli-progress draws its bar on it), its writes kept. */
function terminalStream() {
  const log = logStream();
  Object.assign(log.stream, { isTTY: true, columns: 200 });
  return log;
}

describe('progress on a terminal', () => {
  it('shows the time left in words (剩余 N秒), not cli-progress\'s own raw {eta} seconds', async () => {
    const tty = terminalStream();
    const p = createProgress({ stream: tty.stream });
    p.update({ phase: '解析', done: 0, total: 100 });
    await wait(600);
    p.update({ phase: '解析', done: 10, total: 100 });
    await wait(250);
    const shown = tty.text();
    p.stop();
    const left = [...shown.matchAll(/剩余 (\S+?)(?: |$|\x1b)/g)].map((m) => m[1]);
    expect(left.length).toBeGreaterThan(0);
    for (const l of left) expect(l).toMatch(/^(—|\d+秒|\d+分\d+秒)$/);
  });

  it('a new phase restarts the bar at its own total', async () => {
    const tty = terminalStream();
    const p = createProgress({ stream: tty.stream });
    p.update({ phase: '清点文件', done: 7, total: 7 });
    await wait(150);
    p.update({ phase: '解析', done: 3, total: 7 });
    await wait(150);
    p.stop();
    expect(tty.text()).toMatch(/清点文件 \[[^\]]*\] 7\/7 份/);
    expect(tty.text()).toMatch(/解析 \[[^\]]*\] 3\/7 份/);
  });
});
