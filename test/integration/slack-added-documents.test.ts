// Documents added from a Slack channel, through the real Bolt app against the fake Slack: an admin's
// file shared in a channel is downloaded with the bot token, loaded and answered; a member who is
// not an admin is told who may add; a non-disclosure is refused with the parser's reason; a file
// already loaded is said to be a duplicate; a published PDF (from ../shared, when present) loads too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentAdder } from '../../src/added/add-document.js';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { createLogger } from '../../src/log.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { appWithout, seedBytes } from '../helpers/added.js';
import { CORPUS_PDF_DIR, describeCorpus } from '../support/corpus.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const TOKEN = 'xoxb-0000-1111-fake';
const GROUP = 'S0ADDERS';
const logs: string[] = [];
const log = createLogger({ secrets: [TOKEN, SECRET], write: (l) => void logs.push(l) });
const { app, dbFile } = appWithout(undefined, log);
/** Extracting and parsing a PDF takes seconds on a busy machine. */
const SLOW_MS = 120_000;

let fake: FakeSlack;
let slack: SlackAdapter;
let endpoint: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.admins.add('U0ADMIN');
  fake.groups.set(GROUP, ['U0GROUP']);
  const adder = createDocumentAdder({ dbFile, queries: () => app.ctx.queries, log });
  slack = await startSlack(app, { botToken: TOKEN, signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl, adminGroup: GROUP }, log, { adder });
  endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
});
afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  app.close();
});

let eventNo = 0;
/** A member shares a file in #budget (Slack sends file_shared); returns the ts of its message. */
async function share(name: string, bytes: Buffer, user: string): Promise<string> {
  const { id, ts } = fake.shareFile({ name, bytes, user, channel: 'C0CHAN' });
  const event = {
    token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: `EvFile${++eventNo}`, event_time: 1,
    event: { type: 'file_shared', file_id: id, file: { id }, user_id: user, channel_id: 'C0CHAN', event_ts: ts },
  };
  const res = await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' });
  expect(res.status).toBe(200);
  return ts;
}

/** The text of every message posted in a thread, once one of them matches. */
async function thread(ts: string, until: RegExp, ms = 30_000): Promise<string> {
  const posted = () => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts).map((c) => JSON.stringify(c.body)).join('\n');
  await fake.waitFor(() => until.test(posted()), ms);
  return posted();
}

async function slash(command: string, text: string) {
  const id = Math.random().toString(36).slice(2);
  const res = await postSigned(endpoint, SECRET, slashBody(command, text, `${fake.url}/response/${id}`));
  if (res.json) return JSON.stringify(res.json);
  await fake.waitFor(() => fake.responsesAt(`/response/${id}`).length > 0, 20_000);
  return JSON.stringify(fake.responsesAt(`/response/${id}`)[0]);
}

describe('a document shared in a Slack channel', () => {
  it('by a workspace admin: downloaded with the bot token, loaded, reported in its thread and answered', async () => {
    expect(await slash('/budget', '竹山县 三公')).toContain('没有找到部门');
    const ts = await share('竹山县医保局2022年部门预算.txt', seedBytes(), 'U0ADMIN');
    const said = await thread(ts, /“三公”经费/);
    expect(said).toContain('载入预算 1 份：竹山县医疗保障局 2022年部门预算');
    expect(said).toMatch(/模板表 \d+\/\d+/);
    // The headline figures follow, with the unverified mark where the figure is printed.
    expect(said).toContain('9.60 万元（未核实）');
    expect(fake.downloads.at(-1)).toEqual({ id: expect.any(String), token: TOKEN });
    expect(await slash('/budget', '竹山县 三公')).toContain('9.60 万元');
    const sources = await slash('/sources', '');
    expect(sources).toContain('竹山县医保局2022年部门预算.txt');
    expect(sources).toContain('slack:U0ADMIN');
  });

  it('by a member who is not an admin: told who may add, and nothing is downloaded', async () => {
    const downloads = fake.downloads.length;
    const ts = await share('某县2024年预算.pdf', Buffer.from('%PDF-1.4'), 'U0MEMBER');
    const said = await thread(ts, /没有添加/);
    expect(said).toContain('只有工作区管理员或用户组 S0ADDERS 的成员可以向机器人添加预算文件');
    expect(fake.downloads.length).toBe(downloads);
  });

  it('by a member of the configured user group: a file that is not a disclosure is refused with the reason', async () => {
    const ts = await share('会议纪要.txt', Buffer.from('会议纪要\n\n今天讨论了办公室搬迁和下周的培训安排。\n'), 'U0GROUP');
    const said = await thread(ts, /没有添加：/);
    expect(said).toContain('不像是部门预算或决算公开文件');
    expect(await slash('/sources', '')).not.toContain('会议纪要');
  });

  it('the same file again is said to be already loaded', async () => {
    const ts = await share('再传一次.txt', seedBytes(), 'U0ADMIN');
    expect(await thread(ts, /内容完全相同/)).toContain('与已载入的 竹山县医保局2022年部门预算.txt 内容完全相同');
  });

  it('a picture shared in the channel is not the bot\'s business; one attached to a mention is refused by type', async () => {
    const before = fake.calls.length;
    await share('screenshot.png', Buffer.from('png'), 'U0ADMIN');
    const { id, ts } = fake.shareFile({ name: 'chart.png', bytes: Buffer.from('png'), user: 'U0ADMIN', channel: 'C0CHAN' });
    const mention = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: `EvFile${++eventNo}`, event_time: 1,
      event: { type: 'app_mention', user: 'U0ADMIN', text: '<@U0BOT>', ts, channel: 'C0CHAN', files: [{ id }] },
    };
    await postSigned(endpoint, SECRET, JSON.stringify(mention), { contentType: 'application/json' });
    expect(await thread(ts, /只能添加/)).toContain('“chart.png”没有添加：只能添加 PDF、.docx 或 .txt 格式的预算公开文件');
    expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('screenshot.png'))).toEqual([]);
  });

  it('nothing in the log carries the bot token', () => {
    expect(logs.join('\n')).not.toContain(TOKEN);
    expect(logs.some((l) => l.includes('document added from chat'))).toBe(true);
  });
});

describeCorpus('a published PDF shared in a Slack channel (../shared/corpus/pdf)', () => {
  it('is extracted, loaded and answered', async () => {
    const pdf = readFileSync(join(CORPUS_PDF_DIR!, 'js_rdbgt_2017_budget_part1.pdf'));
    const ts = await share('js_rdbgt_2017_budget_part1.pdf', pdf, 'U0ADMIN');
    // Questions keep being answered, within Slack's three seconds, while the PDF is read and loaded.
    const t0 = performance.now();
    expect(await slash('/budget', '竹山县 三公')).toContain('9.60 万元');
    expect(performance.now() - t0).toBeLessThan(3000);
    // (Extracting and parsing the PDF takes seconds: the answer came while it was under way.)
    expect(fake.calls.some((c) => c.body.thread_ts === ts && JSON.stringify(c.body).includes('载入预算'))).toBe(false);
    const said = await thread(ts, /载入预算|没有添加/, SLOW_MS);
    expect(said).toContain('载入预算 1 份：江苏省人大常委会办公厅 2017年部门预算');
    expect(await slash('/budget', '江苏省人大常委会办公厅 三公')).toContain('833.60 万元');
  }, SLOW_MS);
});
