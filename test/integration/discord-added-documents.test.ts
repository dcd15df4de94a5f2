// Documents added from a Discord channel, through the real discord.js client against the fake
// Discord: a file attached to a mention by a member with Manage Channels is downloaded, loaded and
// answered; a member without it is told who may add; a non-disclosure is refused with the parser's
// reason; a file already loaded is said to be a duplicate; a published PDF (from ../shared) loads too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentAdder } from '../../src/added/add-document.js';
import { startDiscord, type DiscordAdapter } from '../../src/adapters/discord.js';
import { createLogger } from '../../src/log.js';
import { APP_ID, CHANNEL_ID, commandData, MANAGER, MEMBER, startFakeDiscord, type FakeDiscord, type Member } from '../fakes/discord.js';
import { appWithout, seedBytes } from '../helpers/added.js';
import { CORPUS_PDF_DIR, describeCorpus } from '../support/corpus.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.0123456789abcdefghijklmnopqrstuvwxyzABCD';
const log = createLogger({ secrets: [TOKEN], write: () => {} });
const { app, dbFile } = appWithout(undefined, log);
const SLOW_MS = 120_000;

let fake: FakeDiscord;
let discord: DiscordAdapter;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const adder = createDocumentAdder({ dbFile, queries: () => app.ctx.queries, log });
  discord = await startDiscord(app, { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }, log, { adder });
});
afterAll(async () => {
  await discord?.stop();
  await fake?.close();
  app.close();
});

/** A member mentions the bot with a file attached; returns everything the bot replied to that message, once `until` matches. */
async function drop(name: string, bytes: Buffer, author: Member, until: RegExp, ms = 30_000): Promise<string> {
  const id = fake.say(`<@${APP_ID}>`, [APP_ID], { author, attachments: [{ name, bytes }] });
  const replies = () => fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${CHANNEL_ID}/messages` && c.body?.message_reference?.message_id === id).map((c) => JSON.stringify(c.body)).join('\n');
  await fake.waitFor(() => until.test(replies()), ms);
  return replies();
}

async function ask(name: string, options: Record<string, string> = {}): Promise<string> {
  const { id, token } = fake.interact(commandData(name, options));
  const path = `/api/v10/interactions/${id}/${token}/callback`;
  const followUp = `/api/v10/webhooks/${APP_ID}/${token}/messages/@original`;
  await fake.waitFor(() => fake.calls.some((c) => c.path === path && (c.body.type === 4 || fake.calls.some((d) => d.path === followUp))), 20_000);
  return JSON.stringify(fake.calls.filter((c) => c.path === path || c.path === followUp).map((c) => c.body));
}

describe('a document attached to a mention on Discord', () => {
  it('by a member who may manage the channel: downloaded, loaded, reported and answered', async () => {
    expect(await ask('budget', { department: '竹山县', topic: '三公' })).toContain('没有找到部门');
    const said = await drop('竹山县医保局2022年部门预算.txt', seedBytes(), MANAGER, /“三公”经费/);
    expect(said).toContain('载入预算 1 份：竹山县医疗保障局 2022年部门预算');
    expect(said).toMatch(/模板表 \d+\/\d+/);
    expect(said).toContain('9.60 万元（未核实）');
    expect(fake.downloads.at(-1)).toMatch(/竹山县医保局2022年部门预算\.txt$/);
    expect(await ask('budget', { department: '竹山县', topic: '三公' })).toContain('9.60 万元');
    const sources = await ask('sources');
    expect(sources).toContain('竹山县医保局2022年部门预算.txt');
    expect(sources).toContain(`discord:${MANAGER.id}`);
  });

  it('by a member without Manage Channels: told who may add, and nothing is downloaded', async () => {
    const downloads = fake.downloads.length;
    const said = await drop('某县2024年预算.pdf', Buffer.from('%PDF-1.4'), MEMBER, /没有添加/);
    expect(said).toContain('只有有“管理频道”权限的成员可以向机器人添加预算文件');
    expect(fake.downloads.length).toBe(downloads);
  });

  it('a file that is not a disclosure is refused with the reason', async () => {
    const said = await drop('会议纪要.txt', Buffer.from('会议纪要\n\n今天讨论了办公室搬迁和下周的培训安排。\n'), MANAGER, /没有添加：/);
    expect(said).toContain('不像是部门预算或决算公开文件');
  });

  it('the same file again is said to be already loaded', async () => {
    expect(await drop('again.txt', seedBytes(), MANAGER, /内容完全相同/)).toContain('与已载入的 竹山县医保局2022年部门预算.txt 内容完全相同');
  });

  it('a file too large is refused before it is downloaded', async () => {
    const downloads = fake.downloads.length;
    const said = await drop('huge.txt', Buffer.alloc(21 * 1024 * 1024, 0x20), MANAGER, /没有添加：/);
    expect(said).toMatch(/文件过大（21\.0 MB，上限 20 MB）/);
    expect(fake.downloads.length).toBe(downloads);
  });
});

describeCorpus('a published PDF attached to a mention on Discord (../shared/corpus/pdf)', () => {
  it('is extracted, loaded and answered', async () => {
    const pdf = readFileSync(join(CORPUS_PDF_DIR!, 'js_rdbgt_2017_budget_part1.pdf'));
    const said = await drop('js_rdbgt_2017_budget_part1.pdf', pdf, MANAGER, /载入预算|没有添加/, SLOW_MS);
    expect(said).toContain('载入预算 1 份：江苏省人大常委会办公厅 2017年部门预算');
    expect(await ask('budget', { department: '江苏省人大常委会办公厅', topic: '三公' })).toContain('833.60 万元');
  }, SLOW_MS);
});
