// Documents the parser was never tuned on: another province, a 决算, amounts in 元.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/parse/amount.js';
import { parseDocument } from '../../src/parse/index.js';
import { amount } from '../helpers/documents.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'unseen');
const text = readFileSync(join(fixtures, 'gd_lechang_2021_final.txt'), 'utf8');

describe('a Guangdong county 决算 in 元 (hand-made from the national 决算 template)', () => {
  const [d] = parseDocument(text, 'gd_lechang_2021_final.txt');

  it('recognises a 决算, its department, region and year', () => {
    expect([d.kind, d.department, d.region, d.year, d.unit]).toEqual(['决算', '乐昌市市场监督管理局', '乐昌市', 2021, '元']);
  });

  it('normalises 元 to exact 万元, keeping every digit', () => {
    expect(formatAmount(d.totals.get('general_budget_appropriation')!.value)).toBe('1234.56789');
    expect(amount(d.totals.get('income_total')!.value)).toBe('1300.00');
    expect(amount(d.totals.get('carryover')!.value)).toBe('60.00');
  });

  it('places 基本/项目 by arithmetic across a page break with the header repeated', () => {
    expect([amount(d.totals.get('basic')!.value), amount(d.totals.get('project')!.value)]).toEqual(['820.00', '400.00']);
    const row = (code: string) => d.functionItems.find((r) => r.code === code)!;
    expect([amount(row('2013801').basic), amount(row('2013812').project), amount(row('2080506').basic)]).toEqual(['580.00', '250.00', '40.00']);
    expect(row('20138').name).toBe('市场监督管理事务');
  });

  it('takes the 决算数 half of a 三公 row that prints 预算数 beside it', () => {
    expect([d.threePublic!.total, d.threePublic!.vehicleOperation, d.threePublic!.reception].map(amount)).toEqual(['20.00', '15.00', '5.00']);
  });

  it('keeps the 预算数 half of that row beside the 决算数, placed by the same arithmetic', () => {
    const b = d.threePublic!.budget!;
    expect([b.total, b.outbound, b.vehicle, b.vehiclePurchase, b.vehicleOperation, b.reception].map(amount)).toEqual(['26.00', '0.00', '18.00', '0.00', '18.00', '8.00']);
  });

  it('reads 人员/公用 and the stated change against 2020', () => {
    expect([amount(d.totals.get('personnel')!.value), amount(d.totals.get('public_funds')!.value)]).toEqual(['710.00', '110.00']);
    expect(d.changes.find((c) => c.metric === 'expenditure_total')).toMatchObject({ priorYear: 2020 });
    expect(amount(d.changes.find((c) => c.metric === 'expenditure_total')!.change)).toBe('100.00');
  });

  it('finds nothing wrong in a document that adds up', () => {
    expect(d.findings.filter((f) => f.rule !== 'unverified')).toEqual([]);
  });
});

describe('the same 决算 with its 三公 table printed as named rows under 预算数 | 决算数 (in 元)', () => {
  const rows = (outbound: string) => ['项目 预算数 决算数', '合计 260,000.00 200,000.00', outbound, '公务用车购置及运行费 180,000.00 150,000.00',
    '公务用车购置费', '公务用车运行费 180,000.00 150,000.00', '公务接待费 80,000.00 50,000.00', ''].join('\n');
  const withList = (outbound: string) => {
    const start = text.indexOf('预算数 决算数\n合计');
    return parseDocument(`${text.slice(0, start)}${rows(outbound)}\n${text.slice(text.indexOf('第三部分'))}`, 'list.txt')[0].threePublic!;
  };
  const five = (f: { total: unknown; outbound: unknown; vehicle: unknown; vehicleOperation: unknown; reception: unknown }) =>
    [f.total, f.outbound, f.vehicle, f.vehicleOperation, f.reception].map((v) => (v ? amount(v as never) : v));

  it('reads each row’s first number as its 预算数 and the second as its 决算数', () => {
    const t = withList('因公出国（境）费 0.00 0.00');
    expect([five(t), five(t.budget!)]).toEqual([['20.00', '0.00', '15.00', '15.00', '5.00'], ['26.00', '0.00', '18.00', '18.00', '8.00']]);
    // 购置费 printed blank: 0 in both, because 购置及运行费 equals 运行费 in each column.
    expect([amount(t.vehiclePurchase), amount(t.budget!.vehiclePurchase)]).toEqual(['0.00', '0.00']);
  });

  it('a label printed with no number is blank in the 预算数 (null, never 0) and 0 in the 决算数, as the one-column form reads it', () => {
    const t = withList('因公出国（境）费');
    expect([amount(t.outbound), t.budget!.outbound]).toEqual(['0.00', null]);
  });

  it('a row that printed one number of two cannot say which column it is in: both stay unknown', () => {
    const t = withList('因公出国（境）费 0.00');
    expect([t.outbound, t.budget!.outbound]).toEqual([null, null]);
  });
});

describe('a document cut off after its first table', () => {
  const cut = text.slice(0, text.indexOf(' 支出决算表'));
  const [d] = parseDocument(cut, 'truncated.txt');

  it('loads what is there and says clearly what it could not read', () => {
    expect(amount(d.totals.get('income_total')!.value)).toBe('1300.00');
    expect(d.totals.has('basic')).toBe(false);
    const notRead = d.findings.find((f) => f.rule === 'not-read')!;
    expect(notRead.message).toContain('基本支出');
    expect(notRead.message).toContain('“三公”经费');
    expect(notRead.message).toContain('支出功能分类明细');
  });
});

describe('a table whose lost blank cells the arithmetic cannot place', () => {
  // Two 项 rows of 10.00 each under a 款 of 10.00 基本 + 10.00 项目: either could be either.
  const doc = [
    '部门预算支出总表', '100 某县测试局 预算年度：2024 单位：万元', '序号', '功能分类科目', '合计 基本支出 项目支出', '栏次 1 2 3',
    '1 合计 20.00 10.00 10.00', '2 201 一般公共服务支出 20.00 10.00 10.00', '3 20101 人大事务 20.00 10.00 10.00',
    '4 2010101 行政运行 10.00 10.00', '5 2010102 一般行政管理事务 10.00 10.00',
  ].join('\n');
  const [d] = parseDocument(doc, 'ambiguous.txt');

  it('keeps the totals, leaves the split unknown and says why', () => {
    const row = d.functionItems.find((r) => r.code === '2010101')!;
    expect([amount(row.total), row.basic, row.project]).toEqual(['10.00', null, null]);
    expect(d.findings.filter((f) => f.rule === 'column-undecided').map((f) => f.line)).toEqual([10, 11]);
  });
});

describe('a budget with 栏次 after its labels, 基本支出 split into 人员/公用 and tables without a unit line (hand-made)', () => {
  const [d] = parseDocument(readFileSync(join(fixtures, 'yz_sthjj_2026_budget.txt'), 'utf8'), 'yz_sthjj_2026_budget.txt');
  const total = (k: Parameters<typeof d.totals.get>[0]) => amount(d.totals.get(k)?.value);

  it('takes department and year from the cover, not from the running header glued to a title', () => {
    expect([d.department, d.year, d.kind, d.scope]).toEqual(['云州市生态环境局', 2026, '预算', '部门']);
    expect(d.tables.map((t) => t.title)).toEqual(['部门收支总表', '部门支出总表', '一般公共预算基本支出表', '一般公共预算“三公”经费支出表']);
  });

  it('never reads a 栏次 row number as an amount ("本年支出合计 58 14,572.53", "支 出 总 计 60 14,572.53")', () => {
    expect([total('income_total'), total('expenditure_total'), total('general_budget_appropriation'), total('carryover')]).toEqual(['14572.53', '14572.53', '14000.00', '0.00']);
  });

  it('reads 基本 as 人员 + 公用 where the 支出表 prints no 基本 subtotal column', () => {
    expect([total('basic'), total('project')]).toEqual(['2560.53', '12012.00']);
    // A row that printed only two of its three parts cannot say which two: its parts stay blank.
    const row = d.functionItems.find((r) => r.code === '2110101')!;
    expect([amount(row.total), row.basic, row.project]).toEqual(['2160.53', null, null]);
  });

  it('reads tables without a unit line in the unit the others declare, and says so', () => {
    expect(d.findings.filter((f) => f.rule === 'unit-undeclared').map((f) => [f.severity, f.line, f.message])).toEqual([
      ['info', 24, '「部门支出总表」未注明金额单位，按文件其他表格的万元读取'],
      ['info', 49, '「一般公共预算“三公”经费支出表」未注明金额单位，按文件其他表格的万元读取'],
    ]);
    expect(total('three_public')).toBe('230.00');
  });

  it('confirms the headline figures by the tables and the narrative; the rest are marked unverified', () => {
    const verified = [...d.totals.values()].filter((t) => t.verified).map((t) => t.key).sort();
    // The income lines (14,000.00 + blank + 572.53) add up to 收入总计: each is confirmed by it.
    expect(verified).toEqual(['basic', 'expenditure_total', 'general_budget_appropriation', 'gov_fund_appropriation', 'income_total', 'other_income', 'personnel', 'project', 'public_funds', 'three_public', 'year_end_carryover']);
    expect([total('gov_fund_appropriation'), total('other_income'), total('year_end_carryover')]).toEqual(['0.00', '572.53', '0.00']);
    expect(d.findings.filter((f) => !['unit-undeclared', 'unverified'].includes(f.rule))).toEqual([]);
  });
});
