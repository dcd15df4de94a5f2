// Issue 15 items 9–11 through the real Bolt app on loopback: timestamps skewed either way, a body
// larger than the cap (declared or streamed), a replayed signature, another workspace, a burst of
// concurrent slash commands acknowledged first and answered through response_url — and answers
// that never echo a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { MAX_BODY_BYTES } from '../../src/adapters/slack-guard.js';
import { createLogger } from '../../src/log.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { bundledApp } from '../helpers/app.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const logs: Record<string, any>[] = [];
const log = createLogger({ secrets: [SECRET], write: (l) => void logs.push(JSON.parse(l)) });
const app = bundledApp(log);
const now = () => Math.floor(Date.now() / 1000);
const dispatched = (text: string) => logs.filter((l) => l.outcome && l.platform === 'slack' && l.command === text).length;

let fake: FakeSlack;
let slack: SlackAdapter;
let mine: SlackAdapter;
let endpoint: string;
beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await startSlack(app, { botToken: 'xoxb-1-2-guard', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, log);
  mine = await startSlack(app, { botToken: 'xoxb-1-2-team', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl, teamId: 'T0MINE' }, log);
  endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
});
afterAll(async () => {
  await slack?.stop();
  await mine?.stop();
  await fake?.close();
});
const body = (id: string, extra: Record<string, string> = {}) => slashBody('/budget', '竹山县 三公', `${fake.url}/response/${id}`, extra);

describe('timestamps (Slack: refuse more than five minutes either way)', () => {
  it.each([
    ['six minutes ahead', 6 * 60, 401],
    ['a day ahead', 24 * 3600, 401],
    ['six minutes behind', -6 * 60, 401],
    ['four minutes ahead', 4 * 60, 200],
    ['four minutes behind', -4 * 60, 200],
  ])('%s → %i', async (_, offset, status) => {
    const r = await postSigned(endpoint, SECRET, body(`ts${offset}`), { timestamp: now() + offset });
    expect(r.status).toBe(status);
    if (status === 200) expect(JSON.stringify(r.json)).toContain('9.60 万元');
  });
});

describe('the body is capped before it is buffered', () => {
  const tenMb = 'x'.repeat(10 * 1024 * 1024);
  const refusedRead = () => logs.filter((l) => l.message === 'request refused: body too large').map((l) => l.read as number);

  it('a declared 10 MB body is refused unread', async () => {
    const status = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=00' }, body: tenMb })
      .then((r) => r.status, () => 'reset');
    expect([413, 'reset']).toContain(status);
    expect(refusedRead().at(-1)).toBe(0);
  });

  it('a streamed body with no length is cut at the cap', async () => {
    const chunk = new TextEncoder().encode('y'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream({
      pull(c) {
        if (sent >= 10 * 1024 * 1024) return c.close();
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const status = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=00' }, body: stream, duplex: 'half' } as RequestInit)
      .then((r) => r.status, () => 'reset');
    expect([413, 'reset']).toContain(status);
    expect(refusedRead().at(-1)).toBeLessThanOrEqual(MAX_BODY_BYTES + chunk.length);
  });

  it('and the endpoint still answers after both', async () => {
    expect(JSON.stringify((await postSigned(endpoint, SECRET, body('after-big'))).json)).toContain('9.60 万元');
  });
});

describe('a replayed request', () => {
  it('is answered once: the same signature again is acknowledged and ignored', async () => {
    const b = slashBody('/sources', '', `${fake.url}/response/replay`, { user_id: 'U0REPLAY' });
    const timestamp = now();
    const before = dispatched('sources');
    const first = await postSigned(endpoint, SECRET, b, { timestamp });
    const again = await postSigned(endpoint, SECRET, b, { timestamp });
    expect(first.json.response_type).toBe('in_channel');
    expect([again.status, again.text]).toEqual([200, '']);
    expect(dispatched('sources')).toBe(before + 1);
    expect(logs.some((l) => l.message === 'replayed request ignored')).toBe(true);
  });
});

describe('SLACK_TEAM_ID', () => {
  const mineUrl = () => `http://127.0.0.1:${mine.port}/slack/events`;
  it('another workspace is told so, and nothing is answered', async () => {
    const before = dispatched('budget');
    const r = await postSigned(mineUrl(), SECRET, body('other-team'));
    expect(r.json).toEqual({ response_type: 'ephemeral', text: '这个机器人只为配置的工作区服务。' });
    expect(dispatched('budget')).toBe(before);
  });

  it('the configured workspace is answered', async () => {
    const r = await postSigned(mineUrl(), SECRET, body('my-team', { team_id: 'T0MINE' }));
    expect(JSON.stringify(r.json)).toContain('9.60 万元');
  });
});

describe('a burst of slash commands', () => {
  it('is acknowledged first and answered through response_url: every answer arrives, each once', async () => {
    const n = 60;
    const before = fake.responses.length;
    const acks = await Promise.all(Array.from({ length: n }, (_, i) => postSigned(endpoint, SECRET, slashBody('/budget', '竹山县 三公', `${fake.url}/response/burst${i}`, { user_id: `UB${i}`, channel_id: `CB${i}` }))));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    const deferred = acks.filter((a) => a.text === '').length;
    expect(deferred).toBeGreaterThan(0);
    await fake.waitFor(() => fake.responses.length >= before + deferred, 15_000);
    const followed = fake.responses.slice(before);
    expect(followed).toHaveLength(deferred);
    const inAck = acks.filter((a) => a.text !== '').map((a) => a.json);
    for (const m of [...inAck, ...followed]) {
      expect(m.response_type).toBe('in_channel');
      expect(JSON.stringify(m.blocks)).toContain('9.60 万元');
    }
  });
});

describe('answers', () => {
  it('never carry a token a user typed, even with no secret configured', () => {
    const token = 'xoxb-123456789012-abcdefghijklmnop';
    for (const text of [`/budget ${token}`, `/search ${token}`, `${token} 三公`]) {
      const r = app.dispatch({ text });
      expect(JSON.stringify(r.answer)).not.toContain('abcdefghijklmnop');
    }
  });
});
