// A 决算 answered against its 预算: the 三公 预算数 and 决算数 side by side with the execution rate, and
// /diff of a year's 预算 against its 决算. The 乐昌 决算 and 预算 are hand-made (test/fixtures/unseen);
// the Shanghai 决算s are read from ../shared at run time.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { openApp, type App } from '../../src/app.js';
import { openDatabase } from '../../src/store/db.js';
import { exportCsv, exportDocuments } from '../../src/store/export.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { ask, rowsOf } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'unseen');

/** An app over the given files only (copied into a temporary folder), closed after the block. */
function useApp(files: [dir: () => string, name: string][], dbFile = { path: '' }): () => App {
  let app: App | undefined;
  beforeAll(() => {
    const dir = join(tempDir(), 'docs');
    mkdirSync(dir, { recursive: true });
    for (const [from, name] of files) copyFileSync(join(from(), name), join(dir, name));
    dbFile.path = join(tempDir(), 'budget.sqlite');
    ingestDirectory([dir], dbFile.path);
    app = openApp(dbFile.path, undefined, COMMANDS);
  });
  afterAll(() => app?.close());
  return () => app!;
}

const fixtures = () => FIXTURES;
const corpus = () => CORPUS_TEXT_DIR!;
const row = (answer: Parameters<typeof rowsOf>[0], title: RegExp, label: string) => {
  const i = answer.tables.findIndex((t) => title.test(t.title ?? ''));
  return rowsOf({ ...answer, csvTables: undefined }, i).find((r) => r['项目'] === label);
};

describe('乐昌市市场监督管理局: its 2021 决算 alone (hand-made; 三公 预算数 26.00, 决算数 20.00 万元)', () => {
  const db = { path: '' };
  const app = useApp([[fixtures, 'gd_lechang_2021_final.txt']], db);

  it('the store keeps the 预算数 beside the 决算数, and the export carries both', () => {
    const conn = openDatabase(db.path);
    try {
      const [doc] = exportDocuments(conn).documents;
      expect(doc.three_public).toMatchObject({ total: '20.00', reception: '5.00', budget: { total: '26.00', vehicle_operation: '18.00', reception: '8.00' } });
      expect(exportCsv(conn)).toContain(',three_public_budget,,total,total,26.00,一般公共预算财政拨款“三公”经费支出决算表,138');
    } finally {
      conn.close();
    }
  });

  it('/budget 三公 shows 预算数, 决算数 and 执行率 side by side, each row cited to the 三公 table', () => {
    const r = ask(app(), '/budget 乐昌市市场监督管理局 三公');
    expect(r.answer.summary).toBe('“三公”经费预算数 26.00 万元，决算数 20.00 万元，执行率 76.9%。');
    const table = /预算执行/;
    expect(row(r.answer, table, '“三公”经费合计')).toEqual({ 项目: '“三公”经费合计', 预算数: '26.00', 决算数: '20.00', 执行率: '76.9%' });
    expect(row(r.answer, table, '公务接待费')).toMatchObject({ 预算数: '8.00', 决算数: '5.00', 执行率: '62.5%' });
    // A 预算数 of 0 has no rate.
    expect(row(r.answer, table, '因公出国（境）费')).toMatchObject({ 预算数: '0.00', 执行率: '—' });
    expect(r.answer.citations).toEqual([expect.objectContaining({ source: 'gd_lechang_2021_final.txt', table: '一般公共预算财政拨款“三公”经费支出决算表', line: 138 })]);
    expect(r.text).toContain('[1] gd_lechang_2021_final.txt');
  });

  it.each([
    ['乐昌市市场监督管理局三公经费执行率', '理解为：乐昌市市场监督管理局 2021年部门决算 · 三公 · 预算执行（预算数、决算数、执行率）'],
    ['乐昌市市场监督管理局预算执行情况', '理解为：乐昌市市场监督管理局 2021年部门决算 · 三公 · 预算执行（预算数、决算数、执行率）'],
    ['乐昌市市场监督管理局2021年决算三公经费', '理解为：乐昌市市场监督管理局 2021年部门决算 · 三公'],
  ])('free text "%s" reaches it', (question, understood) => {
    const r = ask(app(), question);
    expect([r.command, r.outcome]).toEqual(['budget', 'ok']);
    expect(r.text.split('\n')[0]).toBe(understood);
    expect(r.text).toContain('执行率 76.9%');
  });

  it('/diff 预算 决算 with the 预算 not loaded says exactly which is missing', () => {
    for (const question of ['/diff 乐昌市市场监督管理局 2021 预算 决算', '乐昌市市场监督管理局2021年预算和决算比较']) {
      const r = ask(app(), question);
      expect([r.command, r.outcome]).toEqual(['diff', 'user-error']);
      expect(r.answer.summary).toBe('乐昌市市场监督管理局 没有载入 2021 年的预算（只载入了 2021 年的决算），无法比较预算与决算。已载入：2021年决算。');
    }
    expect(ask(app(), '乐昌市市场监督管理局2021年预算和决算比较').text.split('\n')[0]).toBe('理解为：预算 vs 决算 · 乐昌市市场监督管理局 · 2021年');
  });
});

describe('乐昌市市场监督管理局: its 2021 预算 and 决算 both loaded (hand-made)', () => {
  const app = useApp([[fixtures, 'gd_lechang_2021_final.txt'], [fixtures, 'gd_lechang_2021_budget.txt']]);

  it('/diff 部门 2021 预算 决算 compares totals, 三公 and subject rows with the execution rate, citing both documents', () => {
    const r = ask(app(), '/diff 乐昌市市场监督管理局 2021 预算 决算');
    expect([r.command, r.outcome, r.answer.title]).toEqual(['diff', 'ok', '乐昌市市场监督管理局 2021年：预算 vs 决算']);
    expect(r.answer.summary).toBe('支出总计 预算 1,250.00 万元，决算 1,300.00 万元，+50.00 万元（执行率 104.0%）。');
    expect(row(r.answer, /^总额$/, '基本支出')).toEqual({ 项目: '基本支出', 预算: '850.00', 决算: '820.00', 差额: '-30.00', 执行率: '96.5%' });
    expect(row(r.answer, /^总额$/, '“三公”经费')).toMatchObject({ 预算: '26.00', 决算: '20.00', 执行率: '76.9%' });
    expect(row(r.answer, /三公.*预算 vs 决算/, '公务接待费')).toEqual({ 项目: '公务接待费', 预算: '8.00', 决算: '5.00', 差额: '-3.00', 执行率: '62.5%' });
    expect(row(r.answer, /^科目变化/, '2013801 行政运行')).toMatchObject({ 预算: '600.00', 决算: '580.00', 差额: '-20.00', 执行率: '96.7%' });
    expect(new Set(r.answer.citations.map((c) => c.source))).toEqual(new Set(['gd_lechang_2021_budget.txt', 'gd_lechang_2021_final.txt']));
    expect(r.answer.notes).toContain('决算表所列“三公”经费预算数 26.00 万元，与2021年部门预算一致。');
  });

  it.each([
    ['乐昌市市场监督管理局2021年预算和决算比较', '理解为：乐昌市市场监督管理局 2021年 预算 vs 决算 · 总额、三公和科目'],
    ['乐昌市市场监督管理局预决算对比', '理解为：乐昌市市场监督管理局 2021年 预算 vs 决算 · 总额、三公和科目'],
  ])('free text "%s" reaches it', (question, understood) => {
    const r = ask(app(), question);
    expect([r.command, r.outcome]).toEqual(['diff', 'ok']);
    expect(r.text.split('\n')[0]).toBe(understood);
    expect(r.text).toContain('76.9%');
  });

  it('a figure named in the comparison leads with its own 执行率 ("三公经费预算和决算比较")', () => {
    const r = ask(app(), '乐昌市市场监督管理局2021年三公经费预算和决算比较');
    expect(r.text.split('\n')[0]).toBe('理解为：乐昌市市场监督管理局 2021年 预算 vs 决算 · “三公”经费');
    expect(r.answer.summary!.split('\n')[0]).toBe('“三公”经费 预算 26.00 万元，决算 20.00 万元，-6.00 万元（执行率 76.9%）。');
  });

  it('with both loaded, /budget answers the 预算 unless the 决算 or its execution is asked for, and points at the comparison', () => {
    const plain = ask(app(), '乐昌市市场监督管理局2021年三公');
    expect(plain.text.split('\n')[0]).toBe('理解为：乐昌市市场监督管理局 2021年部门预算 · 三公');
    expect(plain.answer.notes).toContain('同年还载入了部门决算：乐昌市市场监督管理局（两者的比较：/diff 乐昌市市场监督管理局 2021 预算 决算）');
    expect(ask(app(), '乐昌市市场监督管理局三公经费执行率').answer.summary).toBe('“三公”经费预算数 26.00 万元，决算数 20.00 万元，执行率 76.9%。');
    // The same through the platform options (Discord): the topic option asks for the 决算 too.
    const byOptions = app().dispatch({ command: 'budget', options: { department: '乐昌市市场监督管理局', topic: '三公执行率' } });
    expect(byOptions.answer.summary).toBe('“三公”经费预算数 26.00 万元，决算数 20.00 万元，执行率 76.9%。');
  });
});

describe('乐昌市市场监督管理局: only its 2021 预算 loaded', () => {
  const app = useApp([[fixtures, 'gd_lechang_2021_budget.txt']]);

  it('an execution question says the 决算 is not loaded, and /diff 预算 决算 names the 决算 as missing', () => {
    const r = ask(app(), '乐昌市市场监督管理局三公经费执行率');
    expect(r.text.split('\n')[0]).toBe('理解为：乐昌市市场监督管理局 2021年部门预算 · 三公 · 预算执行：未载入2021年决算');
    expect(r.answer.notes[0]).toBe('乐昌市市场监督管理局 没有载入 2021 年的决算，无法给出预算执行情况；以上是2021年预算。');
    expect(ask(app(), '/diff 乐昌市市场监督管理局 2021 预算 决算').answer.summary).toBe('乐昌市市场监督管理局 没有载入 2021 年的决算（只载入了 2021 年的预算），无法比较预算与决算。已载入：2021年预算。');
  });
});

describeCorpus('Shanghai 决算s read from ../shared (三公 预算数 beside 决算数)', () => {
  const app = useApp(['sh_putuo_ghzy_2024_final.txt', 'sh_putuo_czj_2024_final.txt', 'sh_putuo_czj_2025_budget.txt', 'sh_putuo_shgzb_2024_final.txt'].map((f) => [corpus, f] as [() => string, string]));

  it('规划和自然资源局 2024: 预算 2.85, 决算 0.39, all 接待, 执行率 13.7% (the document states 13.68%)', () => {
    const r = ask(app(), '/budget 上海市普陀区规划和自然资源局 三公');
    expect(r.answer.summary).toBe('“三公”经费预算数 2.85 万元，决算数 0.39 万元，执行率 13.7%。');
    expect(row(r.answer, /预算执行/, '公务接待费')).toEqual({ 项目: '公务接待费', 预算数: '2.85', 决算数: '0.39', 执行率: '13.7%' });
    expect(row(r.answer, /预算执行/, '因公出国（境）费')).toMatchObject({ 预算数: '0.00', 决算数: '0.00', 执行率: '—' });
    expect(r.answer.citations[0]).toMatchObject({ source: 'sh_putuo_ghzy_2024_final.txt', table: '财政拨款“三公”经费支出决算表', line: 358 });
  });

  it('free text "普陀区规划和自然资源局三公经费执行率" reaches it', () => {
    const r = ask(app(), '普陀区规划和自然资源局三公经费执行率');
    expect(r.text.split('\n')[0]).toBe('理解为：上海市普陀区规划和自然资源局 2024年部门决算 · 三公 · 预算执行（预算数、决算数、执行率）');
    expect(r.text).toContain('执行率 13.7%');
  });

  it('财政局 2024: a row the arithmetic cannot place shows no guessed figure, and says why', () => {
    const r = ask(app(), '/budget 上海市普陀区财政局 2024 三公');
    expect(row(r.answer, /预算执行/, '“三公”经费合计')).toEqual({ 项目: '“三公”经费合计', 预算数: '—', 决算数: '—', 执行率: '—' });
    expect(r.answer.warnings.join('\n')).toContain('表内勾稽无法判定预算数合计、决算数合计');
  });

  it('社会工作部 2024: a 决算 三公 table with no 预算数 says no rate can be given', () => {
    expect(ask(app(), '/budget 中共上海市普陀区委社会工作部 三公').answer.notes).toContain('该决算的“三公”经费表没有列出预算数，无法计算执行率。');
  });

  it('财政局: the 2024 决算 and the 2025 预算 are not one year’s pair: /diff names what is missing in each year', () => {
    expect(ask(app(), '/diff 上海市普陀区财政局 2024 预算 决算').answer.summary).toBe('上海市普陀区财政局 没有载入 2024 年的预算（只载入了 2024 年的决算），无法比较预算与决算。已载入：2024年决算、2025年预算。');
    expect(ask(app(), '上海市普陀区财政局2025年预算和决算比较').answer.summary).toBe('上海市普陀区财政局 没有载入 2025 年的决算（只载入了 2025 年的预算），无法比较预算与决算。已载入：2024年决算、2025年预算。');
  });
});
