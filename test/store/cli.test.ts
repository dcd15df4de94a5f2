// The budget-bot executable: ingest, check and export as a user runs them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helpers/tmp.js';

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
    expect(out).toMatch(/文件 23 份，载入预算 15 份，数字 \d+ 个，勾稽问题 \d+ 条，无法读取 0 份/);
    expect(out).toContain('重复 9 份（与已载入的文件是同一份预算，已逐项核对，数字一致）');
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
    const jiangsu = exported.documents.find((x) => x.source === 'js_jcy_2019_budget.txt')!;
    expect(jiangsu.function_items[0]).toMatchObject({ basic: null, project: null });
  });

  it('check lists each document\'s findings with table and line', () => {
    const out = run('check', '--db', db).stdout;
    expect(out).toContain('竹山县医疗保障局 2022年部门预算（001_df29ae28ecb651dd.txt）');
    expect(out).toMatch(/21015 医疗保障管理事务：合计 639\.72 万元.*（部门支出总体情况表，第 346 行）/);
    expect(out).toContain('邢台市医疗保障局 2025年部门预算（004_415779c2f9ebc6e8.txt）：未发现问题');
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
