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

  it('reads 人员/公用 and the stated change against 2020', () => {
    expect([amount(d.totals.get('personnel')!.value), amount(d.totals.get('public_funds')!.value)]).toEqual(['710.00', '110.00']);
    expect(d.changes.find((c) => c.metric === 'expenditure_total')).toMatchObject({ priorYear: 2020 });
    expect(amount(d.changes.find((c) => c.metric === 'expenditure_total')!.change)).toBe('100.00');
  });

  it('finds nothing wrong in a document that adds up', () => {
    expect(d.findings.filter((f) => f.rule !== 'unverified')).toEqual([]);
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
