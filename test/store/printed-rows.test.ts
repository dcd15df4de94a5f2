// A code printed on several lines, in the database: the item row holds the sum (the figure every
// command uses), item_lines each printed line with its own figures; the export carries both.
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/store/db.js';
import { boundAmounts } from '../../src/store/bound-amounts.js';
import { exportCsv, exportDocuments } from '../../src/store/export.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { createQueries } from '../../src/store/queries.js';
import { amount, disclosureOf } from '../helpers/documents.js';
import { SEED_002_PRINTED } from '../helpers/printed-rows.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = '002_b2ab98c35d1620c6.txt';
const dbFile = join(tempDir(), 'budget.sqlite');
ingestDirectory(DEFAULT_DATA_DIR, dbFile);
const db = openDatabase(dbFile);
afterAll(() => db.close());
const docId = (db.prepare('SELECT id FROM documents WHERE source = ?').get(SEED) as { id: number }).id;

describe('seed 002 in the database', () => {
  it('stores every printed line in item_lines, in 分, with its own line', () => {
    const rows = db.prepare("SELECT code, line, name, total, part1, part2 FROM item_lines WHERE doc_id = ? AND family = 'economic' ORDER BY line").all(docId);
    const fen = (s: string) => Number(new Decimal(s).times(1_000_000).toFixed(0));
    expect(rows).toEqual(SEED_002_PRINTED.flatMap(([code, name, , printed]) => printed.map(([line, t, p1, p2]) => ({ code, line, name, total: fen(t), part1: fen(p1), part2: fen(p2) }))));
    expect(db.prepare('SELECT count(*) n FROM item_lines').get()).toEqual({ n: 8 });
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
  });

  it.each(SEED_002_PRINTED)('economic_items keeps one row for %s %s: the sum %s, citing every line', (code, _name, sum, printed) => {
    const row = db.prepare('SELECT total, line, lines FROM economic_items WHERE doc_id = ? AND code = ?').get(docId, code) as { total: number; line: number; lines: string };
    expect([amount(new Decimal(row.total).div(1_000_000)), row.line, row.lines]).toEqual([sum, printed[0][0], printed.map(([line]) => line).join(',')]);
  });

  it('the queries give a summed row its printed lines, and other rows none', () => {
    const items = createQueries(db).items('economic', docId);
    for (const [code, , sum, printed] of SEED_002_PRINTED) {
      const r = items.find((x) => x.code === code)!;
      expect([amount(r.total), r.printed!.map((p) => [p.line, amount(p.total), amount(p.parts[0]), amount(p.parts[1])])]).toEqual([sum, printed]);
    }
    expect(items.filter((r) => r.printed).length).toBe(SEED_002_PRINTED.length);
  });

  it('exports printed_rows on the summed item only, the item\'s own fields unchanged', () => {
    const doc = exportDocuments(db).documents.find((d) => d.source === SEED)!;
    const row = doc.economic_items.find((r) => r.code === '30113')!;
    expect(row).toEqual({
      code: '30113', name: '住房公积金', total: '18.00', personnel: '18.00', public_funds: '0.00', table: '一般公共预算基本支出表', line: 335,
      printed_rows: [
        { line: 335, name: '住房公积金', total: '7.30', personnel: '7.30', public_funds: '0.00' },
        { line: 336, name: '住房公积金', total: '10.70', personnel: '10.70', public_funds: '0.00' },
      ],
    });
    expect(doc.economic_items.filter((r) => 'printed_rows' in r).map((r) => r.code)).toEqual(['30113', '30229', '30228', '30299']);
    expect(doc.function_items.some((r) => 'printed_rows' in r)).toBe(false);
  });

  it('exports each printed line to the CSV as its own fact, apart from the summed row', () => {
    const lines = exportCsv(db).split('\n').filter((l) => l.startsWith(SEED));
    const printedTotals = lines.filter((l) => l.includes(',economic_printed_row,') && l.includes(',total,')).map((l) => l.split(',').slice(7).join(','));
    expect(printedTotals).toEqual(SEED_002_PRINTED.flatMap(([code, name, , printed]) => printed.map(([line, t]) => `${code},${name},total,${t},一般公共预算基本支出表,${line}`)));
    expect(lines.filter((l) => l.includes(',economic,30113,') && l.includes(',total,'))).toEqual([`${SEED},新乡市凤泉区医疗保障局,凤泉区,2023,预算,部门,economic,30113,住房公积金,total,18.00,一般公共预算基本支出表,335`]);
  });
});

it('an out-of-range amount on one printed line is left out with a finding citing that line', () => {
  const d = disclosureOf(SEED);
  const huge = new Decimal('12345678901234567890');
  const bad = { ...d, economicItems: d.economicItems.map((r) => (r.code === '30113' ? { ...r, printedRows: [r.printedRows![0], { ...r.printedRows![1], total: huge }] } : r)) };
  const bounded = boundAmounts(bad);
  const row = bounded.economicItems.find((r) => r.code === '30113')!;
  expect(row.printedRows!.map((p) => amount(p.total))).toEqual(['7.30', null]);
  expect(bounded.findings.filter((f) => f.rule === 'amount-out-of-range').map((f) => [f.line, f.message])).toEqual([[336, expect.stringMatching(/^30113 住房公积金（第 336 行）的金额 12345678901234567890 万元超出可信范围/)]]);
});
