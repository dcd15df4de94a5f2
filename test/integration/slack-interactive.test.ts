// The real Bolt app against the fake Slack: pressing an answer's buttons follows up in the same
// thread as the presser; charts and CSV go up in one upload; a failed upload is explained privately;
// /help is private; a DM thread is answered in the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import type { App } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { slackRejects } from '../fakes/slack-limits.js';
import { bundledApp, useCorpusApp } from '../helpers/app.js';
import { describeCorpus } from '../support/corpus.js';
import { createDigestRunner } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const TOKEN = 'xoxb-0000-1111-fake';

function slackAgainstFake(app: () => App) {
  const ctx = {} as { fake: FakeSlack; slack: SlackAdapter; endpoint: string };
  beforeAll(async () => {
    ctx.fake = await startFakeSlack();
    ctx.slack = await startSlack(app(), { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl: ctx.fake.apiUrl }, createLogger({ write: () => {} }));
    ctx.endpoint = `http://127.0.0.1:${ctx.slack.port}/slack/events`;
  });
  afterAll(async () => {
    await ctx.slack?.stop();
    await ctx.fake?.close();
  });
  return ctx;
}

/** The block_actions payload Slack sends when someone presses a button on a message in a channel. */
function press(message: { ts: string; blocks: any[] }, actionId: string, user = 'U0PRESSER', responseUrl = 'http://127.0.0.1:1/response/none') {
  const button = message.blocks.find((b) => b.type === 'actions').elements.find((e: any) => e.action_id === actionId);
  const payload = {
    type: 'block_actions', token: 'legacy', api_app_id: 'A0FAKE', trigger_id: '1.2.3', team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, username: 'presser', team_id: 'T0FAKE' }, channel: { id: 'C0CHAN', name: 'budget' },
    container: { type: 'message', message_ts: message.ts, channel_id: 'C0CHAN', is_ephemeral: false },
    message: { type: 'message', ts: message.ts, text: 'answer', blocks: message.blocks }, response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'budget_actions', value: button.value, text: button.text, action_ts: '1700000999.000000' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The slash-command answer (ack plus response_url follow-ups) and the message that carries its buttons. */
async function slashAnswer(ctx: { fake: FakeSlack; endpoint: string }, command: string, text: string) {
  const before = ctx.fake.responses.length;
  const res = await postSigned(ctx.endpoint, SECRET, slashBody(command, text, `${ctx.fake.url}/response/${Math.random().toString(36).slice(2)}`));
  const withButtons = () => [res.json, ...ctx.fake.responses.slice(before)].find((m) => m.blocks?.some((b: any) => b.type === 'actions'));
  await ctx.fake.waitFor(() => !!withButtons());
  return { messages: [res.json, ...ctx.fake.responses.slice(before)], buttons: withButtons() };
}

describeCorpus('Slack buttons on a /diff answer', () => {
  const app = useCorpusApp();
  const ctx = slackAgainstFake(app);

  it('显示全部 replaces the message it sits on with every row (replace_original), as the presser', async () => {
    const { fake, endpoint } = ctx;
    const { messages, buttons } = await slashAnswer(ctx, '/diff', '江苏省人民检察院 2018 2019');
    for (const m of messages) expect(slackRejects(m)).toBeNull();
    const shown = JSON.stringify(messages);
    expect(shown).toContain('科目变化（47 个');
    expect(shown).not.toContain('30309 奖励金');
    const actions = buttons.blocks.find((b: any) => b.type === 'actions').elements.map((e: any) => e.text.text);
    expect(actions).toEqual(['显示全部（47）', '下载 CSV', '详细出处', '查看原文']);

    const before = { calls: fake.calls.length, responses: fake.responses.length };
    const ack = await postSigned(endpoint, SECRET, press({ ts: '1700000500.000100', blocks: buttons.blocks }, 'budget_action:all', 'U0PRESSER', `${fake.url}/response/all`));
    expect(ack.status).toBe(200);
    await fake.waitFor(() => fake.responses.slice(before.responses).some((r) => r.replace_original === true), 15000);
    const replaced = fake.responses.slice(before.responses).find((r) => r.replace_original === true)!;
    expect(slackRejects(replaced)).toBeNull();
    // Every row now, in the message itself (and its continuation in the thread, if any).
    const posts = fake.calls.slice(before.calls).filter((c) => c.method === 'chat.postMessage');
    expect(posts.every((p) => p.body.thread_ts === '1700000500.000100' && p.body.channel === 'C0CHAN')).toBe(true);
    const all = JSON.stringify([replaced.blocks, ...posts.map((p) => p.body.blocks)]);
    expect(all).toContain('30207 邮电费');
    expect(all).toContain('30309 奖励金');
    expect(all).not.toContain('budget_action:all');
  });

  it('下载 CSV uploads the full table into the thread', async () => {
    const { fake, endpoint } = ctx;
    const { buttons } = await slashAnswer(ctx, '/diff', '江苏省人民检察院 2018 2019');
    const before = fake.calls.length;
    await postSigned(endpoint, SECRET, press({ ts: '1700000600.000100', blocks: buttons.blocks }, 'budget_action:csv'));
    // (The slash answer's own chart may still be uploading to the channel: look for the thread's upload.)
    const inThread = () => fake.calls.slice(before).find((c) => c.method === 'files.completeUploadExternal' && c.body.thread_ts === '1700000600.000100');
    await fake.waitFor(() => !!inThread(), 15000);
    expect(inThread()!.body.files).toHaveLength(1);
    expect(fake.uploads.some((u) => u.bytes.toString('utf8').includes('30309 奖励金,1.04,1.05,+0.01'))).toBe(true);
  });
});

describe('Slack files, help and DM threads (seeds)', () => {
  const app = bundledApp();
  const ctx = slackAgainstFake(() => app);

  it('下一页 replaces the answer with page 2 in place; 详细出处 follows in the thread instead', async () => {
    const { fake, endpoint } = ctx;
    const { buttons } = await slashAnswer(ctx, '/search', '医疗');
    const before = { calls: fake.calls.length, responses: fake.responses.length };
    await postSigned(endpoint, SECRET, press({ ts: '1700000800.000100', blocks: buttons.blocks }, 'budget_action:next-page', 'U0PRESSER', `${fake.url}/response/page`));
    await fake.waitFor(() => fake.responses.slice(before.responses).some((r) => r.replace_original === true), 15000);
    const page2 = fake.responses.slice(before.responses).find((r) => r.replace_original === true)!;
    const labels = page2.blocks.find((b: any) => b.type === 'actions').elements.map((e: any) => e.text.text);
    expect(labels.slice(0, 3)).toEqual(['上一页', '下一页', '显示全部（100）']);
    expect(JSON.stringify(page2.blocks)).toContain("这是第 2/5 页");
    expect(fake.calls.slice(before.calls).filter((c) => c.method === 'chat.postMessage')).toEqual([]);

    const sourcesBefore = fake.calls.length;
    await postSigned(endpoint, SECRET, press({ ts: '1700000800.000100', blocks: buttons.blocks }, 'budget_action:sources', 'U0PRESSER', `${fake.url}/response/sources`));
    await fake.waitFor(() => fake.calls.slice(sourcesBefore).some((c) => c.method === 'chat.postMessage'), 15000);
    const post = fake.calls.slice(sourcesBefore).find((c) => c.method === 'chat.postMessage')!;
    expect(post.body.thread_ts).toBe('1700000800.000100');
    expect(JSON.stringify(post.body.blocks)).toContain('出处：');
  });

  it('a chart goes up in one uploadV2 call with alt text, in the mention thread', async () => {
    const { fake, endpoint } = ctx;
    const before = fake.calls.length;
    const event = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'EvChart', event_time: 1,
      event: { type: 'app_mention', user: 'U0ASKER', text: '<@U0BOT> /compare 巨鹿县 竹山县 --csv', ts: '1700000701.000200', channel: 'C0CHAN' },
    };
    await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' });
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'files.completeUploadExternal'), 15000);
    const urls = fake.calls.slice(before).filter((c) => c.method === 'files.getUploadURLExternal');
    expect(urls.map((c) => c.body.filename).sort()).toEqual(['answer.csv', 'chart.png']);
    expect(urls.find((c) => c.body.filename === 'chart.png')!.body.alt_text).toContain('巨鹿县');
    const complete = fake.calls.slice(before).filter((c) => c.method === 'files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0].body.files).toHaveLength(2);
    expect(complete[0].body.thread_ts).toBe('1700000701.000200');
  });

  it('a failed upload tells the asker privately what to do', async () => {
    const { fake, endpoint } = ctx;
    fake.failNext('files.getUploadURLExternal', 200, {}, 1, 'not_in_channel');
    const before = fake.calls.length;
    const event = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'EvFail', event_time: 1,
      event: { type: 'app_mention', user: 'U0ASKER', text: '<@U0BOT> /compare 巨鹿县 竹山县', ts: '1700000702.000200', channel: 'C0CHAN' },
    };
    await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' });
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'chat.postEphemeral'), 15000);
    const note = fake.calls.slice(before).find((c) => c.method === 'chat.postEphemeral')!;
    expect(note.body.user).toBe('U0ASKER');
    expect(note.body.text).toContain('/invite @budget-bot');
  });

  it('/help is shown only to the asker', async () => {
    const { fake, endpoint } = ctx;
    const res = await postSigned(endpoint, SECRET, slashBody('/help', '', `${fake.url}/response/h`));
    expect(res.json.response_type).toBe('ephemeral');
  });

  it('a question in a DM thread is answered in the thread', async () => {
    const { fake, endpoint } = ctx;
    const before = fake.calls.length;
    const event = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'EvDmThread', event_time: 1,
      event: { type: 'message', channel_type: 'im', user: 'U0ASKER', text: '竹山县医保局三公经费是多少', ts: '1700000800.000300', thread_ts: '1700000790.000100', channel: 'D0DM' },
    };
    await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' });
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'chat.postMessage'));
    const post = fake.calls.slice(before).find((c) => c.method === 'chat.postMessage')!;
    expect(post.body.thread_ts).toBe('1700000790.000100');
    expect(JSON.stringify(post.body.blocks)).toContain('9.60 万元');
  });
});

describe('Slack /digest permissions', () => {
  const app = bundledApp();
  const state = openDigestState(join(tempDir(), 'digests.sqlite'));
  const runner = createDigestRunner({ state, context: () => app.ctx, posters: {} });
  app.attach({ digests: createDigestService({ state, runner, context: () => app.ctx }) });
  afterAll(() => state.close());
  const ctx = slackAgainstFake(() => app);
  const slash = (text: string, user: string, channel = 'C0CHAN') =>
    postSigned(ctx.endpoint, SECRET, slashBody('/digest', text, `${ctx.fake.url}/response/${Math.random().toString(36).slice(2)}`, { user_id: user, channel_id: channel }));

  it('stores the creator and channel, and lists this channel by default', async () => {
    expect((await slash('add 每周一 09:00 changes 竹山县 name=zs-weekly', 'U0ASKER')).json.blocks[1].text.text).toContain('已添加“zs-weekly”');
    await slash('add 每天 08:00 overview name=elsewhere', 'U0ASKER', 'C0OTHER');
    expect(state.subscriptions().find((s) => s.name === 'zs-weekly')).toMatchObject({ creator: 'U0ASKER', channel: 'C0CHAN', platform: 'slack' });
    const list = JSON.stringify((await slash('list', 'U0ASKER')).json.blocks);
    expect(list).toContain('zs-weekly');
    expect(list).not.toContain('elsewhere');
    expect(JSON.stringify((await slash('list all', 'U0ASKER')).json.blocks)).toContain('elsewhere');
  });

  it('/digest remove is refused to someone who is neither its creator nor an admin', async () => {
    const res = await slash('remove zs-weekly', 'U0STRANGER');
    expect(res.json.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json.blocks)).toContain('只有管理员或订阅的创建者可以删除');
    expect(state.subscriptions().some((s) => s.name === 'zs-weekly')).toBe(true);
  });

  it('a workspace admin or the creator may remove it', async () => {
    ctx.fake.admins.add('U0ADMIN');
    expect(JSON.stringify((await slash('remove elsewhere', 'U0ADMIN', 'C0OTHER')).json.blocks)).toContain('已删除');
    expect(JSON.stringify((await slash('remove zs-weekly', 'U0ASKER')).json.blocks)).toContain('已删除');
    expect(state.subscriptions()).toEqual([]);
  });
});
