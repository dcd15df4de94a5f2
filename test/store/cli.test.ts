// The budget-bot executable: ingest, check and export as a user runs them — on the bundled seeds, and
// with a folder of Jiangsu documents from ../shared added the way a user adds theirs (--data DIR).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { copyJiangsu } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { describeCorpus } from '../support/corpus.js';

const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('budget-bot CLI', () => {
  const root = tempDir();
  const db = join(root, 'budget.sqlite');
  let exported: { documents: Record<string, any>[]; rejected: unknown[] };

  beforeAll(() => {
    const r = run('ingest', '--db', db);
    expect(r.status).toBe(0);
    exported = JSON.parse(execFileSync(process.execPath, [bin, 'export', '--format', 'json', '--db', db], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  }, 60_000);

  it('ingest reports documents, figures, findings and time', () => {
    const out = run('ingest', '--db', db).stdout;
    expect(out).toContain('文件未变');
    expect(out).toMatch(/^文件 5 份，载入预算 6 份，数字 \d+ 个，勾稽问题 \d+ 条，无法读取 0 份$/m);
  });

  it('ingest --data adds a user\'s folder; a second copy of a document is recognised and checked', () => {
    const mine = join(root, 'mine');
    mkdirSync(mine);
    copyFileSync(join(DEFAULT_DATA_DIR, '001_df29ae28ecb651dd.txt'), join(mine, 'zhushan_copy.txt'));
    const r = run('ingest', '--data', DEFAULT_DATA_DIR, '--data', mine, '--db', join(root, 'mine.sqlite'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^文件 6 份，载入预算 6 份/m);
    expect(r.stdout).toContain('重复 1 份（与已载入的文件是同一份预算，已逐项核对，数字一致）');
  });

  it('export keeps the JSON contract: exact decimal strings in 万元, null when absent', () => {
    const d = exported.documents.find((x) => x.source === '000_2c141d3c228c2a71.txt')!;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['source', 'department', 'region', 'year', 'kind', 'scope', 'unit', 'totals', 'function_items', 'economic_items', 'three_public', 'projects', 'prior_year', 'findings']));
    expect(d).toMatchObject({ department: '巨鹿县医疗保障局', region: '巨鹿县', year: 2023, kind: '预算', scope: '部门', unit: '万元' });
    expect(d.totals).toMatchObject({ income_total: '534.80', general_budget_appropriation: '534.80', carryover: '0.00', basic: '298.80', personnel: '274.90', three_public: '0.00' });
    expect(d.function_items.find((r: any) => r.code === '2101501')).toEqual({ code: '2101501', name: '行政运行', total: '244.90', basic: '219.90', project: '25.00', table: '部门预算支出总表', line: 314 });
    expect(d.economic_items.find((r: any) => r.code === '30201')).toMatchObject({ name: '办公费', total: '10.00', personnel: '0.00', public_funds: '10.00' });
    expect(d.projects.find((p: any) => p.name === '医保宣传经费')).toMatchObject({ amount: null });
    expect(d.prior_year).toMatchObject({ year: 2022, expenditure_total_change: '73.81', basic_change: '59.81', project_change: '14.00' });
    expect(exported.documents.map((x) => `${x.source} ${x.scope}`)).toEqual(expect.arrayContaining(['004_415779c2f9ebc6e8.txt 部门', '004_415779c2f9ebc6e8.txt 单位']));
    expect(exported.documents).toHaveLength(6);
  });

  it('check lists each document\'s findings with table and line', () => {
    const out = run('check', '--db', db).stdout;
    expect(out).toContain('竹山县医疗保障局 2022年部门预算（001_df29ae28ecb651dd.txt）');
    expect(out).toMatch(/21015 医疗保障管理事务：合计 639\.72 万元.*（部门支出总体情况表，第 346 行）/);
    expect(out).toContain('邢台市医疗保障局 2025年部门预算（004_415779c2f9ebc6e8.txt）：未发现问题；提示 1 条');
    expect(out).toContain('  - [BB-V001] 未能与文件其他部分核对：政府采购 829.22 万元（政府采购预算情况第 1252 行）、固定资产 1160.77 万元（固定资产占用情况表第 1547 行）（全文，第 1 行）');
  });

  it('export --format csv has one row per figure', () => {
    const csv = run('export', '--format', 'csv', '--db', db).stdout.split('\n');
    expect(csv[0]).toBe('source,department,region,year,kind,scope,fact,code,name,column,amount_wanyuan,table,line');
    expect(csv).toContain('000_2c141d3c228c2a71.txt,巨鹿县医疗保障局,巨鹿县,2023,预算,部门,function,2101501,行政运行,basic,219.90,部门预算支出总表,314');
  });

  it('exits non-zero only when nothing could be loaded, naming the files', () => {
    const dir = join(root, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'empty.txt'), '');
    const r = run('ingest', '--data', dir, '--db', join(root, 'bad.sqlite'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('无法读取 empty.txt：文件为空');
  });

  it('says plainly when the data directory does not exist', () => {
    const r = run('ingest', '--data', join(root, 'nope'), '--db', join(root, 'x.sqlite'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^错误：数据目录 .* 不存在/);
  });
});

describeCorpus('budget-bot CLI with a folder of Jiangsu documents (../shared/corpus)', () => {
  const root = tempDir();
  const db = join(root, 'budget.sqlite');

  it('ingest --data loads them beside the seeds; export keeps null where a document prints no split', () => {
    const jiangsu = copyJiangsu(join(root, 'jiangsu'));
    const r = run('ingest', '--data', DEFAULT_DATA_DIR, '--data', jiangsu, '--db', db);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^文件 14 份，载入预算 15 份，数字 \d+ 个，勾稽问题 \d+ 条，无法读取 0 份$/m);
    const exported = JSON.parse(execFileSync(process.execPath, [bin, 'export', '--format', 'json', '--db', db], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const jcy = exported.documents.find((x: { source: string }) => x.source === 'js_jcy_2019_budget.txt')!;
    expect(jcy).toMatchObject({ department: '江苏省人民检察院', year: 2019 });
    expect(jcy.function_items[0]).toMatchObject({ basic: null, project: null });
  }, 60_000);
});
