// A code a table prints on several lines: its figure is their sum, and each printed line is kept
// with its own figures and line (seed 002's 基本支出表, read by hand).
import { expect, it } from 'vitest';
import { amount, disclosureOf } from '../helpers/documents.js';
import { SEED_002_PRINTED } from '../helpers/printed-rows.js';

const d = disclosureOf('002_b2ab98c35d1620c6.txt');

it.each(SEED_002_PRINTED)('002 economic %s %s: the sum %s, and each printed line as printed', (code, name, sum, printed) => {
  const row = d.economicItems.find((r) => r.code === code)!;
  expect([row.name, amount(row.total), row.lines]).toEqual([name, sum, printed.map(([line]) => line)]);
  expect(row.printedRows!.map((p) => [p.line, amount(p.total), amount(p.parts[0]), amount(p.parts[1])])).toEqual(printed);
  expect(row.printedRows!.every((p) => p.name === name)).toBe(true);
});

it('only codes printed more than once carry printed rows', () => {
  const repeated = d.economicItems.filter((r) => r.printedRows).map((r) => r.code);
  expect(repeated).toEqual(SEED_002_PRINTED.map(([code]) => code));
  expect(d.functionItems.some((r) => r.printedRows)).toBe(false);
  expect(d.economicItems.find((r) => r.code === '30101')).not.toHaveProperty('printedRows');
});
