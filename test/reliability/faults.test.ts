// Faults: a killed ingest, a full or read-only disk, a throwing handler, platform errors and
// dropped connections, duplicates and rate limits. Nothing lost, nothing doubled, still serving.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { startDiscord, type DiscordAdapter } from '../../src/adapters/discord.js';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { openApp } from '../../src/app.js';
import { defineCommand } from '../../src/core/command.js';
import { createRateLimiter } from '../../src/core/rate-limit.js';
import { createLogger } from '../../src/log.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { openDatabase } from '../../src/store/db.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { APP_ID, commandData, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { tempDir } from '../helpers/tmp.js';

const root = tempDir();
const docs = readdirSync(DEFAULT_DATA_DIR).filter((f) => f.endsWith('.txt'));
const countDocs = (db: string) => {
  const c = openDatabase(db);
  try {
    return (c.prepare('SELECT count(*) n FROM documents').get() as { n: number }).n;
  } finally {
    c.close();
  }
};

describe('ingest faults', () => {
  it('SIGKILL mid-run leaves the previous database intact; the next run completes and cleans up', async () => {
    const db = join(root, 'kill.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    const before = readFileSync(db);
    const big = join(root, 'big');
    mkdirSync(big);
    for (let copy = 0; copy < 25; copy++) for (const f of docs) copyFileSync(join(DEFAULT_DATA_DIR, f), join(big, `${copy}_${f}`));
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'ingest', '--data', big, '--db', db]);
    // Kill it once it has begun writing its temporary database.
    const until = Date.now() + 20_000;
    while (!readdirSync(root).some((n) => n.startsWith('kill.sqlite.tmp-'))) {
      if (Date.now() > until) throw new Error('ingest never started writing');
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(countDocs(db)).toBe(6);
    expect(readdirSync(root).some((n) => n.startsWith('kill.sqlite.tmp-'))).toBe(true);
    const r = ingestDirectory(big, db);
    // 25 copies of each seed: one loaded, 24 recognised as the same disclosure and checked.
    expect([r.disclosures, r.duplicates.length, r.duplicates.every((d) => d.differences === 0)]).toEqual([6, 6 * 24, true]);
    expect(countDocs(db)).toBe(6);
    expect(readdirSync(root).some((n) => n.startsWith('kill.sqlite.tmp-'))).toBe(false);
  }, 90_000);

  it('a full disk gives a clear error and keeps the previous database', () => {
    const db = join(root, 'full.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    const before = readFileSync(db);
    expect(() => ingestDirectory(DEFAULT_DATA_DIR, db, { force: true, maxBytes: 64 * 1024 })).toThrow(/^磁盘空间不足（或超过 --max-size），无法写入 .*；原数据库保持不变。$/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(root).filter((n) => n.startsWith('full.sqlite.tmp-'))).toEqual([]);
  });

  it('a read-only location gives a clear error', () => {
    // /proc is a read-only filesystem on every Linux machine, root or not.
    expect(() => ingestDirectory(DEFAULT_DATA_DIR, '/proc/budget.sqlite')).toThrow(/^无法写入 \/proc（只读或没有权限）；原数据库保持不变。$/);
  });
});

describe('a handler that throws', () => {
  const logs: string[] = [];
  const boom = defineCommand({ name: 'boom', summary: '测试：出错', usage: '/boom', examples: [], options: [], run: () => { throw new Error('kaboom at line 42'); } });
  const db = join(root, 'boom.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const app = openApp(db, createLogger({ write: (l) => void logs.push(l) }), [...COMMANDS, boom]);
  afterAll(() => app.close());

  it('becomes an apology with a request id, logged with the same id; the next question is answered', () => {
    const r = app.dispatch({ text: '/boom' });
    expect(r.outcome).toBe('bug');
    expect(r.answer.summary).toBe(`抱歉，处理这个问题时出了错（编号 ${r.requestId}）。请换个问法，或稍后再试。`);
    expect(r.answer.summary).not.toContain('kaboom');
    const logged = logs.map((l) => JSON.parse(l)).find((l) => l.level === 'error')!;
    expect(logged).toMatchObject({ requestId: r.requestId, command: 'boom' });
    expect(logged.error).toContain('kaboom at line 42');
    expect(app.dispatch({ text: '/budget 竹山县 三公' }).outcome).toBe('ok');
  });
});

describe('Slack: retries, rate limits, outages', () => {
  const SECRET = 'abcdef0123456789abcdef0123456789';
  const logs: string[] = [];
  const log = createLogger({ secrets: [SECRET], write: (l) => void logs.push(l) });
  let fake: FakeSlack;
  let slack: SlackAdapter;
  let endpoint: string;
  const db = join(root, 'slack.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const app = openApp(db, log, COMMANDS, { perUser: createRateLimiter({ capacity: 3, perMinute: 3 }) });

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = await startSlack(app, { botToken: 'xoxb-1-2-3', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, log, { retryConfig: { retries: 3, factor: 1, minTimeout: 20, maxTimeout: 50 } });
    endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    app.close();
  });

  const mention = (eventId: string, text: string) => ({
    token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: eventId, event_time: 1,
    event: { type: 'app_mention', user: `U-${eventId}`, text: `<@U0BOT> ${text}`, ts: '1700000001.000200', channel: 'C0CHAN' },
  });
  const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage').length;

  it('a retried event (Slack retries after 1 and 5 minutes) is answered once', async () => {
    const before = posts();
    const body = JSON.stringify(mention('EvDup1', '/rank 三公'));
    await postSigned(endpoint, SECRET, body, { contentType: 'application/json' });
    await fake.waitFor(() => posts() === before + 1);
    const retry = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout', ...signed(SECRET, body) },
      body,
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(posts()).toBe(before + 1);
  });

  it('a 500 from Slack is retried with backoff and the answer still arrives', async () => {
    const before = posts();
    fake.failNext('chat.postMessage', 500, {}, 2);
    await postSigned(endpoint, SECRET, JSON.stringify(mention('EvOutage', '/budget 竹山县 三公')), { contentType: 'application/json' });
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'chat.postMessage').length >= before + 3, 10_000);
    expect(JSON.stringify(fake.calls.filter((c) => c.method === 'chat.postMessage').at(-1)!.body.blocks)).toContain('9.60 万元');
  });

  it('a 429 is retried after its Retry-After delay', async () => {
    const before = fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    fake.failNext('chat.postMessage', 429, { 'retry-after': '1' }, 1);
    const started = Date.now();
    await postSigned(endpoint, SECRET, JSON.stringify(mention('Ev429', '/sources')), { contentType: 'application/json' });
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'chat.postMessage').length >= before + 2, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a user asking too fast is answered politely, to them alone', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await postSigned(endpoint, SECRET, slashBody('/sources', '', `${fake.url}/response/rl${i}`, { user_id: 'U0FAST' })));
    expect(results.slice(0, 3).every((r) => r.json.response_type === 'in_channel')).toBe(true);
    expect(results[3].json.response_type).toBe('ephemeral');
    expect(JSON.stringify(results[3].json.blocks)).toMatch(/提问太频繁了，请 \d+ 秒后再试/);
    // Another user is not affected.
    expect((await postSigned(endpoint, SECRET, slashBody('/sources', '', `${fake.url}/response/other`, { user_id: 'U0CALM' }))).json.response_type).toBe('in_channel');
  });
});

function signed(secret: string, body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}` };
}

describe('Slack Socket Mode reconnects', () => {
  it('after the connection drops, reconnects and answers', async () => {
    const fake = await startFakeSlack();
    const db = join(root, 'socket.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    const app = openApp(db);
    const slack = await startSlack(app, { botToken: 'xoxb-1-2-3', appToken: 'xapp-1-reconnect', port: 0, apiUrl: fake.apiUrl }, createLogger({ write: () => {} }));
    try {
      await fake.socketConnected();
      const opens = () => fake.calls.filter((c) => c.method === 'apps.connections.open').length;
      const before = opens();
      fake.dropSocket();
      await fake.waitFor(() => opens() > before, 15_000);
      await fake.socketConnected();
      await new Promise((r) => setTimeout(r, 100));
      fake.pushEnvelope({ envelope_id: 'after-drop', type: 'slash_commands', accepts_response_payload: true, payload: Object.fromEntries(new URLSearchParams(slashBody('/budget', '竹山县 三公', `${fake.url}/response/x`))) });
      await fake.waitFor(() => fake.acks.has('after-drop'), 10_000);
      expect(JSON.stringify(fake.acks.get('after-drop').blocks)).toContain('9.60 万元');
    } finally {
      await slack.stop();
      await fake.close();
      app.close();
    }
  }, 40_000);
});

describe('Discord: duplicates, expired tokens, outages, dropped gateway', () => {
  const logs: string[] = [];
  const log = createLogger({ write: (l) => void logs.push(l) });
  let fake: FakeDiscord;
  let discord: DiscordAdapter;
  const db = join(root, 'discord.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const app = openApp(db, log);
  const callbacks = (id: string) => fake.calls.filter((c) => c.path.startsWith(`/api/v10/interactions/${id}/`));

  beforeAll(async () => {
    fake = await startFakeDiscord();
    discord = await startDiscord(app, { token: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.0123456789abcdefghijklmnopqrstuvwxyzABCD', applicationId: APP_ID, apiUrl: fake.apiUrl }, log);
  });
  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
    app.close();
  });

  it('an interaction delivered twice is answered once', async () => {
    const { id } = fake.interact(commandData('sources'));
    await fake.waitFor(() => callbacks(id).length === 1);
    // Replay the very same interaction id, as a resumed session might.
    const replay = fake.interact(commandData('sources'));
    await fake.waitFor(() => callbacks(replay.id).length === 1);
    expect(callbacks(id)).toHaveLength(1);
  });

  it('an expired interaction token is logged, and the bot keeps serving', async () => {
    fake.failNext('/callback', 404, {}, 1, 10062);
    fake.interact(commandData('sources'));
    await fake.waitFor(() => logs.some((l) => l.includes('interaction expired')));
    const { id } = fake.interact(commandData('budget', { department: '竹山县', topic: '三公' }));
    await fake.waitFor(() => callbacks(id).length === 1);
    expect(JSON.stringify(callbacks(id)[0].body)).toContain('9.60 万元');
  });

  it('a 500 on the reply is retried', async () => {
    fake.failNext('/callback', 500, {}, 1);
    const { id } = fake.interact(commandData('rank', { metric: '支出总计' }));
    await fake.waitFor(() => callbacks(id).length === 2, 10_000);
    expect(JSON.stringify(callbacks(id)[1].body)).toContain('3,526.22');
  });

  it('after the gateway drops, the client reconnects and answers', async () => {
    fake.dropGateway();
    await fake.waitFor(() => fake.identifies >= 1, 10_000);
    const until = Date.now() + 20_000;
    // The client resumes (or identifies again) on a new connection; interactions then flow again.
    let answered = false;
    while (!answered && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 300));
      try {
        const { id } = fake.interact(commandData('subject', { subject: '2101501' }));
        await fake.waitFor(() => callbacks(id).length === 1, 1500);
        answered = JSON.stringify(callbacks(id)[0].body).includes('1,059.54');
      } catch {
        /* not reconnected yet */
      }
    }
    expect(answered).toBe(true);
  }, 30_000);
});

describe('the store after all of it', () => {
  it('every database written here still opens', () => {
    for (const f of readdirSync(root).filter((n) => n.endsWith('.sqlite'))) expect(existsSync(join(root, f))).toBe(true);
  });
});
