// Coded rows placed by the PDF x-positions of their numbers under the header's columns. The tables
// here are made up, laid out the way pdf.js hands a 基本支出表 over: right-aligned amounts, a group
// heading spanning two columns, the 项目/公用 column blank in every row.
import { describe, expect, it } from 'vitest';
import type { Line, PositionedCell } from '../../src/parse/front/lines.js';
import { positionRows } from '../../src/parse/read/position-rows.js';
import { ECONOMIC_ROLES, FUNCTION_ROLES, parseSubjectRows } from '../../src/parse/read/subject-rows.js';

type Cell = [text: string, x0: number, x1: number];
const line = (no: number, cells: Cell[]): Line => ({
  no, pageStart: false, text: cells.map((c) => c[0]).join(' '),
  cells: cells.map(([text, x0, x1]): PositionedCell => ({ text, x0, x1 })),
});
/** A right-aligned amount ending at x1, about 5 points a digit wide. */
const amt = (text: string, x1: number): Cell => [text, x1 - text.length * 5, x1];
const read = (lines: Line[], roles = ECONOMIC_ROLES) => {
  const body = lines.filter((l) => /^\d|^合计/.test(l.text));
  const rows = parseSubjectRows(body, roles, { layout: 'flowing', unit: '万元', twoDecimals: true, rowNumbers: false });
  return positionRows(rows, lines, roles, '万元');
};
const show = (rows: ReturnType<typeof read>) => rows?.map((r) => [r.code, ...r.values.map((v) => v?.toFixed(2) ?? null)]);

describe('positionRows', () => {
  const header = [
    line(1, [['部门：某某局', 31, 120], ['单位：万元', 511, 566]]),
    line(2, [['部门预算支出经济分类科目', 79, 211], ['本年基本支出', 360, 470]]),
    line(3, [['科目编码', 34, 78], ['科目名称', 151, 195], ['合计', 302, 324], ['人员经费', 393, 437], ['公用经费', 496, 540]]),
  ];

  it('puts each number under the column its right edge lines up with', () => {
    const rows = read([
      ...header,
      line(4, [['合计', 134, 156], amt('1,100.00', 361), amt('1,000.00', 463), amt('100.00', 566)]),
      line(5, [['301', 31, 47], ['工资福利支出', 87, 153], amt('1,000.00', 361), amt('1,000.00', 463)]),
      line(6, [['30101', 31, 58], ['基本工资', 87, 131], amt('600.00', 361), amt('600.00', 463)]),
      line(7, [['30102', 31, 58], ['津贴补贴', 87, 131], amt('400.00', 361), amt('400.00', 463)]),
      line(8, [['302', 31, 47], ['商品和服务支出', 87, 164], amt('100.00', 361), amt('100.00', 566)]),
      line(9, [['30201', 31, 58], ['办公费', 87, 120], amt('100.00', 361), amt('100.00', 566)]),
    ]);
    expect(show(rows)).toEqual([
      [null, '1100.00', '1000.00', '100.00'],
      ['301', '1000.00', '1000.00', '0.00'],
      ['30101', '600.00', '600.00', '0.00'],
      ['30102', '400.00', '400.00', '0.00'],
      ['302', '100.00', '0.00', '100.00'],
      ['30201', '100.00', '0.00', '100.00'],
    ]);
  });

  it('adds up 人员经费 and 公用经费 into 基本支出 where a 支出表 prints the halves under a group heading', () => {
    const rows = read([
      line(1, [['科目编码', 34, 78], ['科目名称', 151, 195], ['合计', 290, 312], ['基本支出', 360, 520], ['项目支出', 560, 604]]),
      line(2, [['人员经费', 370, 414], ['公用经费', 470, 514]]),
      line(3, [['合计', 134, 156], amt('90.00', 330), amt('60.00', 430), amt('10.00', 530), amt('20.00', 620)]),
      line(4, [['2240101', 31, 70], ['行政运行', 87, 131], amt('70.00', 330), amt('60.00', 430), amt('10.00', 530)]),
      line(5, [['2240102', 31, 70], ['一般行政管理事务', 87, 175], amt('20.00', 330), amt('20.00', 620)]),
    ], FUNCTION_ROLES);
    expect(show(rows)).toEqual([
      [null, '90.00', '70.00', '20.00'],
      ['2240101', '70.00', '70.00', '0.00'],
      ['2240102', '20.00', '0.00', '20.00'],
    ]);
  });

  it('gives up, leaving the table to its arithmetic, where a group of numbers sits between two headings', () => {
    const rows = read([
      ...header,
      line(4, [['301', 31, 47], ['工资福利支出', 87, 153], amt('1,000.00', 361), amt('1,000.00', 490)]),
      line(5, [['30101', 31, 58], ['基本工资', 87, 131], amt('600.00', 361), amt('600.00', 490)]),
    ]);
    expect(rows).toBeNull();
  });

  it('gives up on text without positions', () => {
    const plain = header.map((l) => ({ ...l, cells: undefined }));
    expect(read([...plain, { no: 4, text: '301 工资福利支出 1,000.00 1,000.00', pageStart: false }])).toBeNull();
  });
});
