// Digests with a fake clock against the platform fakes: posted at their time in their timezone,
// skipped when nothing changed and posted after a new document, never twice across restarts,
// one catch-up after downtime, a failing channel retried without blocking others, 429 honoured.
// On the bundled seeds; the year-over-year movers need two years of one department (Jiangsu, ../shared).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { discordPoster, slackPoster } from '../../src/digest/posters.js';
import { createDigestRunner } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import { parseSubscriptionsFile, toCron, type Subscription } from '../../src/digest/subscription.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { CHANNEL_ID, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { copyJiangsu } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { describeCorpus } from '../support/corpus.js';

const root = tempDir();
const data = join(root, 'data');
mkdirSync(data);
for (const f of ['000_2c141d3c228c2a71.txt', '002_b2ab98c35d1620c6.txt']) copyFileSync(join(DEFAULT_DATA_DIR, f), join(data, f));
const db = join(root, 'budget.sqlite');
ingestDirectory(data, db);
const app = openApp(db);

let slack: FakeSlack;
let discord: FakeDiscord;
beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
});
afterAll(async () => {
  await slack?.close();
  await discord?.close();
  app.close();
});

/** A runner over its own state file and a clock the test moves. */
function harness(stateFile: string, subs: Subscription[], start: string, retryDelaysMs = [60_000, 300_000], over: App = app) {
  let clock = new Date(start);
  const state = openDigestState(stateFile);
  state.syncFile(subs, clock);
  const client = new webApi.WebClient('xoxb-digest-1', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 } });
  const runner = createDigestRunner({
    state, context: () => over.ctx, now: () => clock, retryDelaysMs,
    posters: { slack: slackPoster(client), discord: discordPoster(new REST({ api: discord.apiUrl, retries: 1 }).setToken('MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.digestdigestdigestdigestdigestdigestABCD')) },
  });
  return { state, runner, at: (iso: string) => { clock = new Date(iso); return runner.tick(clock); } };
}

const sub = (over: Partial<Subscription>): Subscription => ({
  name: 'daily', platform: 'slack', channel: 'C0DIGEST', schedule: '每天 09:00', timezone: 'Asia/Shanghai', content: 'changes',
  filters: { departments: [], regions: [], subjects: [], topics: [] }, onlyWhenChanged: true, threshold: 10, ...over,
});
const postsTo = (channel: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === channel);

describe('schedules', () => {
  it.each([
    ['每天 09:00', '0 9 * * *'], ['每周一 08:30', '30 8 * * 1'], ['每月1日 10:00', '0 10 1 * *'], ['工作日 18:00', '0 18 * * 1-5'], ['0 7 * * 2', '0 7 * * 2'],
  ])('%s → %s', (schedule, cron) => expect(toCron(schedule)).toBe(cron));

  it('data/digests.json is validated; errors name the entry and the field', () => {
    expect(parseSubscriptionsFile('{"subscriptions": []}')).toEqual([]);
    expect(() => parseSubscriptionsFile(JSON.stringify({ subscriptions: [{ name: 'a', platform: 'slack', channel: 'C1', schedule: '每天 09:00', content: 'changes' }, { name: 'b', platform: 'teams', channel: 'C1', schedule: '每天 09:00', content: 'changes' }] })))
      .toThrow(/^data\/digests\.json 第 2 项（b）：platform /);
    expect(() => parseSubscriptionsFile(JSON.stringify({ subscriptions: [{ name: 'c', platform: 'slack', channel: 'C1', schedule: '每天 25:00', content: 'changes' }] }))).toThrow(/第 1 项（c）：schedule 不是有效的时间表/);
    expect(() => parseSubscriptionsFile(JSON.stringify({ subscriptions: [{ name: 'd', platform: 'slack', channel: 'C1', schedule: '每天 09:00', timezone: 'Mars/Base', content: 'changes' }] }))).toThrow(/timezone 不是 IANA 时区名/);
    expect(() => parseSubscriptionsFile('{not json')).toThrow(/不是有效的 JSON/);
  });
});

describe('a daily digest in Asia/Shanghai', () => {
  it('posts at 09:00 Shanghai time (01:00 UTC), not before', async () => {
    const h = harness(join(root, 's1.sqlite'), [sub({ name: 'tz', channel: 'C0TZ' })], '2026-03-01T00:00:00Z');
    await h.at('2026-03-01T00:59:00Z');
    expect(postsTo('C0TZ')).toHaveLength(0);
    await h.at('2026-03-01T01:00:30Z');
    expect(postsTo('C0TZ')).toHaveLength(1);
    expect(h.state.runs('tz').map((r) => [r.scheduledAt, r.status])).toEqual([['2026-03-01T01:00:00.000Z', 'posted']]);
    expect(JSON.stringify(postsTo('C0TZ')[0].body.blocks)).toContain('开始订阅：目前已载入 2 份预算');
    h.state.close();
  });

  it('skips an unchanged run, and posts after a new document is ingested', async () => {
    const h = harness(join(root, 's2.sqlite'), [sub({ name: 'changes', channel: 'C0CHG' })], '2026-03-01T00:00:00Z');
    await h.at('2026-03-01T01:01:00Z');
    await h.at('2026-03-02T01:01:00Z');
    expect(h.state.runs('changes').map((r) => r.status)).toEqual(['posted', 'skipped']);
    // A new department arrives; the app picks up the new database by itself.
    copyFileSync(join(DEFAULT_DATA_DIR, '001_df29ae28ecb651dd.txt'), join(data, '001_df29ae28ecb651dd.txt'));
    ingestDirectory(data, db);
    await h.at('2026-03-03T01:01:00Z');
    expect(h.state.runs('changes').map((r) => r.status)).toEqual(['posted', 'skipped', 'posted']);
    const blocks = JSON.stringify(postsTo('C0CHG').at(-1)!.body.blocks);
    expect(blocks).toContain('上次通报以来新载入 1 份预算，新发现勾稽问题 15 处。');
    expect(blocks).toContain('新载入：竹山县医疗保障局 2022年部门预算（001_df29ae28ecb651dd.txt），无上年文件可比');
    expect(blocks).toContain('2101501 行政运行：合计 639.72 万元');
    h.state.close();
  });

  it('after a restart, the same scheduled time is not posted twice', async () => {
    const file = join(root, 's3.sqlite');
    const first = harness(file, [sub({ name: 'once', channel: 'C0ONCE', onlyWhenChanged: false })], '2026-03-01T00:00:00Z');
    await first.at('2026-03-01T01:00:10Z');
    first.state.close();
    const second = harness(file, [sub({ name: 'once', channel: 'C0ONCE', onlyWhenChanged: false })], '2026-03-01T01:00:20Z');
    await second.at('2026-03-01T01:00:40Z');
    await second.runner.runOnce(sub({ name: 'once', channel: 'C0ONCE' }), '2026-03-01T01:00:00.000Z');
    expect(postsTo('C0ONCE')).toHaveLength(1);
    second.state.close();
  });

  it('after downtime, posts one catch-up for the latest missed run, not a flood', async () => {
    const file = join(root, 's4.sqlite');
    const h = harness(file, [sub({ name: 'catchup', channel: 'C0CATCH', onlyWhenChanged: false })], '2026-03-01T00:00:00Z');
    await h.at('2026-03-01T01:00:10Z');
    await h.at('2026-03-05T03:00:00Z');
    expect(postsTo('C0CATCH')).toHaveLength(2);
    expect(h.state.runs('catchup').map((r) => r.scheduledAt)).toEqual(['2026-03-01T01:00:00.000Z', '2026-03-05T01:00:00.000Z']);
    h.state.close();
  });
});

describe('failures', () => {
  it('a failing channel is logged and retried with backoff, and does not stop another subscription', async () => {
    slack.badChannel('C0GONE', 'channel_not_found');
    const h = harness(join(root, 's5.sqlite'), [
      sub({ name: 'gone', channel: 'C0GONE', onlyWhenChanged: false }),
      sub({ name: 'discord', platform: 'discord', channel: CHANNEL_ID, onlyWhenChanged: false }),
    ], '2026-03-01T00:00:00Z');
    await h.at('2026-03-01T01:00:05Z');
    const gone = h.state.runs('gone')[0];
    expect([gone.status, gone.error, gone.nextAttemptAt]).toEqual(['failed', 'An API error occurred: channel_not_found', '2026-03-01T01:01:05.000Z']);
    expect(discord.calls.filter((c) => c.path === `/api/v10/channels/${CHANNEL_ID}/messages`)).toHaveLength(1);
    // Not yet due: no retry. Then due: retried once, and the next retry backs off further.
    await h.at('2026-03-01T01:00:30Z');
    expect(h.state.runs('gone')[0].attempts).toBe(1);
    await h.at('2026-03-01T01:01:10Z');
    expect(h.state.runs('gone')[0]).toMatchObject({ status: 'failed', attempts: 2, nextAttemptAt: '2026-03-01T01:06:10.000Z' });
    await h.at('2026-03-01T01:06:20Z');
    expect(h.state.runs('gone')[0]).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null });
    expect(discord.calls.filter((c) => c.path === `/api/v10/channels/${CHANNEL_ID}/messages`)).toHaveLength(1);
    h.state.close();
  });

  it('a 429 is retried after its Retry-After delay', async () => {
    slack.failNext('chat.postMessage', 429, { 'retry-after': '1' }, 1);
    const h = harness(join(root, 's6.sqlite'), [sub({ name: 'limited', channel: 'C0LIMIT', onlyWhenChanged: false })], '2026-03-01T00:00:00Z');
    const started = Date.now();
    await h.at('2026-03-01T01:00:05Z');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.state.runs('limited')[0].status).toBe('posted');
    // Two calls: the one refused with 429, and the retry after Retry-After; one run, one message.
    expect(postsTo('C0LIMIT')).toHaveLength(2);
    expect(h.state.runs('limited')[0].messageIds).toHaveLength(1);
    h.state.close();
  });
});

describe('/digest in chat', () => {
  it('adds a subscription for the channel it is asked in, lists, previews and removes it', () => {
    const h = harness(join(root, 's7.sqlite'), [], '2026-03-01T00:00:00Z');
    app.attach({ digests: createDigestService({ state: h.state, runner: h.runner, context: () => app.ctx, now: () => new Date('2026-03-01T00:00:00Z') }) });
    try {
      const added = app.dispatch({ text: '/digest add 每周一 08:30 watch 巨鹿县医疗保障局 2101501 name=jl-watch', platform: 'slack', channel: 'slack:C0HERE', user: 'slack:U1' });
      expect(added.answer.summary).toMatch(/^已添加“jl-watch”/);
      const [s] = h.state.subscriptions();
      expect(s).toMatchObject({ name: 'jl-watch', platform: 'slack', channel: 'C0HERE', schedule: '每周一 08:30', content: 'watch', filters: { departments: ['巨鹿县医疗保障局'], subjects: ['2101501'] } });
      const list = app.dispatch({ text: '/digest list', platform: 'slack' }).answer;
      expect(list.tables[0].rows[0]).toEqual(['jl-watch', 'slack C0HERE', '每周一 08:30（Asia/Shanghai）', 'watch', '是', '2026/3/2 08:30:00', '—']);
      const preview = app.dispatch({ text: '/digest preview jl-watch', platform: 'slack' }).answer;
      // One year loaded: the figures, and no change to show.
      expect(preview.tables[0].rows).toEqual([
        ['巨鹿县医疗保障局 2023', '支出总计', '534.80', '—', '—'],
        ['巨鹿县医疗保障局 2023', '“三公”经费', '0.00', '—', '—'],
        ['巨鹿县医疗保障局 2023', '2101501 行政运行', '244.90', '—', '—'],
      ]);
      expect(app.dispatch({ text: '/digest remove jl-watch', platform: 'slack', channel: 'slack:C0HERE', user: 'slack:U2' }).answer.summary).toMatch(/只有管理员或订阅的创建者可以删除/);
      expect(app.dispatch({ text: '/digest remove jl-watch', platform: 'slack', channel: 'slack:C0HERE', user: 'slack:U1' }).answer.summary).toBe('已删除“jl-watch”。');
      expect(h.state.subscriptions()).toEqual([]);
      expect(app.dispatch({ text: '/digest add 每天 09:00', platform: 'console' }).answer.summary).toMatch(/只能在 Slack 或 Discord 的频道里添加/);
    } finally {
      app.attach({ digests: undefined });
      h.state.close();
    }
  });
});

describe('shutdown', () => {
  it('waits for a digest being posted; nothing lost, nothing doubled after the restart', async () => {
    const file = join(root, 's8.sqlite');
    let clock = new Date('2026-03-01T01:00:05Z');
    const state = openDigestState(file);
    state.syncFile([sub({ name: 'slow', channel: 'C0SLOW', onlyWhenChanged: false })], new Date('2026-03-01T00:00:00Z'));
    const posted: string[] = [];
    const slowPoster = { post: async (channel: string) => { await new Promise((r) => setTimeout(r, 300)); posted.push(channel); return ['m1']; } };
    const runner = createDigestRunner({ state, context: () => app.ctx, now: () => clock, posters: { slack: slowPoster } });
    const ticking = runner.tick();
    await new Promise((r) => setTimeout(r, 50));
    await runner.stop();
    expect(posted).toEqual(['C0SLOW']);
    expect(state.runs('slow').map((r) => r.status)).toEqual(['posted']);
    await ticking;
    const again = createDigestRunner({ state, context: () => app.ctx, now: () => clock, posters: { slack: slowPoster } });
    clock = new Date('2026-03-01T01:30:00Z');
    await again.tick();
    expect(posted).toEqual(['C0SLOW']);
    state.close();
  });
});

describeCorpus('digests over two years of one department (Jiangsu, from ../shared/corpus)', () => {
  const dir = tempDir();
  const jsData = join(dir, 'data');
  const jsDb = join(dir, 'budget.sqlite');
  let jsApp: App | undefined;
  beforeAll(() => {
    copyJiangsu(jsData, ['js_jcy_2018_budget.txt']);
    ingestDirectory(jsData, jsDb);
    jsApp = openApp(jsDb);
  });
  afterAll(() => jsApp?.close());

  it('a new year of a department is posted with its biggest movers', async () => {
    const h = harness(join(dir, 'j1.sqlite'), [sub({ name: 'js-changes', channel: 'C0JSCHG' })], '2026-03-01T00:00:00Z', undefined, jsApp);
    await h.at('2026-03-01T01:01:00Z');
    copyJiangsu(jsData, ['js_jcy_2019_budget.txt']);
    ingestDirectory(jsData, jsDb);
    await h.at('2026-03-02T01:01:00Z');
    expect(h.state.runs('js-changes').map((r) => r.status)).toEqual(['posted', 'posted']);
    const blocks = JSON.stringify(postsTo('C0JSCHG').at(-1)!.body.blocks);
    expect(blocks).toContain('新载入：江苏省人民检察院 2019年部门预算');
    expect(blocks).toContain('221 住房保障支出');
    expect(blocks).toContain('+2,025.97');
    h.state.close();
  });

  it('/digest preview of a watch shows the change against the year before', () => {
    const h = harness(join(dir, 'j2.sqlite'), [], '2026-03-01T00:00:00Z', undefined, jsApp);
    jsApp!.attach({ digests: createDigestService({ state: h.state, runner: h.runner, context: () => jsApp!.ctx, now: () => new Date('2026-03-01T00:00:00Z') }) });
    try {
      jsApp!.dispatch({ text: '/digest add 每周一 08:30 watch 江苏省人民检察院 2040401 name=jcy-watch', platform: 'slack', channel: 'slack:C0HERE', user: 'slack:U1' });
      expect(h.state.subscriptions()[0]).toMatchObject({ filters: { departments: ['江苏省人民检察院'], subjects: ['2040401'] } });
      const preview = jsApp!.dispatch({ text: '/digest preview jcy-watch', platform: 'slack' }).answer;
      expect(preview.tables[0].rows.find((r) => r[1] === '2040401 行政运行')).toEqual(['江苏省人民检察院 2019', '2040401 行政运行', '12,268.62', '+1,385.26', '+12.7%']);
    } finally {
      jsApp!.attach({ digests: undefined });
      h.state.close();
    }
  });
});
