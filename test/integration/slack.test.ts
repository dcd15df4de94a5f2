// The real Bolt app against a local fake Slack: slash commands over signed HTTP, mentions in
// threads, direct messages, Socket Mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { createLogger } from '../../src/log.js';
import { bundledApp, longCommand } from '../helpers/app.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { slackRejects } from '../fakes/slack-limits.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const TOKEN = 'xoxb-0000-1111-fake';
const logs: string[] = [];
const log = createLogger({ secrets: [TOKEN, SECRET], write: (l) => void logs.push(l) });
const app = bundledApp(log, [longCommand]);

describe('Slack over HTTP', () => {
  let fake: FakeSlack;
  let slack: SlackAdapter;
  let endpoint: string;
  /**
   * A slash command and its first message, wherever it arrives: in the acknowledgement, or — when the
   * bot acknowledged first because other requests were waiting (a busy machine) — through response_url.
   */
  const slash = async (command: string, text: string, id = Math.random().toString(36).slice(2)) => {
    const res = await postSigned(endpoint, SECRET, slashBody(command, text, `${fake.url}/response/${id}`));
    if (res.json || res.status !== 200) return res;
    await fake.waitFor(() => fake.responsesAt(`/response/${id}`).length > 0, 20_000);
    return { ...res, json: fake.responsesAt(`/response/${id}`)[0] };
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = await startSlack(app, { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, log);
    endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  it.each([
    ['/budget', '竹山县 三公', '9.60 万元'],
    ['/subject', '2101501', '1,059.54'],
    ['/diff', '邢台市医保局', '+504.02'],
    ['/compare', '巨鹿县 竹山县', '2,582.46'],
    ['/rank', '支出总计', '3,526.22'],
    ['/search', '长期护理保险', '巨鹿县医疗保障局'],
    ['/check', '竹山县', '639.72'],
    ['/sources', '', '6 份预算'],
  ])('%s %s answers in the channel with the figure in Block Kit', async (command, text, figure) => {
    const res = await slash(command, text);
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('in_channel');
    expect(res.json.blocks[0].type).toBe('header');
    expect(JSON.stringify(res.json.blocks)).toContain(figure);
    expect(res.json.text.length).toBeGreaterThan(0);
  });

  it('/help answers the asker alone', async () => {
    const res = await slash('/help', '');
    expect(res.json.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json.blocks)).toContain('/budget');
  });

  it('cites sources in a context block', async () => {
    const res = await slash('/budget', '竹山县 三公');
    const context = res.json.blocks.filter((b: any) => b.type === 'context');
    expect(JSON.stringify(context)).toContain('001_df29ae28ecb651dd.txt · 一般公共预算“三公”经费支出情况表 · 第 904 行');
  });

  it('an error is ephemeral to the asker', async () => {
    const res = await slash('/budget', '不存在县医保局');
    expect(res.json.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json.blocks)).toContain('没有找到部门');
  });

  it('a long answer is split within the limits, the rest sent through response_url', async () => {
    const before = fake.responses.length;
    const res = await slash('/long', '', 'long');
    // Split by total text as well as blocks, the answer takes several follow-ups: wait for its end.
    await fake.waitFor(() => JSON.stringify(fake.responses.slice(before)).includes('提示 60'));
    const messages = [res.json, ...fake.responses.slice(before)];
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(m.response_type).toBe('in_channel');
      expect(slackRejects(m)).toBeNull();
    }
    const all = JSON.stringify(messages);
    expect(all).toContain('400');
    expect(all).toContain('提示 60');
  });

  it('rejects a bad signature with 401', async () => {
    const res = await postSigned(endpoint, SECRET, slashBody('/budget', '竹山县', `${fake.url}/response/x`), { signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
  });

  it('rejects a timestamp over five minutes old with 401', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(endpoint, SECRET, slashBody('/budget', '竹山县', `${fake.url}/response/x`), { timestamp: stale });
    expect(res.status).toBe(401);
  });

  it('answers a mention in its thread', async () => {
    const before = fake.calls.length;
    const event = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'Ev1', event_time: 1,
      event: { type: 'app_mention', user: 'U0ASKER', text: '<@U0BOT> 竹山县医保局三公经费是多少', ts: '1700000001.000200', thread_ts: '1700000000.000100', channel: 'C0CHAN' },
    };
    const res = await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'chat.postMessage'));
    const post = fake.calls.slice(before).find((c) => c.method === 'chat.postMessage')!;
    expect(post.body.thread_ts).toBe('1700000000.000100');
    expect(post.body.channel).toBe('C0CHAN');
    expect(JSON.stringify(post.body.blocks)).toContain('9.60 万元');
  });

  it('answers a direct message', async () => {
    const before = fake.calls.length;
    const event = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'Ev2', event_time: 1,
      event: { type: 'message', channel_type: 'im', user: 'U0ASKER', text: '/rank 支出总计', ts: '1700000002.000300', channel: 'D0DM' },
    };
    await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' });
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'chat.postMessage'));
    expect(JSON.stringify(fake.calls.slice(before).find((c) => c.method === 'chat.postMessage')!.body.blocks)).toContain('3,526.22');
  });

  it('logs one structured line per command, with no secret in any line', () => {
    const lines = logs.map((l) => JSON.parse(l));
    expect(lines.some((l) => l.platform === 'slack' && l.command === 'budget' && l.outcome === 'ok' && typeof l.ms === 'number')).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);
    expect(logs.join('\n')).not.toContain(SECRET);
  });
});

describe('Slack over Socket Mode', () => {
  let fake: FakeSlack;
  let slack: SlackAdapter;

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = await startSlack(app, { botToken: TOKEN, appToken: 'xapp-1-fake-token', port: 0, apiUrl: fake.apiUrl }, log);
    await fake.socketConnected();
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  it('acks a slash command envelope with the answer', async () => {
    fake.pushEnvelope({
      envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true,
      payload: Object.fromEntries(new URLSearchParams(slashBody('/budget', '竹山县 三公', `${fake.url}/response/socket`))),
    });
    await fake.waitFor(() => fake.acks.has('env-1'));
    const ack = fake.acks.get('env-1');
    expect(ack.response_type).toBe('in_channel');
    expect(JSON.stringify(ack.blocks)).toContain('9.60 万元');
  });
});
