// A budget's 三公 table printing last year's 预算数 beside this year's (central departments, 北京):
// twelve numbers under two year headings. The layout is made up after those templates.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { threePublicFromRow } from '../../src/parse/read/three-public.js';

const row = (s: string) => s.split(' ').map((x) => new Decimal(x));
const read = (header: string, numbers: string) => {
  const { value, findings } = threePublicFromRow(row(numbers), header, '三公', 9, {});
  return { figures: [value.total, value.outbound, value.vehicle, value.vehiclePurchase, value.vehicleOperation, value.reception].map((v) => v?.toFixed(2) ?? null), findings, budget: value.budget };
};
const HEADER = (a: string, b: string) => `${a} ${b} 合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费 小计 购置费 运行费 小计 购置费 运行费`;

describe('a 三公 table with two years of 预算数', () => {
  it('reads the later year, the document\'s own, when it is printed second', () => {
    const r = read(HEADER('2023年预算数', '2024年预算数'), '9.00 1.00 6.00 2.00 4.00 2.00 8.00 1.00 5.00 1.00 4.00 2.00');
    expect(r.figures).toEqual(['8.00', '1.00', '5.00', '1.00', '4.00', '2.00']);
    expect(r.findings).toEqual([]);
    expect(r.budget).toBeUndefined();
  });

  it('reads 本年 when 上年 comes first, and when the current year is printed first', () => {
    expect(read(HEADER('上年预算数', '本年预算数'), '9.00 1.00 6.00 2.00 4.00 2.00 8.00 1.00 5.00 1.00 4.00 2.00').figures[0]).toBe('8.00');
    expect(read(HEADER('2024年预算数', '2023年预算数'), '8.00 1.00 5.00 1.00 4.00 2.00 9.00 1.00 6.00 2.00 4.00 2.00').figures).toEqual(['8.00', '1.00', '5.00', '1.00', '4.00', '2.00']);
  });

  it('still refuses twelve numbers under a header of one year', () => {
    const r = read('合计 因公出国（境）费 公务用车购置及运行费 公务接待费 小计 购置费 运行费', '9.00 1.00 6.00 2.00 4.00 2.00 8.00 1.00 5.00 1.00 4.00 2.00');
    expect(r.figures[0]).toBeNull();
    expect(r.findings.map((f) => f.rule)).toEqual(['three-public-columns']);
  });
});
