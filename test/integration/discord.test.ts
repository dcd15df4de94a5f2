// The real discord.js client against a local fake Discord: every command with typed options,
// autocomplete, deferred replies, ephemeral errors, long answers as follow-ups, registration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiscordCommands, startDiscord, type DiscordAdapter } from '../../src/adapters/discord.js';
import { createLogger } from '../../src/log.js';
import { warmSegmenter } from '../../src/query/segment.js';
import { DISCORD } from '../../src/render/limits.js';
import { bundledApp, longCommand } from '../helpers/app.js';
import { APP_ID, commandData, GUILD_ID, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.0123456789abcdefghijklmnopqrstuvwxyzABCD';
const logs: string[] = [];
const log = createLogger({ secrets: [TOKEN], write: (l) => void logs.push(l) });
const app = bundledApp(log, [longCommand]);

let fake: FakeDiscord;
let discord: DiscordAdapter;

beforeAll(async () => {
  // As a running bot does 2 s after start: the segmenter's dictionary is loaded (until then a
  // segmenting command defers first, tested in discord-defer.test.ts).
  warmSegmenter();
  fake = await startFakeDiscord();
  discord = await startDiscord(app, { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }, log);
});
afterAll(async () => {
  await discord?.stop();
  await fake?.close();
});

/** Sends an interaction and returns the callback body it was answered with. */
async function interact(name: string, options: Record<string, string | number> = {}) {
  const { id, token } = fake.interact(commandData(name, options));
  await fake.waitFor(() => fake.calls.some((c) => c.path === `/api/v10/interactions/${id}/${token}/callback`));
  return { id, token, callback: fake.calls.find((c) => c.path === `/api/v10/interactions/${id}/${token}/callback`)!.body };
}

describe('Discord application commands', () => {
  it.each([
    ['budget', { department: '竹山县', topic: '三公' }, '9.60 万元'],
    ['subject', { subject: '2101501' }, '1,059.54'],
    ['diff', { department: '邢台市医保局', from: '2024', to: '2025' }, '+504.02'],
    ['compare', { first: '巨鹿县', second: '竹山县' }, '2,582.46'],
    ['rank', { metric: '三公', top: 3 }, '9.60'],
    ['search', { words: '长期护理保险' }, '巨鹿县医疗保障局'],
    ['check', { department: '竹山县' }, '639.72'],
    ['sources', {}, '6 份预算'],
    ['help', { command: 'budget' }, '/budget <部门> [专题] [年份]'],
  ] as [string, Record<string, string | number>, string][])('/%s replies with the figure in an embed', async (name, options, figure) => {
    const { callback } = await interact(name, options);
    expect(callback.type).toBe(4);
    expect(callback.data.flags ?? 0).toBe(0);
    expect(JSON.stringify(callback.data.embeds)).toContain(figure);
  });

  it('an error is ephemeral to the asker', async () => {
    const { callback } = await interact('budget', { department: '不存在县医保局' });
    expect(callback.data.flags & 64).toBe(64);
    expect(JSON.stringify(callback.data.embeds)).toContain('没有找到部门');
  });

  it('a long answer stays within limits and continues in follow-ups', async () => {
    const { token } = await interact('long');
    const followUp = `/api/v10/webhooks/${APP_ID}/${token}`;
    // Follow-ups are sent one after another: wait for the last row rather than a fixed delay (a busy machine is slow).
    await fake.waitFor(() => fake.calls.some((c) => c.path === followUp && JSON.stringify(c.body).includes('第 400 行')), 10_000);
    const messages = [fake.calls.find((c) => c.path.endsWith(`/${token}/callback`))!.body.data, ...fake.calls.filter((c) => c.path === followUp).map((c) => c.body)];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(DISCORD.embedsPerMessage);
      const chars = m.embeds.reduce((n: number, e: any) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((k: number, f: any) => k + f.name.length + f.value.length, 0), 0);
      expect(chars).toBeLessThanOrEqual(DISCORD.charsPerMessage);
      for (const e of m.embeds) for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(DISCORD.fieldValue);
    }
    expect(JSON.stringify(messages)).toContain('第 400 行');
  });
});

describe('Discord autocomplete', () => {
  async function suggest(name: string, options: Record<string, string>, focused: string) {
    const { id, token } = fake.interact(commandData(name, options, focused), 4);
    const path = `/api/v10/interactions/${id}/${token}/callback`;
    await fake.waitFor(() => fake.calls.some((c) => c.path === path));
    const body = fake.calls.find((c) => c.path === path)!.body;
    expect(body.type).toBe(8);
    return body.data.choices.map((c: { name: string }) => c.name) as string[];
  }

  it('suggests departments from the loaded data', async () => {
    expect(await suggest('budget', { department: '竹山' }, 'department')).toEqual(['竹山县医疗保障局']);
    expect(await suggest('budget', { department: '医疗保障局' }, 'department')).toEqual(expect.arrayContaining(['巨鹿县医疗保障局', '邢台市医疗保障局', '新乡市凤泉区医疗保障局']));
  });

  it('suggests subject codes and names', async () => {
    expect(await suggest('subject', { subject: '2101' }, 'subject')).toContain('2101501 行政运行');
    expect(await suggest('subject', { subject: '公务接待' }, 'subject')).toContain('30217 公务接待费');
  });

  it('suggests years', async () => {
    expect(await suggest('budget', { department: '竹山县', year: '202' }, 'year')).toEqual(['2025', '2024', '2023', '2022']);
  });

  it('never offers more than 25 choices', async () => {
    expect((await suggest('subject', { subject: '' }, 'subject')).length).toBe(25);
  });
});

describe('deferred replies', () => {
  it('defers and edits the original when a command has been slow', async () => {
    const slow = await startDiscord(app, { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }, log, { deferAfterMs: -1 });
    try {
      await interact('sources');
      const { id, token } = fake.interact(commandData('budget', { department: '邢台市医保局' }));
      const edit = `/api/v10/webhooks/${APP_ID}/${token}/messages/@original`;
      await fake.waitFor(() => fake.calls.some((c) => c.path === edit && c.method === 'PATCH'));
      const deferred = fake.calls.filter((c) => c.path === `/api/v10/interactions/${id}/${token}/callback`).map((c) => c.body.type);
      expect(deferred).toContain(5);
      expect(JSON.stringify(fake.calls.find((c) => c.path === edit && c.method === 'PATCH')!.body.embeds)).toContain('2,394.27');
    } finally {
      await slow.stop();
    }
  });
});

describe('register-commands', () => {
  it('puts every command, with typed options and autocomplete, globally or for one guild', async () => {
    const global = await registerDiscordCommands(app, { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl });
    const guild = await registerDiscordCommands(app, { token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl });
    expect([global.scope, guild.scope]).toEqual(['全局', `服务器 ${GUILD_ID}`]);
    const put = fake.calls.find((c) => c.method === 'PUT' && c.path === `/api/v10/applications/${APP_ID}/commands`)!;
    const budget = put.body.find((c: any) => c.name === 'budget');
    expect(budget.options[0]).toMatchObject({ type: 3, name: 'department', required: true, autocomplete: true });
    expect(put.body.find((c: any) => c.name === 'rank').options.find((o: any) => o.name === 'top')).toMatchObject({ type: 4, required: false });
    expect(fake.calls.some((c) => c.method === 'PUT' && c.path === `/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`)).toBe(true);
  });

  it('keeps the token out of every log line', () => {
    expect(logs.join('\n')).not.toContain(TOKEN);
    expect(logs.some((l) => JSON.parse(l).platform === 'discord')).toBe(true);
  });
});
