// Charts and CSVs delivered on each platform: Slack's external upload flow, Discord attachments,
// and the console saving files and saying where.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAttachments } from '../../src/adapters/console.js';
import { startDiscord, type DiscordAdapter } from '../../src/adapters/discord.js';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { createLogger } from '../../src/log.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { APP_ID, commandData, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';

const SECRET = 'attach0123456789abcdef0123456789';
const log = createLogger({ write: () => {} });
const app = bundledApp(log);
const PNG = '\x89PNG\r\n\x1a\n';

describe('Slack', () => {
  let fake: FakeSlack;
  let slack: SlackAdapter;
  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = await startSlack(app, { botToken: 'xoxb-attach-1', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, log);
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  it('uploads the chart and the CSV in one files.uploadV2: both URLs, one completeUploadExternal', async () => {
    await postSigned(`http://127.0.0.1:${slack.port}/slack/events`, SECRET, slashBody('/rank', '三公 --csv', `${fake.url}/response/a`));
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'files.completeUploadExternal'), 15_000);
    const urls = fake.calls.filter((c) => c.method === 'files.getUploadURLExternal').map((c) => c.body.filename);
    expect(urls.sort()).toEqual(['answer.csv', 'chart.png']);
    expect(fake.uploads.some((u) => u.bytes.includes(Buffer.from(PNG, 'latin1')))).toBe(true);
    expect(fake.uploads.some((u) => u.bytes.toString('utf8').includes('竹山县医疗保障局,2022,9.60'))).toBe(true);
    const complete = fake.calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0].body.files).toHaveLength(2);
    expect(complete[0].body.channel_id).toBe('C0CHAN');
    expect(fake.calls.some((c) => c.method === 'files.upload')).toBe(false);
  });

  it('sends no file with an error', async () => {
    const before = fake.calls.length;
    await postSigned(`http://127.0.0.1:${slack.port}/slack/events`, SECRET, slashBody('/budget', '不存在县医保局', `${fake.url}/response/b`));
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.calls.slice(before).some((c) => c.method.startsWith('files.'))).toBe(false);
  });
});

describe('Discord', () => {
  let fake: FakeDiscord;
  let discord: DiscordAdapter;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    discord = await startDiscord(app, { token: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.attachattachattachattachattachattachABCD', applicationId: APP_ID, apiUrl: fake.apiUrl }, log);
  });
  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
  });

  it('attaches the chart (shown in the embed) and the CSV to the reply', async () => {
    const { token } = fake.interact(commandData('subject', { subject: '2101501' }));
    const edit = `/api/v10/webhooks/${APP_ID}/${token}/messages/@original`;
    await fake.waitFor(() => fake.calls.some((c) => c.path === edit));
    const body = fake.calls.find((c) => c.path === edit)!.body;
    expect(body.embeds[0].image.url).toBe('attachment://chart.png');
    expect(body.__multipart).toContain('filename="chart.png"');
    expect(body.__multipart).toContain(PNG);
  });

  it('adds the CSV when the csv option is set', async () => {
    const { token } = fake.interact({ name: 'rank', options: [{ name: 'metric', type: 3, value: '三公' }, { name: 'csv', type: 5, value: true }] });
    const edit = `/api/v10/webhooks/${APP_ID}/${token}/messages/@original`;
    await fake.waitFor(() => fake.calls.some((c) => c.path === edit));
    const raw: string = fake.calls.find((c) => c.path === edit)!.body.__multipart;
    expect(raw).toContain('filename="answer.csv"');
    expect(Buffer.from(raw, 'latin1').toString('utf8')).toContain('竹山县医疗保障局,2022,9.60');
  });
});

describe('console', () => {
  it('saves the chart and CSV and says where', async () => {
    const dir = tempDir();
    const said = await saveAttachments(app.dispatch({ text: '/compare 巨鹿县 竹山县 --csv' }), dir);
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^图表已保存：.*chart\.png$/);
    const csvPath = said[1].replace(/^CSV已保存：/, '');
    expect(existsSync(csvPath)).toBe(true);
    expect(readFileSync(csvPath, 'utf8')).toContain('支出总计,534.80,2582.46,-2047.66');
    expect(readFileSync(join(dir, said[0].split('/').pop()!)).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });
});
