// A 支出表 that prints more amounts a row than 合计/基本/项目: a central department's layout leads
// with last year's 执行数 and ends with 增减额 and 增减%. The rows below are made up in that layout.
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/parse/front/lines.js';
import { FUNCTION_ROLES, parseSubjectRows } from '../../src/parse/read/subject-rows.js';
import { keepRoleColumns } from '../../src/parse/reconcile/extra-columns.js';
import { placeColumns } from '../../src/parse/reconcile/infer-columns.js';

const TABLE = `合计 1,400.00 1,500.00 600.00 900.00 100.00 7.1%
201 一般公共服务支出 700.00 750.00 300.00 450.00 50.00 7.1%
20101 人大事务 700.00 750.00 300.00 450.00 50.00 7.1%
2010101 行政运行 300.00 300.00 300.00 0.00 0.0%
2010102 一般行政管理事务 400.00 450.00 450.00 50.00 12.5%
205 教育支出 700.00 750.00 300.00 450.00 50.00 7.1%
20508 进修及培训 700.00 750.00 300.00 450.00 50.00 7.1%
2050803 培训支出 700.00 750.00 300.00 450.00 50.00 7.1%`;

const read = (text: string) => {
  const rows = parseSubjectRows(splitLines(text), FUNCTION_ROLES, { layout: 'flowing', unit: '万元', twoDecimals: true, rowNumbers: false });
  const { placed, undecided } = placeColumns(keepRoleColumns(rows));
  return { names: rows.map((r) => r.name), placed: placed.map((r) => [r.code, r.total?.toFixed(2), ...r.parts.map((p) => p?.toFixed(2) ?? null)]), undecided };
};

describe('a 支出表 with a prior year\'s 执行数 and 增减 columns', () => {
  const { names, placed, undecided } = read(TABLE);

  it('reads this year\'s 合计/基本/项目, never last year\'s 执行数 as the total', () => {
    expect(placed).toEqual([
      [null, '1500.00', '600.00', '900.00'],
      ['201', '750.00', '300.00', '450.00'],
      ['20101', '750.00', '300.00', '450.00'],
      ['2010101', '300.00', '300.00', '0.00'],
      ['2010102', '450.00', '0.00', '450.00'],
      ['205', '750.00', '300.00', '450.00'],
      ['20508', '750.00', '300.00', '450.00'],
      ['2050803', '750.00', '300.00', '450.00'],
    ]);
    expect(undecided).toEqual([]);
  });

  it('keeps percentages out of the names', () => {
    expect(names.slice(1, 5)).toEqual(['一般公共服务支出', '人大事务', '行政运行', '一般行政管理事务']);
  });

  it('leaves three-amount tables as they were', () => {
    const plain = read('合计 100.00 60.00 40.00\n201 一般公共服务支出 100.00 60.00 40.00\n20101 人大事务 100.00 60.00 40.00');
    expect(plain.placed[1]).toEqual(['201', '100.00', '60.00', '40.00']);
  });

  it('keeps no figure for a row whose columns no placement explains', () => {
    const odd = read(`${TABLE}\n2050899 其他进修及培训 10.00 20.00 30.00`);
    expect(odd.placed[8]).toEqual(['2050899', undefined, null, null]);
  });
});
