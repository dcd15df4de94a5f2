// The real Bolt app against the fake Slack: `/digest add` alone opens a modal (views.open); its
// submission goes through the same validation as the typed command — refused with the reason under
// the field and nothing saved, or saved exactly as the text form saves it — and App Home
// (views.publish) shows what is loaded, this workspace's subscriptions and how to ask.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { createCommandNames } from '../../src/core/command-names.js';
import { createDigestRunner } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import { createLogger } from '../../src/log.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const TOKEN = 'xoxb-0000-1111-forms';

const app = bundledApp();
const state = openDigestState(join(tempDir(), 'digests.sqlite'));
app.attach({ digests: createDigestService({ state, runner: createDigestRunner({ state, context: () => app.ctx, posters: {} }), context: () => app.ctx }) });
let fake: FakeSlack;
let slack: SlackAdapter;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await startSlack(app, { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, createLogger({ write: () => {} }), { names: createCommandNames('bb-') });
  endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
});
afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  state.close();
});

const slash = (command: string, text: string, user = 'U0ASKER') => postSigned(endpoint, SECRET, slashBody(command, text, `${fake.url}/response/${Math.random().toString(36).slice(2)}`, { user_id: user }));

/** The view_submission Slack sends when the modal's 添加 is pressed, with these field values. */
function submit(view: any, values: { schedule: string; content: string; about?: string }, user = 'U0ASKER') {
  const payload = {
    type: 'view_submission', team: { id: 'T0FAKE', domain: 'fake' }, user: { id: user, username: 'asker', team_id: 'T0FAKE' }, api_app_id: 'A0FAKE', token: 'legacy', trigger_id: '4.5.6',
    view: {
      ...view, id: 'V0MODAL', team_id: 'T0FAKE', app_id: 'A0FAKE', bot_id: 'B0BOT', hash: 'h', previous_view_id: null, root_view_id: 'V0MODAL',
      state: { values: { schedule: { value: { type: 'plain_text_input', value: values.schedule } }, content: { value: { type: 'static_select', selected_option: { value: values.content, text: { type: 'plain_text', text: values.content } } } }, about: { value: { type: 'plain_text_input', value: values.about ?? null } } } },
    },
  };
  return postSigned(endpoint, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

async function openedModal(): Promise<any> {
  const before = fake.calls.length;
  const res = await slash('/bb-digest', 'add');
  expect(res.status).toBe(200);
  await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'views.open'));
  return fake.calls.slice(before).find((c) => c.method === 'views.open')!.body;
}

describe('/digest add as a Slack modal', () => {
  it('opens on the slash command\'s trigger with the three fields, carrying the channel', async () => {
    const { trigger_id, view } = await openedModal();
    expect(trigger_id).toBe('1.2.3');
    expect(view.callback_id).toBe('budget_digest_add');
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['schedule', 'content', 'about']);
    expect(view.blocks[1].element.options.map((o: any) => o.value)).toEqual(['changes', 'watch', 'overview']);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C0CHAN' });
  });

  it('refuses a schedule it cannot read: the reason under the field, the modal kept open, nothing saved', async () => {
    const { view } = await openedModal();
    const before = state.subscriptions().length;
    const res = await submit(view, { schedule: '下雨天', content: 'changes', about: '竹山县' });
    expect(res.status).toBe(200);
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors)).toEqual(['schedule']);
    expect(res.json.errors.schedule).toContain('请给出时间');
    expect(state.subscriptions()).toHaveLength(before);
  });

  it('saves what the typed command saves, in the channel the command came from, and confirms privately', async () => {
    const { view } = await openedModal();
    const before = fake.calls.length;
    const res = await submit(view, { schedule: '每周一  09:30', content: 'watch', about: '竹山县 2101501' });
    expect([res.status, res.text]).toEqual([200, '']);
    const fromForm = state.subscriptions().at(-1)!;
    expect(fromForm).toMatchObject({ platform: 'slack', channel: 'C0CHAN', creator: 'U0ASKER', schedule: '每周一 09:30', content: 'watch' });
    expect(fromForm.filters).toMatchObject({ departments: ['竹山县'], subjects: ['2101501'] });
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'chat.postEphemeral'));
    expect(fake.calls.slice(before).find((c) => c.method === 'chat.postEphemeral')!.body).toMatchObject({ channel: 'C0CHAN', user: 'U0ASKER', text: expect.stringContaining(`已添加“${fromForm.name}”`) });
    // The typed form of the same values stores the same subscription.
    await slash('/bb-digest', 'add 每周一 09:30 watch 竹山县 2101501');
    const typed = state.subscriptions().at(-1)!;
    expect({ ...typed, name: '', createdAt: undefined }).toMatchObject({ ...fromForm, name: '', createdAt: undefined });
  });

  it('/digest add with words after it is still the typed command (no modal)', async () => {
    const before = fake.calls.length;
    const res = await slash('/bb-digest', 'add 每天 08:00 overview');
    expect(JSON.stringify(res.json.blocks)).toContain('已添加');
    expect(fake.calls.slice(before).some((c) => c.method === 'views.open')).toBe(false);
  });
});

describe('Slack App Home', () => {
  it('publishes what is loaded, this workspace\'s subscriptions and how to ask, with the configured command names', async () => {
    const before = fake.calls.length;
    const event = { token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'EvHome1', event_time: 1, event: { type: 'app_home_opened', user: 'U0VISITOR', channel: 'D0HOME', tab: 'home', event_ts: '1700000900.000100' } };
    expect((await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' })).status).toBe(200);
    await fake.waitFor(() => fake.calls.slice(before).some((c) => c.method === 'views.publish'));
    const { user_id, view } = fake.calls.slice(before).find((c) => c.method === 'views.publish')!.body;
    expect(user_id).toBe('U0VISITOR');
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('已载入 5 个部门、6 份预算（2022–2025 年）');
    expect(text).toContain('竹山县医疗保障局');
    expect(text).toContain(state.subscriptions()[0].name);
    expect(text).toContain('<#C0CHAN>');
    expect(text).toContain('/budget &lt;部门&gt;');
    expect(text).toContain('/bb-search');
    expect(text).not.toContain('`/search');
  });
});

describe('which /digest texts open the form', () => {
  it.each([['add', true], [' ADD ', true], ['添加', true], ['add-form', true], ['', false], ['list', false], ['add 每天 08:00 overview', false], [`${' '.repeat(40_000)}x`, false]])('%j → %s', async (text, opens) => {
    const { wantsDigestForm } = await import('../../src/adapters/digest-form.js');
    expect(wantsDigestForm('digest', text)).toBe(opens);
    expect(wantsDigestForm('budget', text)).toBe(false);
  });
});
