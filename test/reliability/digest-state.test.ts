// Issue 15 items 5–7: the digest state database under fault. A row that does not validate is
// skipped, logged once and named by /digest list, never a crash at each tick and each restart; a
// state database that cannot be opened leaves the bot serving with digests plainly off; one deleted
// while the bot runs is recreated with everything the bot still held. Plus the process-wide guard:
// an unhandled rejection is logged and the process keeps serving.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { createDigestRunner, type Poster } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import type { Subscription } from '../../src/digest/subscription.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

const root = tempDir();
const app = bundledApp();
const sub = (over: Partial<Subscription>): Subscription => ({
  name: 'daily', platform: 'slack', channel: 'C0DIGEST', schedule: '每天 09:00', timezone: 'Asia/Shanghai', content: 'overview',
  filters: { departments: [], regions: [], subjects: [], topics: [] }, onlyWhenChanged: false, threshold: 10, ...over,
});
/** A platform that records what it was asked to post (the platform edge, not our code). */
function recordingPoster() {
  const posts: { channel: string; answer: Answer }[] = [];
  const poster: Poster = { post: async (channel, answer) => (posts.push({ channel, answer }), [`m${posts.length}`]) };
  return { posts, poster };
}
/** Rows written behind the bot's back, as a hand edit or another version would. */
function writeBadRows(file: string) {
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO subscriptions (name, source, spec, created_at) VALUES (?, ?, ?, ?)');
  insert.run('broken-json', 'chat', '{"name": "broken-json", ', '2026-01-01T00:00:00.000Z');
  insert.run('bad-schedule', 'chat', JSON.stringify({ ...sub({ name: 'bad-schedule' }), schedule: '每周八 25:99' }), '2026-01-01T00:00:00.000Z');
  insert.run('bad-date', 'chat', JSON.stringify(sub({ name: 'bad-date' })), 'not a date');
  db.close();
}

describe('an invalid row in the state database', () => {
  it('is skipped and logged once; the valid subscription still posts; /digest list names the skipped', async () => {
    const file = join(root, 'bad-rows.sqlite');
    const logs: Record<string, unknown>[] = [];
    const state = openDigestState(file, (e) => void logs.push(e));
    state.syncFile([sub({ name: 'good' })], new Date('2026-03-01T00:00:00Z'));
    writeBadRows(file);
    const { posts, poster } = recordingPoster();
    let clock = new Date('2026-03-02T02:00:00Z');
    const runner = createDigestRunner({ state, context: () => app.ctx, posters: { slack: poster }, log: (e) => void logs.push(e), now: () => clock });
    await expect(runner.tick(clock)).resolves.toBeUndefined();
    clock = new Date('2026-03-03T02:00:00Z');
    await runner.tick(clock);
    expect(posts.map((p) => p.channel)).toEqual(['C0DIGEST', 'C0DIGEST']);
    const skippedLogs = logs.filter((l) => l.message === 'invalid subscription row skipped');
    expect(skippedLogs.map((l) => l.subscription).sort()).toEqual(['bad-date', 'bad-schedule', 'broken-json']);

    const service = createDigestService({ state, runner, context: () => app.ctx });
    app.attach({ digests: service });
    const r = app.dispatch({ text: '/digest list' });
    expect(r.outcome).toBe('ok');
    expect(r.answer.summary).toBe('共 1 个订阅。');
    expect(r.answer.warnings[0]).toMatch(/^有 3 个订阅记录无法读取，已跳过：bad-date（创建时间无效：not a date）；bad-schedule（schedule 不是有效的时间表.*）；broken-json（内容不是有效的 JSON）$/);
    app.attach({ digests: undefined });
    state.close();
  });

  it('a tick whose state fails altogether is logged, not an unhandled rejection', async () => {
    const logs: Record<string, unknown>[] = [];
    const state = openDigestState(join(root, 'closed.sqlite'));
    const runner = createDigestRunner({ state, context: () => app.ctx, posters: {}, log: (e) => void logs.push(e) });
    state.close();
    await expect(runner.tick()).resolves.toBeUndefined();
    expect(logs.find((l) => l.message === 'digest tick failed')?.error).toMatch(/database connection is not open/);
  });
});

describe('the state database deleted while the bot runs', () => {
  it('is noticed, recreated and re-saved: nothing the bot held is lost, and it is logged', async () => {
    const file = join(root, 'deleted.sqlite');
    const logs: Record<string, unknown>[] = [];
    const state = openDigestState(file, (e) => void logs.push(e));
    const { poster } = recordingPoster();
    const runner = createDigestRunner({ state, context: () => app.ctx, posters: { slack: poster } });
    const service = createDigestService({ state, runner, context: () => app.ctx });
    const first = service.add('每天 09:00 overview name=first', { platform: 'slack', channel: 'C1' });
    expect(await service.runNow(first)).toBe('已发送');
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    // Before the fix this answered "已添加" into the deleted file, and a restart knew nothing.
    const second = service.add('每周一 09:00 changes name=second', { platform: 'slack', channel: 'C2' });
    expect(existsSync(file)).toBe(true);
    expect(logs.some((l) => l.message === 'digest state database was deleted while running: recreated and re-saved')).toBe(true);
    state.close();

    const restarted = openDigestState(file);
    expect(restarted.subscriptions().map((s) => s.name)).toEqual([first, second]);
    expect(restarted.runs(first).map((r) => r.status)).toEqual(['posted']);
    restarted.close();
  });
});

describe('budget-bot start with a damaged state database', () => {
  const SECRET = 'fedcba9876543210fedcba9876543210';
  let fake: FakeSlack;
  const db = join(root, 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  afterAll(async () => fake?.close());

  /** Starts the bot with Slack against the fake; returns its port, its output so far and a stop. */
  async function start(stateFile: string) {
    fake ??= await startFakeSlack();
    let output = '';
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'start', '--db', db], {
      env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: 'xoxb-1-2-digeststate', SLACK_SIGNING_SECRET: SECRET, PORT: '0', SLACK_API_URL: fake.apiUrl, BUDGET_BOT_DIGESTS: join(root, 'none.json'), BUDGET_BOT_DIGEST_STATE: stateFile },
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const until = Date.now() + 20_000;
    while (!/listening on port \d+/.test(output)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const port = /listening on port (\d+)/.exec(output)![1];
    const ask = (text: string) => postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, slashBody('/digest', text, `${fake.url}/response/d`));
    const stop = async () => {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      return exited;
    };
    return { ask, stop, output: () => output };
  }

  it('that cannot be opened: the bot serves, says digests are off at start and in /digest, and stops cleanly', async () => {
    const dir = join(root, 'state-is-a-directory');
    mkdirSync(dir);
    const bot = await start(dir);
    const res = await bot.ask('list');
    expect(JSON.stringify(res.json)).toContain(`定时通报已停用：状态数据库 ${dir} 无法打开`);
    expect(JSON.stringify(res.json)).not.toContain('没有连接');
    expect(bot.output()).toContain('digests disabled: the state database cannot be opened');
    expect(bot.output()).not.toMatch(/^\s+at /m);
    expect(await bot.stop()).toBe(0);
  }, 40_000);

  it('with invalid rows: the bot stays up past its first tick and /digest list names them', async () => {
    const file = join(root, 'damaged.sqlite');
    openDigestState(file).close();
    writeBadRows(file);
    const bot = await start(file);
    await new Promise((r) => setTimeout(r, 300));
    const res = await bot.ask('list');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('有 3 个订阅记录无法读取，已跳过');
    expect(await bot.stop()).toBe(0);
  }, 40_000);
});

describe('budget-bot start with a broken data/digests.json', () => {
  it('refuses to start, clearly, before connecting anything (no half-started bot)', () => {
    const file = join(root, 'broken-digests.json');
    writeFileSync(file, '{"subscriptions": [{"name": "x"');
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'start', '--db', join(root, 'budget.sqlite')], {
      env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: 'xoxb-1-2-digeststate', SLACK_SIGNING_SECRET: 'fedcba9876543210fedcba9876543210', PORT: '0', SLACK_API_URL: 'http://127.0.0.1:9/api/', BUDGET_BOT_DIGESTS: file, BUDGET_BOT_DIGEST_STATE: join(root, 'unused.sqlite') },
      encoding: 'utf8', timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`错误：${file} 不是有效的 JSON`);
    expect(r.stderr).not.toMatch(/listening on port|^\s+at /m);
  }, 40_000);
});

describe('the process-wide guard', () => {
  it('logs an unhandled rejection and keeps the process serving', () => {
    const script = `
      import { createLogger } from './src/log.ts';
      import { installProcessGuards } from './src/process-guards.ts';
      installProcessGuards(createLogger());
      Promise.reject(new Error('nobody listens'));
      setTimeout(() => console.log('still serving'), 100);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('still serving');
    expect(JSON.parse(r.stderr.split('\n').find((l) => l.includes('unhandled rejection'))!)).toMatchObject({ level: 'error', source: 'process', error: expect.stringContaining('nobody listens') });
  });
});
