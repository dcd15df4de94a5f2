// Amounts the text layer wrapped inside a narrow cell, and folios a document must not take for
// amounts, on two made-up documents (names and figures invented; every table adds up): a county
// 决算 whose 收入支出决算表 prints 行次, and a central department's 预算 printing percentages without "%".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/parse/front/lines.js';
import { parseDocument } from '../../src/parse/index.js';
import { FUNCTION_ROLES, parseSubjectRows } from '../../src/parse/read/subject-rows.js';
import { amount } from '../helpers/documents.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'layouts');
const load = (name: string) => parseDocument(readFileSync(join(fixtures, name), 'utf8'), name)[0];
const total = (d: ReturnType<typeof load>, key: string) => d.totals.get(key as never);

describe('a county 决算 with 行次 numbers and amounts wrapped in their cells', () => {
  const d = load('hen_yufeng_zrzyj_2021_final.txt');

  it('reads "总计 40 5,086.2" / "5" as 支出总计 5,086.25, not a 行次 5 and 5,086.20', () => {
    expect([amount(total(d, 'expenditure_total')!.value), total(d, 'expenditure_total')!.line]).toEqual(['5086.25', 56]);
    expect(total(d, 'expenditure_total')!.verified).not.toBe(false);
    expect(d.findings.filter((f) => f.rule === 'income-expenditure')).toEqual([]);
  });

  it('reads "3,60" / "8.00" (wrapped at the thousands separator) as 3,608.00 in the 支出决算表', () => {
    expect([total(d, 'basic'), total(d, 'project')].map((t) => [amount(t!.value), t!.line])).toEqual([['1206.33', 103], ['3608.00', 103]]);
  });

  it('reads "2,765." / "60" beside a 行次 as 城乡社区支出 2,765.60', () => {
    // Read without its "60", the row was blank and disagreed with the 支出决算表's 212 城乡社区支出.
    expect(d.findings.filter((f) => f.rule === 'class-vs-summary' && f.message.includes('「支出决算表」'))).toEqual([]);
  });
});

describe('a central 部门预算 whose 增减 column prints percentages without "%"', () => {
  const d = load('zy_dlxx_2024.txt');

  it('does not read the folio after a table\'s last row as that row\'s 项目支出', () => {
    const row = d.functionItems.find((r) => r.code === '2210203')!;
    expect([row.total, row.basic, row.project].map(amount)).toEqual(['60.00', '60.00', '0.00']);
    expect(d.findings.filter((f) => f.rule === 'function-row' || f.rule === 'function-children')).toEqual([]);
  });
});

describe('a folio after a table\'s last row, in a document not taken as printing two decimals', () => {
  const read = (...t: string[]) => parseSubjectRows(splitLines(t.join('\n')), FUNCTION_ROLES, { layout: 'flowing', unit: '万元', twoDecimals: false, rowNumbers: false })
    .map((r) => [r.code, r.values.map(amount)]);

  it.each([
    [['221 住房保障支出 120.50 120.50', '2210203 购房补贴 60.00 60.00', '5', '国家地理信息标准局2024年部门预算', '表四']],
    [['221 住房保障支出 120.50 120.50', '2210203 购房补贴 60.00 60.00', '5']],
  ])('is not the row\'s last amount (%j)', (input) => {
    expect(read(...input)).toEqual([['221', ['120.50', '120.50']], ['2210203', ['60.00', '60.00']]]);
  });

  it('while a whole amount printed on the row\'s own line still is one', () => {
    expect(read('221 住房保障支出 120.50 120.50', '2210203 购房补贴 60.00 55 5', '国家地理信息标准局')).toEqual([['221', ['120.50', '120.50']], ['2210203', ['60.00', '55.00', '5.00']]]);
  });
});
