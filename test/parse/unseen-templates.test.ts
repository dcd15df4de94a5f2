// Made-up documents laid out as a central department's and a 北京 市级 department's 部门预算 print
// their tables (names and figures invented; every table adds up). Each test is a reading the parser
// once got wrong or could not do on these layouts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { amount } from '../helpers/documents.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'unseen');
const load = (name: string) => parseDocument(readFileSync(join(fixtures, name), 'utf8'), name)[0];
const totals = (d: ReturnType<typeof load>, keys: string[]) => keys.map((k) => (d.totals.get(k as never) ? amount(d.totals.get(k as never)!.value) : null));
const KEYS = ['expenditure_total', 'basic', 'project', 'personnel', 'public_funds', 'three_public'];

describe('a central department\'s 部门预算 (表一…表九, 执行数 and 增减 columns)', () => {
  const d = load('central_shifanju_2024_budget.txt');

  it('reads its department, year and headline figures', () => {
    expect([d.department, d.year, d.kind]).toEqual(['国家示范局', 2024, '预算']);
    expect(totals(d, KEYS)).toEqual(['14000.00', '8000.00', '5500.00', '6100.00', '1500.00', '55.00']);
  });

  it('does not report the 一般公共预算 table smaller than the all-funds 支出总表 where the department has 事业收入', () => {
    expect(d.findings.filter((f) => f.rule === 'same-figure')).toEqual([]);
  });
});

describe('a 北京 市级 部门预算 (narrative first, 三公 with 上年 beside 本年, 接待 before 车辆)', () => {
  const d = load('bj_shifanju_2024_budget.txt');

  it('reads the 三公 table: this year\'s columns, in the header\'s order', () => {
    const t = d.threePublic!;
    expect([t.total, t.outbound, t.reception, t.vehicle, t.vehiclePurchase, t.vehicleOperation].map((v) => amount(v))).toEqual(['23.40', '0.00', '1.40', '22.00', '0.00', '22.00']);
    expect(d.findings.filter((f) => f.rule === 'three-public-columns')).toEqual([]);
    expect(d.totals.get('three_public')!.verified).toBe(true);
  });

  it('reads its headline figures', () => {
    expect([d.department, d.year]).toEqual(['北京市示范局', 2024]);
    expect(totals(d, KEYS)).toEqual(['3210.50', '2110.50', '1100.00', '1900.50', '210.00', '23.40']);
  });
});
