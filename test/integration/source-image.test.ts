// 查看原文: the printed page behind a figure. A corpus PDF (read from ../shared, never committed) is
// ingested into a temp database; its 三公 answer's page is drawn with the table's title, header and
// the cited row outlined — checked against the row's position in the PDF — and delivered by the
// real Bolt and discord.js clients against the loopback fakes, and saved by the console. Figures
// read from text are quoted instead; a moved file and a machine without the renderer are said so.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSourceView } from '../../src/adapters/console.js';
import { startDiscord, type DiscordAdapter } from '../../src/adapters/discord.js';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { openApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { sourceView } from '../../src/source-view/index.js';
import { pageRows } from '../../src/source-view/page-rows.js';
import { cropFor, RENDER_DPI } from '../../src/source-view/render-page.js';
import { runIngest } from '../../src/cli/database.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { APP_ID, commandData, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_PDF_DIR, describeCorpus } from '../support/corpus.js';

const log = createLogger({ write: () => {} });
const SECRET = 'source0123456789abcdef0123456789';
const PDF = 'wx_xfj_2025.pdf';
const PNG_SIGNATURE = Buffer.from('\x89PNG\r\n\x1a\n', 'latin1');
/** A PNG's size from its IHDR chunk. */
const pngSize = (png: Uint8Array) => ({ width: Buffer.from(png).readUInt32BE(16), height: Buffer.from(png).readUInt32BE(20) });

describe('figures read from text: the cited lines quoted, the row marked', () => {
  const app = bundledApp(log);

  it('quotes the 三公 table of a seed with its cited line marked, and draws nothing', async () => {
    const result = app.dispatch({ text: '/budget 竹山县 三公 --source-image' });
    expect(result.sourceImage).toBe(true);
    const view = await app.sourceView(result);
    expect(view.images).toEqual([]);
    const text = view.answer.notes.join('\n');
    const cited = result.answer.citations[0];
    expect(text).toContain(`▶ 第 ${cited.line} 行`);
    expect(text).toContain(`「${cited.table}」`);
    // The row's own words, as printed in the seed at that line.
    const printed = readFileSync(join(DEFAULT_DATA_DIR, cited.source), 'utf8').split(/\r\n|\n|\r/)[cited.line - 1].trim();
    expect(text).toContain(printed.replace(/\s+/g, ' '));
  });

  it('says so when a document has moved since ingest, and never quotes another file', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data);
    const seed = '001_df29ae28ecb651dd.txt';
    copyFileSync(join(DEFAULT_DATA_DIR, seed), join(data, seed));
    ingestDirectory(data, join(dir, 'db.sqlite'));
    const moved = openApp(join(dir, 'db.sqlite'));
    try {
      rmSync(join(data, seed));
      const view = await moved.sourceView(moved.dispatch({ text: '/budget 竹山县 三公 --source-image' }));
      expect(view.answer.notes.join('\n')).toContain(`${seed}：原文件已不在 ${join(data, seed)}（已移动或删除）`);
      expect(view.answer.notes.join('\n')).not.toContain('▶');
    } finally {
      moved.close();
    }
  });

  it('offers 查看原文 on a cited answer, and none on an answer that cites nothing', () => {
    expect(app.dispatch({ text: '/budget 竹山县 三公' }).answer.actions?.map((a) => a.label)).toContain('查看原文');
    expect(app.dispatch({ text: '/help' }).answer.actions?.map((a) => a.label) ?? []).not.toContain('查看原文');
  });
});

describe("the project's own PDF (seed 002 printed to PDF): drawn without any outside document", () => {
  const dir = tempDir();
  const dbFile = join(dir, 'budget.sqlite');
  let app: App;
  beforeAll(async () => {
    await runIngest([join(PROJECT_ROOT, 'test', 'fixtures', 'pdf')], dbFile, { workers: 0 });
    app = openApp(dbFile, log);
  });
  afterAll(() => app?.close());

  it('draws the page of 2101501 行政运行 58.40 with the row outlined, captioned with file, page and table', async () => {
    const result = app.dispatch({ text: '/subject 2101501 --source-image' });
    const cited = result.answer.citations[0];
    expect(cited).toMatchObject({ file: 'fengquan-2023.pdf', page: 6, table: '2023年部门支出预算表' });
    const view = await app.sourceView(result);
    expect(view.images.map((i) => i.name)).toEqual(['原文-fengquan-2023-第6页.png']);
    expect(view.images[0].altText).toContain('第 6 页，2023年部门支出预算表');
    const rows = await pageRows(join(PROJECT_ROOT, 'test', 'fixtures', 'pdf', 'fengquan-2023.pdf'), 6);
    const first = app.ctx.queries.pageFirstLine('fengquan-2023.pdf', 'fengquan-2023.pdf', 6)!;
    expect(rows.rows[cited.line - first].text).toBe('210 15 01 行政运行 58.40 53.40 49.60 3.80 5.00 5.00');
    const crop = cropFor(rows, [cited.line - first], cited.table);
    expect(crop.bands.some((b) => b.y0 <= crop.marked[0].y0 && b.y1 >= crop.marked[0].y1)).toBe(true);
    expect(pngSize(view.images[0].data).width).toBe(Math.round(((crop.bands[0].x1 - crop.bands[0].x0) * RENDER_DPI) / 72));
  });

  it('Slack: a slash command typed with --source-image posts the page after the answer, as the button does', async () => {
    const fake = await startFakeSlack();
    const slack = await startSlack(app, { botToken: 'xoxb-source-2', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, log);
    try {
      const res = await postSigned(`http://127.0.0.1:${slack.port}/slack/events`, SECRET, slashBody('/subject', '2101501 --source-image', `${fake.url}/response/typed`, { channel_id: 'C0TYPED' }));
      expect(res.status).toBe(200);
      const page = () => fake.calls.find((c) => c.method === 'files.getUploadURLExternal' && c.body.filename === '原文-fengquan-2023-第6页.png');
      await fake.waitFor(() => !!page() && fake.calls.some((c) => c.method === 'files.completeUploadExternal' && c.body.channel_id === 'C0TYPED'), 30_000);
      expect(page()!.body.alt_text ?? page()!.body.alt_txt).toContain('第 6 页，2023年部门支出预算表');
      expect(fake.uploads.some((u) => u.bytes.includes(PNG_SIGNATURE))).toBe(true);
      // The words that say what the image shows, in the channel the command was typed in.
      const words = fake.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0TYPED')!;
      expect(JSON.stringify(words.body.blocks)).toContain('原文图片 1 张');
      // The answer itself came first, with its figure.
      expect(JSON.stringify([res.json, ...fake.responses])).toContain('58.40');
      // An answer for the asker alone (help), or one citing nothing, posts nothing in the channel.
      const before = fake.calls.length;
      for (const [cmd, text] of [['/help', '--source-image'], ['/sources', '--source-image']]) {
        const r = await postSigned(`http://127.0.0.1:${slack.port}/slack/events`, SECRET, slashBody(cmd, text, `${fake.url}/response/private`, { channel_id: 'C0PRIVATE' }));
        expect(r.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 1000));
      expect(fake.calls.slice(before).filter((c) => c.body?.channel === 'C0PRIVATE' || c.body?.channel_id === 'C0PRIVATE')).toEqual([]);
    } finally {
      await slack.stop();
      await fake.close();
    }
  }, 60_000);
});

describeCorpus('figures read from a PDF: the printed page', () => {
  const dir = tempDir();
  const data = join(dir, 'data');
  const dbFile = join(dir, 'budget.sqlite');
  let app: App;
  beforeAll(async () => {
    mkdirSync(data);
    copyFileSync(join(CORPUS_PDF_DIR!, PDF), join(data, PDF));
    await runIngest([data], dbFile, { workers: 0 });
    app = openApp(dbFile, log);
  });
  afterAll(() => app?.close());

  it('draws the cited page region: the title, the header and the cited row, outlined, legible at 150 dpi', async () => {
    const result = app.dispatch({ text: '/budget 无锡市信访局 三公 --source-image' });
    const cited = result.answer.citations[0];
    expect(cited).toMatchObject({ file: PDF, page: 21 });
    const view = await app.sourceView(result);
    expect(view.images).toHaveLength(1);
    const [image] = view.images;
    expect(Buffer.from(image.data).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(image.altText).toContain('无锡市信访局 2025年《wx_xfj_2025.pdf》第 21 页');
    expect(image.altText).toContain('“三公”经费合计 1.50 万元');

    // The crop holds the cited row where the PDF prints it, and the table's title above it.
    const rows = await pageRows(join(data, PDF), 21);
    const first = app.ctx.queries.pageFirstLine(PDF, PDF, 21)!;
    const row = rows.rows[cited.line - first];
    expect(row.text).toMatch(/^1\.50 0\.00 0\.00 0\.00 0\.00 1\.50/);
    const crop = cropFor(rows, [cited.line - first], cited.table);
    expect(crop.marked).toEqual([row.box]);
    const band = crop.bands.find((b) => b.y0 <= row.box.y0 && b.y1 >= row.box.y1 && b.x0 <= row.box.x0 && b.x1 >= row.box.x1);
    expect(band).toBeDefined();
    const title = rows.rows.find((r) => r.text.includes('一般公共预算“三公”经费'))!;
    expect(crop.bands[0].y0).toBeLessThanOrEqual(title.box.y0);
    // 150 dpi: the image is the band at 150/72 pixels per point (not scaled down), a 9-pt character ≈ 19 px.
    const { width, height } = pngSize(image.data);
    expect(width).toBe(Math.round(((band!.x1 - band!.x0) * RENDER_DPI) / 72));
    expect(height).toBeGreaterThanOrEqual(Math.round(((band!.y1 - band!.y0) * RENDER_DPI) / 72) - 1);
    expect(((row.box.y1 - row.box.y0) * RENDER_DPI) / 72).toBeGreaterThan(16);
  });

  it('offers 查看原文 on the answer, and ask/console save the PNG and say where', async () => {
    const { answer } = app.dispatch({ text: '/budget 无锡市信访局 三公' });
    expect(answer.actions?.map((a) => a.label)).toContain('查看原文');
    const out = tempDir();
    const said = await saveSourceView(app, app.dispatch({ text: '/budget 无锡市信访局 三公 --source-image' }), out);
    const saved = said.find((s) => s.startsWith('原文图片已保存：'))!;
    expect(saved).toMatch(/原文-wx_xfj_2025-第21页\.png$/);
    expect(readFileSync(saved.replace('原文图片已保存：', '')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });

  it('quotes the page instead where no renderer is installed, saying why', async () => {
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    try {
      const view = await sourceView(app.dispatch({ text: '/budget 无锡市信访局 三公 --source-image' }).answer, app.ctx.queries);
      expect(view.images).toEqual([]);
      const text = view.answer.notes.join('\n');
      expect(text).toContain('wx_xfj_2025.pdf 第 21 页：本机没有安装 PDF 渲染程序（poppler-utils 的 pdftoppm）');
      expect(text).toMatch(/▶ 第 \d+ 行 {2}1\.50 0\.00 0\.00 0\.00 0\.00 1\.50/);
    } finally {
      process.env.PATH = path;
    }
  });

  describe('Slack: the 查看原文 button posts the image in the thread', () => {
    let fake: FakeSlack;
    let slack: SlackAdapter;
    beforeAll(async () => {
      fake = await startFakeSlack();
      slack = await startSlack(app, { botToken: 'xoxb-source-1', signingSecret: SECRET, port: 0, apiUrl: fake.apiUrl }, log);
    });
    afterAll(async () => {
      await slack?.stop();
      await fake?.close();
    });

    it('uploads the page as a PNG with alt text into the answer thread', async () => {
      const endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
      const res = await postSigned(endpoint, SECRET, slashBody('/budget', '无锡市信访局 三公', `${fake.url}/response/s`));
      const withButtons = () => [res.json, ...fake.responses].find((m) => m?.blocks?.some((b: any) => b.type === 'actions'));
      await fake.waitFor(() => !!withButtons(), 15_000);
      const blocks = withButtons().blocks;
      const button = blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.text.text === '查看原文');
      expect(button).toBeDefined();
      const before = fake.calls.length;
      const payload = {
        type: 'block_actions', token: 'legacy', api_app_id: 'A0FAKE', trigger_id: '1.2.3', team: { id: 'T0FAKE', domain: 'fake' },
        user: { id: 'U0PRESSER', username: 'presser', team_id: 'T0FAKE' }, channel: { id: 'C0CHAN', name: 'budget' },
        container: { type: 'message', message_ts: '1700000900.000100', channel_id: 'C0CHAN', is_ephemeral: false },
        message: { type: 'message', ts: '1700000900.000100', text: 'answer', blocks }, response_url: `${fake.url}/response/press`,
        actions: [{ type: 'button', action_id: button.action_id, block_id: 'budget_actions', value: button.value, text: button.text, action_ts: '1700000999.000000' }],
      };
      await postSigned(endpoint, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
      const complete = () => fake.calls.slice(before).find((c) => c.method === 'files.completeUploadExternal' && c.body.thread_ts === '1700000900.000100');
      await fake.waitFor(() => !!complete(), 30_000);
      // (The answer's own chart may upload meanwhile: the page is the upload named for its page.)
      const url = fake.calls.slice(before).find((c) => c.method === 'files.getUploadURLExternal' && c.body.filename === '原文-wx_xfj_2025-第21页.png')!;
      expect(url).toBeDefined();
      expect(url.body.alt_text ?? url.body.alt_txt).toContain('第 21 页');
      expect(fake.uploads.some((u) => u.bytes.includes(PNG_SIGNATURE))).toBe(true);
      const words = fake.calls.slice(before).find((c) => c.method === 'chat.postMessage')!;
      expect(words.body.thread_ts).toBe('1700000900.000100');
      expect(JSON.stringify(words.body.blocks)).toContain('原文图片 1 张');
    });
  });

  describe('Discord: the 查看原文 button replies with the image', () => {
    let fake: FakeDiscord;
    let discord: DiscordAdapter;
    beforeAll(async () => {
      fake = await startFakeDiscord();
      discord = await startDiscord(app, { token: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.sourcesourcesourcesourcesourcesourceABCD', applicationId: APP_ID, apiUrl: fake.apiUrl }, log);
    });
    afterAll(async () => {
      await discord?.stop();
      await fake?.close();
    });

    it('defers, then edits the reply with the page PNG and its description', async () => {
      const asked = fake.interact(commandData('budget', { department: '无锡市信访局', topic: '三公' }));
      const callback = `/api/v10/interactions/${asked.id}/${asked.token}/callback`;
      const edit = `/api/v10/webhooks/${APP_ID}/${asked.token}/messages/@original`;
      const reply = () => fake.calls.find((c) => c.path === callback)?.body.data?.components ? fake.calls.find((c) => c.path === callback)!.body.data : fake.calls.find((c) => c.path === edit)?.body;
      await fake.waitFor(() => !!reply()?.components, 15_000);
      const button = reply().components.flatMap((r: any) => r.components).find((b: any) => b.label === '查看原文');
      expect(button).toBeDefined();
      const press = fake.interact({ custom_id: button.custom_id, component_type: 2 }, 3, { message: { id: '500000000000000990', channel_id: '200000000000000002', author: { id: APP_ID, username: 'budget-bot', discriminator: '0', avatar: null, bot: true }, content: '', embeds: [], components: reply().components, attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, type: 0 } });
      const pressEdit = `/api/v10/webhooks/${APP_ID}/${press.token}/messages/@original`;
      await fake.waitFor(() => fake.calls.some((c) => c.path === pressEdit && c.method === 'PATCH'), 30_000);
      expect(fake.calls.find((c) => c.path === `/api/v10/interactions/${press.id}/${press.token}/callback`)!.body.type).toBe(5);
      const body = fake.calls.find((c) => c.path === pressEdit && c.method === 'PATCH')!.body;
      expect(Buffer.from(body.__multipart, 'latin1').toString('utf8')).toContain('原文-wx_xfj_2025-第21页.png');
      expect(body.__multipart).toContain('\x89PNG');
    });
  });
});
