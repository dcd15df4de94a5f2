// Word documents through the real ingest: a .docx built here (tables as Word tables) loads with its
// figures; a damaged .docx, a zip bomb, an encrypted one and a legacy .doc are each named with a
// reason while the rest of the folder loads; the worker pool reads them as the writer's thread does.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { openApp } from '../../src/app.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { renderText } from '../../src/render/text.js';
import { openDatabase } from '../../src/store/db.js';
import { exportDocuments } from '../../src/store/export.js';
import { ingest, ingestDirectory, type IngestReport } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';
import { CONTENT_TYPES, docx, zip } from './build-docx.js';
import { SAMPLE, SAMPLE_DEPARTMENT } from './sample.js';

const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ole = (...streams: string[]) => Buffer.concat([OLE, Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, 'utf16le')), Buffer.alloc(1024)]);

/** The bad Word files of a folder, each with the reason ingest must give. */
const BAD: [file: string, bytes: () => Buffer, reason: string][] = [
  ['corrupt.docx', () => docx(SAMPLE).subarray(0, 900), '无法读取 Word 文件：找不到 ZIP 目录（文件不完整或已损坏）'],
  ['bomb.docx', () => zip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: 'word/document.xml', data: Buffer.alloc(64 << 20, 0x20), deflate: true, declaredSize: 1000 }]),
    '无法读取 Word 文件：word/document.xml 解压后比声明的大小大（疑似压缩炸弹）'],
  ['huge.docx', () => zip([{ name: 'word/document.xml', data: '<w:document/>', declaredSize: 0xfffffff0, deflate: true }]),
    '无法读取 Word 文件：word/document.xml 解压后有 4096 MB，超过上限 50 MB（疑似压缩炸弹）'],
  ['locked.docx', () => ole('EncryptionInfo', 'EncryptedPackage'), '无法读取 Word 文件：文件有密码保护（已加密），请去掉密码后另存为 .docx 或 PDF'],
  ['old.doc', () => ole('WordDocument', '1Table'), '旧版 Word .doc 格式暂不支持，请另存为 .docx 或 PDF'],
  ['rtf.doc', () => Buffer.from('{\\rtf1\\ansi 部门预算}'), '旧版 Word .doc 格式暂不支持，请另存为 .docx 或 PDF'],
  ['notes.docx', () => Buffer.from('会议纪要'), '无法读取 Word 文件：不是 .docx 文件（不是 ZIP 压缩包，可能已损坏）'],
];

function folder(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'sample.docx'), docx(SAMPLE));
  // A .docx saved under the old extension is still read as what it is.
  writeFileSync(join(dir, 'renamed.doc'), docx(SAMPLE.map((b) => (typeof b === 'string' ? b.replaceAll(SAMPLE_DEPARTMENT, '某某县另一局') : b))));
  // Word's lock file beside an open document is not a document.
  writeFileSync(join(dir, '~$sample.docx'), Buffer.alloc(162));
  copyFileSync(join(DEFAULT_DATA_DIR, '000_2c141d3c228c2a71.txt'), join(dir, '000_2c141d3c228c2a71.txt'));
  for (const [file, bytes] of BAD) writeFileSync(join(dir, file), bytes());
  return dir;
}

function exported(dbFile: string) {
  const db = openDatabase(dbFile);
  try {
    return exportDocuments(db);
  } finally {
    db.close();
  }
}

describe('a .docx through budget-bot ingest', () => {
  const root = tempDir();
  const dir = folder(root, 'data');
  const db = join(root, 'budget.sqlite');
  let out: SpawnSyncReturns<string>;

  beforeAll(() => {
    out = spawnSync(process.execPath, [bin, 'ingest', '--data', dir, '--db', db, '--quiet'], { encoding: 'utf8' });
  }, 60_000);

  it('loads the Word documents and the text beside them, naming each bad file with its reason', () => {
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^文件 10 份，载入预算 3 份，数字 \d+ 个，勾稽问题 \d+ 条，无法读取 7 份$/m);
    for (const [file, , reason] of BAD) expect(out.stdout).toContain(`  无法读取 ${file}：${reason}\n`);
    expect(out.stdout).not.toContain('~$');
  });

  it('reads the figures of its Word tables: totals, 基本/项目 by function, 人员/公用, 三公', () => {
    const { documents, rejected } = exported(db);
    expect(rejected.map((r) => (r as { source: string }).source).sort()).toEqual(BAD.map(([f]) => f).sort());
    const d = documents.find((x) => x.source === 'sample.docx')!;
    expect(d).toMatchObject({ department: SAMPLE_DEPARTMENT, region: '某某县', year: 2024, kind: '预算', scope: '部门', unit: '万元' });
    expect(d.totals).toMatchObject({
      income_total: '620.00', expenditure_total: '620.00', general_budget_appropriation: '620.00',
      basic: '500.00', project: '120.00', personnel: '440.00', public_funds: '60.00', three_public: '25.00',
    });
    const fn = (code: string) => d.function_items.find((r) => r.code === code);
    expect(fn('201')).toMatchObject({ name: '一般公共服务支出', total: '500.00', basic: '380.00', project: '120.00', table: '2024年部门支出总表' });
    expect(fn('2010301')).toMatchObject({ name: '行政运行', total: '380.00', basic: '380.00' });
    expect(fn('2010302')).toMatchObject({ name: '一般行政管理事务', total: '120.00', project: '120.00' });
    expect(fn('2210201')).toMatchObject({ name: '住房公积金', total: '35.00', basic: '35.00' });
    expect(d.economic_items.find((r) => r.code === '30201')).toMatchObject({ name: '办公费', total: '20.00', public_funds: '20.00' });
    expect(d.three_public).toMatchObject({ total: '25.00', outbound: '0.00', vehicle: '20.00', vehicle_purchase: '0.00', vehicle_operation: '20.00', reception: '5.00' });
    expect(d.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(documents.find((x) => x.source === 'renamed.doc')).toMatchObject({ department: '某某县另一局', totals: { expenditure_total: '620.00' } });
  });

  it('answers from it in chat, citing the Word file', () => {
    const app = openApp(db);
    try {
      const { answer } = app.dispatch({ text: `/budget ${SAMPLE_DEPARTMENT} 三公` });
      expect(answer.summary).toMatch(/^“三公”经费 25\.00 万元/);
      expect(answer.citations[0]).toMatchObject({ source: 'sample.docx', table: '2024年一般公共预算“三公”经费支出表' });
      expect(renderText(answer)).toMatch(/sample\.docx · 2024年一般公共预算“三公”经费支出表 · 第 \d+ 行/);
    } finally {
      app.close();
    }
  });
});

describe('Word documents on the worker pool', () => {
  it('build the same database as on the writer\'s thread', async () => {
    const root = tempDir();
    const dir = folder(root, 'pool');
    writeCorpus(dir, 8); // enough inputs that the pool is used
    const stable = ({ millis, parseMs, segmentMs, loadMs, workers, dbFile, ...rest }: IngestReport) => rest;
    const serial = ingestDirectory(dir, join(root, 'serial.sqlite'));
    const pooled = await ingest(dir, join(root, 'pooled.sqlite'), { workers: 2 });
    expect(pooled.workers).toBe(2);
    expect(serial.rejected).toHaveLength(BAD.length);
    expect(stable(pooled)).toEqual(stable(serial));
    expect(exported(join(root, 'pooled.sqlite'))).toEqual(exported(join(root, 'serial.sqlite')));
  }, 120_000);
});
