// The parser on documents it was not built on (../shared/corpus, read at run time): every headline
// figure the hand-read gold gives is either read right or left absent — never a confident wrong one —
// and the figures checked by hand below are read with their provenance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseDocument, type Disclosure } from '../../src/parse/index.js';
import { CORPUS_GOLD_FILE, CORPUS_NEGATIVE_DIR, CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';

interface Gold { source: string; department?: string; year: number; scope?: string; [field: string]: unknown }
const FIELDS = ['expenditure_total', 'basic', 'project', 'three_public', 'personnel', 'public_funds'] as const;
const parsed = new Map<string, Disclosure[]>();
const parse = (dir: string, file: string) => {
  if (!parsed.has(file)) parsed.set(file, parseDocument(readFileSync(join(dir, file), 'utf8'), file));
  return parsed.get(file)!;
};
const bare = (s: string) => s.replace(/[（(](本级|汇总|机关)[)）]|本级$|机关$/g, '');

describeCorpus('outside documents against the hand-read gold', () => {
  const gold = (JSON.parse(readFileSync(CORPUS_GOLD_FILE!, 'utf8')).documents as Gold[]).filter((g) => !/^\d{3}_/.test(g.source));

  it.each(gold.map((g) => [g.source, g] as const))('%s: year, department and figures right or absent, none wrong', (_, g) => {
    const all = parse(CORPUS_TEXT_DIR!, g.source);
    const d = all.find((x) => x.scope === (g.scope ?? '部门')) ?? all[0];
    expect(d.year).toBe(g.year);
    if (g.department) expect(bare(d.department).endsWith(bare(g.department)) || bare(g.department).endsWith(bare(d.department))).toBe(true);
    for (const f of FIELDS) {
      const want = [g[f], g[`${f}_alt`]].filter((x) => x !== undefined && x !== null && x !== '').map((x) => Number(String(x).replace(/,/g, '')));
      const key = f === 'three_public' ? 'three_public' : f;
      const got = d.totals.get(key)?.value;
      if (want.length && got) expect(want.some((w) => Math.abs(got.toNumber() - w) <= 0.01), `${f}: got ${got}, want ${want}`).toBe(true);
    }
  });

  it('reads every gold figure of the whole corpus (none absent, none wrong)', () => {
    const absent: string[] = [];
    for (const g of gold) {
      const all = parse(CORPUS_TEXT_DIR!, g.source);
      const d = all.find((x) => x.scope === (g.scope ?? '部门')) ?? all[0];
      absent.push(...FIELDS.filter((f) => g[f] !== undefined && g[f] !== null && g[f] !== '' && !d.totals.get(f)).map((f) => `${g.source} ${f}`));
    }
    expect(absent).toEqual([]);
  });

  it.each([
    // file, field, value in 万元, table, line — read by hand from the documents
    ['sz_sjj_2026.txt', 'three_public', '18.3', '一般公共预算“三公”经费、会议费、培训费支出表', 574],
    ['sh_putuo_czj_2024_final.txt', 'expenditure_total', '2995.39', '收入支出决算总表', 127],
    ['sh_putuo_czj_2024_final.txt', 'carryover', '49.14', '收入支出决算总表', 125],
    ['sh_putuo_czj_2024_final.txt', 'personnel', '2152.26', '一般公共预算财政拨款基本支出决算表', 429],
    ['sh_putuo_czj_2024_final.txt', 'public_funds', '184.65', '一般公共预算财政拨款基本支出决算表', 429],
    ['sh_putuo_czj_2025_budget.txt', 'basic', '2512.1091', '2025年部门支出预算总表', 187],
  ] as const)('%s: %s = %s 万元 from 「%s」 line %i', (file, key, value, table, line) => {
    const t = parse(CORPUS_TEXT_DIR!, file)[0].totals.get(key)!;
    expect([t.value.toString(), t.table, t.line]).toEqual([value, table, line]);
  });

  it('the year the title states wins over the years the narrative compares with', () => {
    expect(['sh_putuo_wanli_2023_budget.txt', 'sh_putuo_wanli_2024_budget.txt', 'sh_putuo_wanli_2025_budget.txt'].map((f) => parse(CORPUS_TEXT_DIR!, f)[0].year)).toEqual([2023, 2024, 2025]);
  });

  it('the department comes from the cover and headings, not a subordinate unit listed inside', () => {
    expect(parse(CORPUS_TEXT_DIR!, 'sh_putuo_ghzy_2024_final.txt')[0].department).toBe('上海市普陀区规划和自然资源局');
    expect(parse(CORPUS_TEXT_DIR!, 'sh_putuo_shgzb_2024_final.txt')[0].department).toBe('中共上海市普陀区委社会工作部');
    expect(parse(CORPUS_TEXT_DIR!, 'sh_czj_2025_unit_budget.txt')[0].department).toBe('上海市财政局');
  });

  it('a figure nothing else in the document confirms is marked unverified, and said so in a finding', () => {
    const d = parse(CORPUS_TEXT_DIR!, 'sh_czj_2025_unit_budget.txt')[0];
    // Only the narrative states the procurement total: nothing else confirms it.
    expect(d.totals.get('procurement_total')).toMatchObject({ verified: false, table: '2025年预算情况说明' });
    expect(d.totals.get('expenditure_total')!.verified).toBe(true);
    expect(d.findings.find((f) => f.rule === 'unverified')!.message).toBe('未能与文件其他部分核对：政府采购 1708.03 万元（2025年预算情况说明第 273 行）');
  });

  it('a table of the 三公 and 机关运行经费 together (Shanghai): the items in its order (出国, 接待, 车辆), 机关运行经费 its last column', () => {
    const d = parse(CORPUS_TEXT_DIR!, 'sh_czj_2025_unit_budget.txt')[0];
    const t = d.threePublic!;
    expect([t.total, t.outbound, t.reception, t.vehicle, t.vehiclePurchase, t.vehicleOperation].map((v) => v?.toFixed(2))).toEqual(['346.30', '288.70', '25.40', '32.20', '0.00', '32.20']);
    // The table's figures and the narrative's agree: both confirmed.
    expect(d.totals.get('three_public')).toMatchObject({ verified: true, table: expect.stringMatching(/三公.*和机关运行经费预算表$/) });
    expect(d.totals.get('operating_cost')).toMatchObject({ verified: true, table: expect.stringMatching(/三公.*和机关运行经费预算表$/) });
    expect(d.totals.get('operating_cost')!.value.toFixed(2)).toBe('2517.78');
  });

  it('a 决算 三公 table printing 预算数 and 决算数 under every column: both read (规划和自然资源局: 预算 2.85, 决算 0.39, all 接待)', () => {
    const t = parse(CORPUS_TEXT_DIR!, 'sh_putuo_ghzy_2024_final.txt')[0].threePublic!;
    const row = (f: Pick<typeof t, 'total' | 'outbound' | 'vehicle' | 'reception'>) => [f.total, f.outbound, f.vehicle, f.reception].map((v) => v?.toFixed(2));
    expect([row(t), row(t.budget!), t.line]).toEqual([['0.39', '0.00', '0.00', '0.39'], ['2.85', '0.00', '0.00', '2.85'], 358]);
  });

  it('a 决算 三公 row of two numbers under twelve columns is not guessed: which half they fill is named as undecided (财政局)', () => {
    const d = parse(CORPUS_TEXT_DIR!, 'sh_putuo_czj_2024_final.txt')[0];
    expect([d.threePublic!.total, d.threePublic!.budget!.total]).toEqual([null, null]);
    expect(d.findings.find((f) => f.rule === 'three-public-columns')!.message).toContain('预算数合计、决算数合计');
  });

  it('the deliberately altered 决算 loads with a finding naming its contradiction', () => {
    const d = parse(CORPUS_NEGATIVE_DIR!, 'sh_putuo_czj_2024_final_TAMPERED_testversion.txt')[0];
    expect(d.findings.map((f) => f.message)).toContain('支出总计：说明文字 0.00 万元，「收入支出决算总表」 2995.39 万元，相差 2995.39 万元');
  });
});
