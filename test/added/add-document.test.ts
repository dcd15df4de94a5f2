// The adder without a platform: a seed the database lacks is stored with who added it, loaded by the
// atomic build and answered; a duplicate, a non-disclosure, a wrong type and an oversized file are
// refused with their reasons and never stored; replicas sharing the added folder pick a document up.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { createDocumentAdder, MAX_ADDED_BYTES, type Upload } from '../../src/added/add-document.js';
import { addedDirOf, listAdded } from '../../src/added/folder.js';
import { outcomeAnswer } from '../../src/added/reply.js';
import { renderText } from '../../src/render/text.js';
import { appWithout, seedBytes, seedsWithout, UPLOADED_SEED } from '../helpers/added.js';
import { tempDir } from '../helpers/tmp.js';
import { docx } from '../docx/build-docx.js';
import { SAMPLE, SAMPLE_DEPARTMENT } from '../docx/sample.js';

const upload = (name: string, bytes: Buffer, by = 'slack:U0ADMIN'): Upload => ({ name, size: bytes.length, by, byName: 'Admin', download: async () => bytes });
const NOT_A_DISCLOSURE = Buffer.from('会议纪要\n\n今天讨论了办公室搬迁和下周的培训安排。\n');

describe('adding a document', () => {
  const { app, dbFile } = appWithout();
  afterAll(() => app.close());
  const adder = createDocumentAdder({ dbFile, queries: () => app.ctx.queries, now: () => new Date('2026-12-07T15:04:00Z') });

  it('stores it with who and when, loads it atomically and answers from it', async () => {
    expect(app.dispatch({ text: '/budget 竹山县 三公' }).answer.kind).toBe('error');
    const outcome = await adder.add(upload('竹山县医保局2022预算.txt', seedBytes()));
    expect(outcome.kind).toBe('added');
    const text = renderText(outcomeAnswer(outcome));
    expect(text).toContain('载入预算 1 份：竹山县医疗保障局 2022年部门预算');
    expect(text).toMatch(/模板表 \d+\/\d+/);
    expect(text).toMatch(/主要数字 \d+ 个，未能核对 \d+ 个/);
    expect(text).toMatch(/由 Admin（slack:U0ADMIN）\s?于 2026-12-07 15:04 UTC 添加/);
    expect(app.dispatch({ text: '/budget 竹山县 三公' }).answer.summary).toMatch(/^“三公”经费 9\.60 万元/);
    expect(listAdded(addedDirOf(dbFile))).toEqual([expect.objectContaining({ file: '竹山县医保局2022预算.txt', addedBy: 'slack:U0ADMIN', addedAt: '2026-12-07T15:04:00.000Z' })]);
    const sources = renderText(app.dispatch({ text: '/sources' }).answer);
    expect(sources).toContain('在频道中添加的文件');
    expect(sources).toMatch(/竹山县医保局2022预算\.txt\s+Admin（slack:U0ADMIN）\s+2026-12-07 15:04 UTC\s+已载入/);
  });

  it('adds a Word document (.docx) as ingest reads one', async () => {
    const outcome = await adder.add(upload('某某局.docx', docx(SAMPLE)));
    expect(outcome.kind === 'added' && outcome.disclosures.map((d) => `${d.name} ${d.year}`)).toEqual([`${SAMPLE_DEPARTMENT} 2024`]);
    expect(app.dispatch({ text: `/budget ${SAMPLE_DEPARTMENT} 三公` }).answer.summary).toMatch(/25\.00 万元/);
  });

  it('says a file already loaded (same sha256) is a duplicate, and stores nothing', async () => {
    const before = readdirSync(addedDirOf(dbFile));
    expect(await adder.add(upload('again.txt', seedBytes()))).toEqual({ kind: 'duplicate', name: 'again.txt', of: '竹山县医保局2022预算.txt' });
    expect(await adder.add(upload('seed.txt', seedBytes('000_2c141d3c228c2a71.txt')))).toEqual({ kind: 'duplicate', name: 'seed.txt', of: '000_2c141d3c228c2a71.txt' });
    expect(readdirSync(addedDirOf(dbFile))).toEqual(before);
  });

  it.each([
    ['纪要.txt', NOT_A_DISCLOSURE, /不像是部门预算或决算公开文件/],
    ['photo.png', Buffer.from('png'), /只能添加 PDF、\.docx 或 \.txt/],
    ['old.doc', Buffer.from('doc'), /旧版 Word 格式/],
    ['empty.txt', Buffer.alloc(0), /文件是空的/],
  ])('refuses %s with its reason and stores nothing', async (name, bytes, reason) => {
    const outcome = await adder.add(upload(name, bytes));
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.reason).toMatch(reason);
    expect(readdirSync(addedDirOf(dbFile)).filter((f) => !f.startsWith('.') && f.includes(name.split('.')[0]))).toEqual([]);
  });

  it('refuses an oversized file before downloading it, and one whose download overruns the cap', async () => {
    let fetched = false;
    const big = await adder.add({ name: 'big.pdf', size: MAX_ADDED_BYTES + 1, by: 'x', download: async () => ((fetched = true), Buffer.alloc(1)) });
    expect(big).toEqual({ kind: 'refused', name: 'big.pdf', reason: expect.stringMatching(/文件过大.*上限 20 MB/) });
    expect(fetched).toBe(false);
    const { DownloadRefused } = await import('../../src/added/download.js');
    const liar = await adder.add({ name: 'liar.pdf', size: 10, by: 'x', download: async () => { throw new DownloadRefused('文件过大（21.0 MB，上限 20 MB），不像是一份预算公开文件'); } });
    expect(liar.kind === 'refused' && liar.reason).toMatch(/文件过大/);
  });

  it('a download that throws anything is a refusal, never a crash', async () => {
    const outcome = await adder.add({ name: 'x.pdf', by: 'x', download: async () => { throw new TypeError('socket hang up'); } });
    expect(outcome).toEqual({ kind: 'refused', name: 'x.pdf', reason: '下载失败（socket hang up）' });
  });

  it('an added document survives a rebuild of the database (the CLI ingest keeps the added folder)', async () => {
    const { runIngest, withAddedDocuments } = await import('../../src/cli/database.js');
    const recorded: string[] = JSON.parse(app.ctx.queries.meta('data_dirs')!);
    const dataDir = recorded.find((d) => !d.endsWith('added'))!;
    const report = await runIngest(withAddedDocuments([dataDir], dbFile), dbFile, { force: true });
    expect(report.disclosures).toBe(7);
    expect(app.dispatch({ text: '/budget 竹山县 三公' }).answer.summary).toMatch(/^“三公”经费 9\.60 万元/);
  });
});

describe('a database whose folders cannot be rebuilt from', () => {
  it('refuses the upload with the reason rather than drop the documents of a folder that is gone', async () => {
    const { dataDir, dbFile } = seedsWithout();
    rmSync(dataDir, { recursive: true });
    const app = openApp(dbFile);
    try {
      const adder = createDocumentAdder({ dbFile, queries: () => app.ctx.queries });
      const outcome = await adder.add(upload('zs.txt', seedBytes()));
      expect(outcome).toEqual({ kind: 'refused', name: 'zs.txt', reason: expect.stringContaining(`数据库的文件目录 ${dataDir} 已不存在`) });
      expect(existsSync(addedDirOf(dbFile))).toBe(false);
      expect(app.dispatch({ text: '/budget 邢台市医保局' }).answer.kind).toBe('answer');
    } finally {
      app.close();
    }
  });
});

describe('replicas sharing the added folder', () => {
  it('a document one replica added reaches the other at its next sync', async () => {
    const root = tempDir();
    const one = seedsWithout(UPLOADED_SEED, root);
    // The second replica: its own database file in the same folder, so the added folder is shared.
    const { ingestDirectory } = await import('../../src/store/ingest.js');
    const otherDb = join(root, 'replica-2.sqlite');
    ingestDirectory([one.dataDir], otherDb);
    expect(addedDirOf(otherDb)).toBe(addedDirOf(one.dbFile));
    const appOne = openApp(one.dbFile);
    const appTwo = openApp(otherDb);
    try {
      const adderOne = createDocumentAdder({ dbFile: one.dbFile, queries: () => appOne.ctx.queries });
      const adderTwo = createDocumentAdder({ dbFile: otherDb, queries: () => appTwo.ctx.queries });
      expect(await adderTwo.sync()).toBe(false);
      expect((await adderOne.add(upload('zs.txt', seedBytes()))).kind).toBe('added');
      expect(appTwo.dispatch({ text: '/budget 竹山县 三公' }).answer.kind).toBe('error');
      expect(await adderTwo.sync()).toBe(true);
      expect(appTwo.dispatch({ text: '/budget 竹山县 三公' }).answer.summary).toMatch(/^“三公”经费 9\.60 万元/);
      expect(await adderTwo.sync()).toBe(false);
      expect(existsSync(join(addedDirOf(otherDb), 'zs.txt'))).toBe(true);
    } finally {
      appOne.close();
      appTwo.close();
    }
  });
});
