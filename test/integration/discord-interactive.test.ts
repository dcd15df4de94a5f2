// The real discord.js client against the fake Discord: pressing 显示全部 on a /diff answer and 下一页
// on a /search answer (each updates the message it sits on), free
// questions through /ask and through a mention, /digest remove refused without the permission, and
// the registration JSON (English with zh-CN, choices, bounds, subcommands, Manage Channels).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiscordCommands, startDiscord, type DiscordAdapter } from '../../src/adapters/discord.js';
import type { App } from '../../src/app.js';
import { createDigestRunner } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import { createLogger } from '../../src/log.js';
import { CUSTOM_ID_PREFIX } from '../../src/render/discord.js';
import { discordRejects } from '../fakes/discord-limits.js';
import { APP_ID, CHANNEL_ID, commandData, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { bundledApp, useCorpusApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { describeCorpus } from '../support/corpus.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.0123456789abcdefghijklmnopqrstuvwxyzABCD';
const log = createLogger({ write: () => {} });

function discordAgainstFake(app: () => App, options: Parameters<typeof startDiscord>[3] = {}) {
  const ctx = {} as { fake: FakeDiscord; discord: DiscordAdapter };
  beforeAll(async () => {
    ctx.fake = await startFakeDiscord();
    ctx.discord = await startDiscord(app(), { token: TOKEN, applicationId: APP_ID, apiUrl: ctx.fake.apiUrl }, log, options);
  });
  afterAll(async () => {
    await ctx.discord?.stop();
    await ctx.fake?.close();
  });
  return ctx;
}

/** The answer an interaction got: the callback's message, or the deferred reply's edit. */
async function answerTo(fake: FakeDiscord, { id, token }: { id: string; token: string }) {
  const callback = `/api/v10/interactions/${id}/${token}/callback`;
  const edit = `/api/v10/webhooks/${APP_ID}/${token}/messages/@original`;
  const found = () => {
    const cb = fake.calls.find((c) => c.path === callback);
    // 4: a new message in reply; 7: the message the pressed button sits on, updated.
    if (cb?.body.type === 4 || cb?.body.type === 7) return cb.body.data;
    return fake.calls.find((c) => c.path === edit && c.method === 'PATCH')?.body;
  };
  await fake.waitFor(() => !!found(), 10000);
  return found();
}

describeCorpus('Discord buttons on a /diff answer', () => {
  const app = useCorpusApp();
  const ctx = discordAgainstFake(app);

  it('显示全部 updates the message it sits on with every row (interaction update)', async () => {
    const { fake } = ctx;
    const first = fake.interact(commandData('diff', { department: '江苏省人民检察院', from: '2018', to: '2019' }));
    const reply = await answerTo(fake, first);
    // The buttons ride on the answer's last message: the reply, or its last follow-up.
    await fake.waitFor(() => fake.calls.some((c) => c.path === `/api/v10/webhooks/${APP_ID}/${first.token}` && c.body?.components?.length) || !!reply.components?.length);
    const last = reply.components?.length ? reply : fake.calls.filter((c) => c.path === `/api/v10/webhooks/${APP_ID}/${first.token}`).at(-1)!.body;
    expect(discordRejects(last)).toBeNull();
    const buttons = last.components.flatMap((r: any) => r.components);
    expect(buttons.map((b: any) => b.label)).toEqual(['显示全部（47）', '下载 CSV', '详细出处', '查看原文']);
    expect(JSON.stringify(reply)).not.toContain('30309 奖励金');

    const all = buttons.find((b: any) => b.label.startsWith('显示全部'));
    const press = fake.interact({ custom_id: all.custom_id, component_type: 2 }, 3, {
      message: { id: '500000000000000999', channel_id: CHANNEL_ID, author: { id: APP_ID, username: 'budget-bot', discriminator: '0', avatar: null, bot: true }, content: '', embeds: [], components: last.components, attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0 },
    });
    const shown = await answerTo(fake, press);
    expect(fake.calls.find((c) => c.path === `/api/v10/interactions/${press.id}/${press.token}/callback`)!.body.type).toBe(7);
    await fake.waitFor(() => JSON.stringify([shown, ...fake.calls.filter((c) => c.path === `/api/v10/webhooks/${APP_ID}/${press.token}`).map((c) => c.body)]).includes('30309 奖励金'));
    expect(JSON.stringify(shown)).toContain('30207 邮电费');
  });
});

describe('Discord buttons of a command seen slow (deferred like its slash command)', () => {
  // deferAfterMs 0: every command that took any time at all counts as slow, as a large /diff's
  // 显示全部 does against the real three seconds.
  const ctx = discordAgainstFake(() => bundledApp(), { deferAfterMs: 0 });

  it('下一页 is deferred as an update (callback type 6), then the message it sits on is edited', async () => {
    const { fake } = ctx;
    const reply = await answerTo(fake, fake.interact(commandData('search', { words: '医疗' })));
    const buttons = reply.components.flatMap((r: any) => r.components);
    const message = { id: '500000000000000997', channel_id: CHANNEL_ID, author: { id: APP_ID, username: 'budget-bot', discriminator: '0', avatar: null, bot: true }, content: '', embeds: [], components: reply.components, attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0 };
    const next = fake.interact({ custom_id: buttons.find((b: any) => b.label === '下一页').custom_id, component_type: 2 }, 3, { message });
    const page2 = await answerTo(fake, next);
    const callback = fake.calls.findIndex((c) => c.path === `/api/v10/interactions/${next.id}/${next.token}/callback`);
    const edit = fake.calls.findIndex((c) => c.path === `/api/v10/webhooks/${APP_ID}/${next.token}/messages/@original` && c.method === 'PATCH');
    expect(fake.calls[callback].body).toEqual({ type: 6 });
    expect(edit).toBeGreaterThan(callback);
    expect(JSON.stringify(page2.embeds)).toContain('这是第 2/5 页');
    expect(page2.attachments).toEqual([]);
    // No new message: the page replaced the one the button sat on.
    expect(fake.calls.filter((c) => c.path === `/api/v10/webhooks/${APP_ID}/${next.token}` && c.method === 'POST')).toEqual([]);
  });

  it('详细出处 (a reply of its own) is deferred as a reply (type 5), then that reply edited', async () => {
    const { fake } = ctx;
    const reply = await answerTo(fake, fake.interact(commandData('search', { words: '医疗' })));
    const button = reply.components.flatMap((r: any) => r.components).find((b: any) => b.label === '详细出处');
    const press = fake.interact({ custom_id: button.custom_id, component_type: 2 }, 3, { message: { id: '500000000000000996', channel_id: CHANNEL_ID, author: { id: APP_ID, username: 'budget-bot', discriminator: '0', avatar: null, bot: true }, content: '', embeds: [], components: reply.components, attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0 } });
    const sources = await answerTo(fake, press);
    expect(fake.calls.find((c) => c.path === `/api/v10/interactions/${press.id}/${press.token}/callback`)!.body.type).toBe(5);
    expect(sources.embeds.length).toBeGreaterThan(0);
  });

  it('a private answer after a deferred update follows the message for the presser alone, leaving it as it was', async () => {
    const { fake } = ctx;
    await answerTo(fake, fake.interact(commandData('budget', { department: '竹山县', topic: '三公' })));
    // A button whose re-run is refused (the department is not loaded): an error only the presser sees.
    const press = fake.interact({ custom_id: `${CUSTOM_ID_PREFIX}${JSON.stringify({ command: 'budget', text: '火星县', options: {} })}`, component_type: 2 }, 3, { message: { id: '500000000000000995', channel_id: CHANNEL_ID, author: { id: APP_ID, username: 'budget-bot', discriminator: '0', avatar: null, bot: true }, content: '', embeds: [], components: [], attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0 } });
    const followUp = () => fake.calls.find((c) => c.path === `/api/v10/webhooks/${APP_ID}/${press.token}` && c.method === 'POST');
    await fake.waitFor(() => !!followUp(), 10000);
    expect(fake.calls.find((c) => c.path === `/api/v10/interactions/${press.id}/${press.token}/callback`)!.body.type).toBe(6);
    expect(followUp()!.body.flags & 64).toBe(64);
    expect(fake.calls.filter((c) => c.path.startsWith(`/api/v10/webhooks/${APP_ID}/${press.token}/messages/@original`))).toEqual([]);
  });
});

describe('Discord free questions and permissions (seeds)', () => {
  const app = bundledApp();
  const state = openDigestState(join(tempDir(), 'digests.sqlite'));
  app.attach({ digests: createDigestService({ state, runner: createDigestRunner({ state, context: () => app.ctx, posters: {} }), context: () => app.ctx }) });
  afterAll(() => state.close());
  const ctx = discordAgainstFake(() => app);

  it('下一页 updates the answer in place; 详细出处 replies with a message of its own', async () => {
    const { fake } = ctx;
    const reply = await answerTo(fake, fake.interact(commandData('search', { words: '医疗' })));
    const buttons = reply.components.flatMap((r: any) => r.components);
    const message = { id: '500000000000000998', channel_id: CHANNEL_ID, author: { id: APP_ID, username: 'budget-bot', discriminator: '0', avatar: null, bot: true }, content: '', embeds: [], components: reply.components, attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0 };
    const next = fake.interact({ custom_id: buttons.find((b: any) => b.label === '下一页').custom_id, component_type: 2 }, 3, { message });
    const page2 = await answerTo(fake, next);
    expect(fake.calls.find((c) => c.path === `/api/v10/interactions/${next.id}/${next.token}/callback`)!.body.type).toBe(7);
    expect(JSON.stringify(page2.embeds)).toContain('这是第 2/5 页');
    expect(page2.attachments).toEqual([]);
    expect(page2.components.flatMap((r: any) => r.components).map((b: any) => b.label).slice(0, 2)).toEqual(['上一页', '下一页']);
    const sources = fake.interact({ custom_id: buttons.find((b: any) => b.label === '详细出处').custom_id, component_type: 2 }, 3, { message });
    await answerTo(fake, sources);
    expect(fake.calls.find((c) => c.path === `/api/v10/interactions/${sources.id}/${sources.token}/callback`)!.body.type).toBe(4);
  });

  it('/ask answers a question in the asker\'s own words', async () => {
    const answer = await answerTo(ctx.fake, ctx.fake.interact(commandData('ask', { question: '竹山县医保局三公经费是多少' })));
    expect(JSON.stringify(answer.embeds)).toContain('9.60 万元');
  });

  it('echoes the asker\'s words with Markdown escaped', async () => {
    const answer = await answerTo(ctx.fake, ctx.fake.interact(commandData('search', { words: '**医疗**' })));
    expect(answer.embeds[0].title).toBe('搜索“\\*\\*医疗\\*\\*”');
  });

  it('a mention in a channel is answered as a reply', async () => {
    const { fake } = ctx;
    const id = fake.say(`<@${APP_ID}> 竹山县医保局三公经费是多少`, [APP_ID]);
    const post = () => fake.calls.find((c) => c.method === 'POST' && c.path === `/api/v10/channels/${CHANNEL_ID}/messages` && c.body?.message_reference?.message_id === id);
    await fake.waitFor(() => !!post());
    expect(JSON.stringify(post()!.body.embeds)).toContain('9.60 万元');
  });

  it('Manage Channels holds on every path to /digest add: /ask and a mention are refused (issue 21 #5)', async () => {
    const { fake } = ctx;
    const before = state.subscriptions().length;
    const asked = await answerTo(fake, fake.interact(commandData('ask', { question: '/digest add 每天 09:00 overview name=via-ask' })));
    expect(JSON.stringify(asked.embeds)).toContain('只有有“管理频道”权限的成员可以添加');
    const id = fake.say(`<@${APP_ID}> /digest add 每天 09:00 overview name=via-mention`, [APP_ID]);
    const post = () => fake.calls.find((c) => c.method === 'POST' && c.path === `/api/v10/channels/${CHANNEL_ID}/messages` && c.body?.message_reference?.message_id === id);
    await fake.waitFor(() => !!post());
    expect(JSON.stringify(post()!.body.embeds)).toContain('只有有“管理频道”权限的成员可以添加');
    expect(state.subscriptions()).toHaveLength(before);
  });

  it('a message that does not mention the bot is left alone', async () => {
    const { fake } = ctx;
    const before = fake.calls.length;
    fake.say('竹山县医保局三公经费是多少');
    await new Promise((r) => setTimeout(r, 300));
    // A reply would be a new message in the channel; a late PATCH of an earlier interaction (its chart) is not one.
    expect(fake.calls.slice(before).filter((c) => c.method === 'POST' && c.path.includes('/channels/') && c.path.includes('/messages'))).toEqual([]);
  });

  it('/digest remove is refused to a member without Manage Channels who did not add it', async () => {
    const { fake } = ctx;
    const member = (permissions: string, id: string) => ({ member: { user: { id, username: id, discriminator: '0', global_name: id, avatar: null }, roles: [], permissions, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } });
    const sub = (name: string, options: Record<string, string>) => ({ name: 'digest', options: [{ type: 1, name, options: Object.entries(options).map(([k, v]) => ({ type: 3, name: k, value: v })) }] });
    const added = await answerTo(fake, fake.interact(sub('add', { when: '每周一', time: '09:00', content: 'changes', about: '竹山县' }), 2, member('16', '400000000000000010')));
    expect(JSON.stringify(added.embeds)).toContain('已添加');
    const [s] = state.subscriptions();
    expect(s).toMatchObject({ platform: 'discord', channel: CHANNEL_ID, creator: '400000000000000010', schedule: '每周一 09:00', content: 'changes', filters: { departments: ['竹山县'] } });

    const refused = await answerTo(fake, fake.interact(sub('remove', { name: s.name }), 2, member('0', '400000000000000011')));
    expect(refused.flags & 64).toBe(64);
    expect(JSON.stringify(refused.embeds)).toContain('只有管理员或订阅的创建者可以删除');
    expect(state.subscriptions()).toHaveLength(1);

    const removed = await answerTo(fake, fake.interact(sub('remove', { name: s.name }), 2, member('16', '400000000000000012')));
    expect(JSON.stringify(removed.embeds)).toContain('已删除');
    expect(state.subscriptions()).toEqual([]);
  });

  it('/digest add-form opens a modal; its submission is validated as the typed command (refused privately, or saved)', async () => {
    const { fake } = ctx;
    const open = fake.interact({ name: 'digest', options: [{ type: 1, name: 'add-form', options: [] }] });
    const callback = () => fake.calls.find((c) => c.path === `/api/v10/interactions/${open.id}/${open.token}/callback`);
    await fake.waitFor(() => !!callback());
    const modal = callback()!.body;
    expect(modal.type).toBe(9);
    expect(modal.data.custom_id).toBe('bb-digest-add');
    expect(modal.data.components.map((r: any) => r.components[0].custom_id)).toEqual(['schedule', 'content', 'about']);

    const fields = (schedule: string, content: string, about: string) => ({
      custom_id: 'bb-digest-add',
      components: [['schedule', schedule], ['content', content], ['about', about]].map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
    });
    const before = state.subscriptions().length;
    // Submitted by a member who manages the channel; without that permission the form is refused too.
    const manager = { member: { user: { id: '400000000000000020', username: 'm', discriminator: '0', global_name: 'm', avatar: null }, roles: [], permissions: '16', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } };
    const member = await answerTo(fake, fake.interact(fields('工作日 18:00', '关注', '邢台市医保局 2101501'), 5));
    expect(JSON.stringify(member.embeds)).toContain('只有有“管理频道”权限的成员可以添加');
    const refused = await answerTo(fake, fake.interact(fields('下雨天', 'changes', '竹山县'), 5, manager));
    expect(refused.flags & 64).toBe(64);
    expect(refused.content).toBe('你填写的是：`/digest add 下雨天 changes 竹山县`');
    expect(JSON.stringify(refused.embeds)).toContain('请给出时间');
    expect(state.subscriptions()).toHaveLength(before);

    const saved = await answerTo(fake, fake.interact(fields('工作日 18:00', '关注', '邢台市医保局 2101501'), 5, manager));
    expect(saved.flags ?? 0).toBe(0);
    expect(JSON.stringify(saved.embeds)).toContain('已添加');
    expect(state.subscriptions().at(-1)).toMatchObject({ platform: 'discord', channel: CHANNEL_ID, schedule: '工作日 18:00', content: 'watch', filters: { departments: ['邢台市医保局'], subjects: ['2101501'] } });
  });

  it('registers English commands with zh-CN localizations, choices, bounds, subcommands and /ask', async () => {
    const { fake } = ctx;
    await registerDiscordCommands(app, { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl });
    const body = fake.calls.filter((c) => c.method === 'PUT').at(-1)!.body as any[];
    const budget = body.find((c) => c.name === 'budget');
    expect(budget.description).toMatch(/^A department's budget/);
    expect(budget.name_localizations).toEqual({ 'zh-CN': '预算' });
    expect(budget.description_localizations['zh-CN']).toContain('查看一个部门的预算');
    const topic = budget.options.find((o: any) => o.name === 'topic');
    expect(topic.choices.map((c: any) => c.value)).toContain('三公');
    expect(topic.autocomplete).toBeUndefined();
    expect(body.find((c) => c.name === 'rank').options.find((o: any) => o.name === 'top')).toMatchObject({ type: 4, min_value: 1, max_value: 50 });
    const digest = body.find((c) => c.name === 'digest');
    expect(digest.default_member_permissions).toBe('16');
    expect(digest.options.map((o: any) => [o.type, o.name])).toEqual([[1, 'list'], [1, 'add'], [1, 'add-form'], [1, 'remove'], [1, 'preview'], [1, 'run-now']]);
    expect(digest.options[1].options.find((o: any) => o.name === 'content').choices.map((c: any) => c.value)).toEqual(['changes', 'watch', 'overview']);
    expect(body.find((c) => c.name === 'ask').options[0]).toMatchObject({ name: 'question', required: true, name_localizations: { 'zh-CN': '问题' } });
  });
});
