// Decimals the text extractor cut off their amount (seen on real documents of other provinces: "123 .45"
// and "12345678 .90" inside a line, "1,234" / ".56" on two lines). Tested on our made-up 温州 fixture
// with its amounts cut that way: the amounts are whole again, the rows add up (no finding), and the
// fractions never become a row's name (合计 .16.36).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { amount } from '../helpers/documents.js';

const file = 'zj_lucheng_scjgj_2025.txt';
const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layouts', file), 'utf8');
const read = (t: string) => {
  const [d] = parseDocument(t, file);
  const row = (code: string) => d.economicItems.find((r) => r.code === code) ?? d.functionItems.find((r) => r.code === code);
  return { d, row, arithmetic: d.findings.filter((f) => f.rule !== 'unverified').map((f) => f.message) };
};

describe('amounts whose decimals the extractor cut off', () => {
  it.each([
    ['"1473 .16" inside a line', '合计 1,473.16 1,320.36 152.80', '合计 1473 .16 1320 .36 152.80'],
    ['"1,713" / ".16" on the line below', '合计 1,713.16 1,320.36 152.80 240.00', '合计 1,713 1,320.36 152.80 240.00\n.16'],
    ['a coded row\'s three amounts, their fractions on the line below', '2013801 行政运行 950.50 820.00 130.50', '2013801 行政运行 950 820 130\n.50 .00 .50'],
  ])('%s', (_, from, to) => {
    expect(text).toContain(from);
    const { d, row, arithmetic } = read(text.replace(from, to));
    expect(arithmetic).toEqual([]);
    expect(['expenditure_total', 'basic', 'personnel', 'public_funds'].map((k) => amount(d.totals.get(k as never)?.value))).toEqual(['1713.16', '1473.16', '1320.36', '152.80']);
    expect(amount(row('2013801')?.total)).toBe('950.50');
  });

  it('leaves fractions alone when the line above has not as many whole amounts (no guess)', () => {
    const { d } = read(text.replace('2013801 行政运行 950.50 820.00 130.50', '2013801 行政运行 950 820.00 130\n.50'));
    // 950 and 130 both lack decimals, one fraction: not joined, the row is not taken as printed.
    expect(amount(d.functionItems.find((r) => r.code === '2013801')?.total)).not.toBe('950.50');
  });
});
