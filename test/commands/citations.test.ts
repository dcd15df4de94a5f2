// A figure the document prints on several lines (one economic code once per 政府经济分类 code) is their
// sum; every answer showing it gives the sum and each printed line with its own figure — in the
// citation, a note, 详细出处 and the CSV — so whoever checks it finds each printed part.
import { describe, expect, it } from 'vitest';
import { sourcesAnswer } from '../../src/core/actions.js';
import { tableCsv } from '../../src/render/attachments.js';
import { ask, bundledApp, field, rowsOf } from '../helpers/app.js';
import { disclosureOf } from '../helpers/documents.js';
import { SEED_002_PRINTED } from '../helpers/printed-rows.js';

const app = bundledApp();
const SEED = '002_b2ab98c35d1620c6.txt';
const TABLE = '一般公共预算基本支出表';
/** "30113 住房公积金 18.00 万元（第 335 行 7.30 + 第 336 行 10.70）" for each of seed 002's summed codes. */
const shown = SEED_002_PRINTED.map(([code, name, sum, printed]) => [code, `${code} ${name} ${sum} 万元（${printed.map(([line, t]) => `第 ${line} 行 ${t}`).join(' + ')}）`] as const);

it('seed 002 prints 30113 住房公积金 on lines 335 and 336: one row of 18.00 citing both', () => {
  const row = disclosureOf(SEED).economicItems.find((r) => r.code === '30113')!;
  expect([row.total?.toFixed(2), row.lines]).toEqual(['18.00', [335, 336]]);
  const r = ask(app, '/subject 30113 凤泉区');
  expect(r.text).toContain('18.00');
  expect(r.text).toContain(`${SEED} · ${TABLE} · 第 335 行 7.30 + 第 336 行 10.70（新乡市凤泉区医疗保障局 2023年部门）`);
});

describe('/subject of a code printed twice', () => {
  it.each(shown)('%s: the table ranks the sum, the note and the citation give each printed line', (code, text) => {
    const r = ask(app, `/subject ${code} 凤泉区`);
    const [, , sum, printed] = SEED_002_PRINTED.find(([c]) => c === code)!;
    expect(rowsOf(r.answer)[0]).toMatchObject({ 部门: '新乡市凤泉区医疗保障局', 合计: sum });
    expect(r.answer.notes).toContain(`新乡市凤泉区医疗保障局 2023年部门预算：表中分行列示的科目，金额为各行之和：${text}。`);
    expect(r.answer.citations[0]).toMatchObject({ source: SEED, table: TABLE, line: printed[0][0], lines: printed.map(([l]) => l), printed: printed.map(([line, amount]) => ({ line, amount })) });
  });

  it('the CSV lists each printed line with its own figures, after the ranking', () => {
    const r = ask(app, '/subject 30113 --csv');
    const tables = r.answer.csvTables!;
    expect(tables.map((t) => t.title)).toEqual([expect.stringMatching(/^30113 住房公积金/), '分行列示的科目（每行所印，人员经费、公用经费）']);
    expect(rowsOf(r.answer, 0).find((x) => x.部门 === '新乡市凤泉区医疗保障局')).toMatchObject({ 合计: '18.00', 人员经费: '18.00' });
    expect(rowsOf(r.answer, 1)).toEqual([
      { 部门: '新乡市凤泉区医疗保障局', 年度: '2023', 科目编码: '30113', 科目名称: '住房公积金', 行: '335', 合计: '7.30', 人员经费: '7.30', 公用经费: '0.00' },
      { 部门: '新乡市凤泉区医疗保障局', 年度: '2023', 科目编码: '30113', 科目名称: '住房公积金', 行: '336', 合计: '10.70', 人员经费: '10.70', 公用经费: '0.00' },
    ]);
    expect(tableCsv(tables)).toContain('分行列示的科目（每行所印，人员经费、公用经费）,新乡市凤泉区医疗保障局,2023,30113,住房公积金,336,10.70,10.70,0.00');
  });

  it('a code printed once carries no note and no extra CSV table', () => {
    const r = ask(app, '/subject 30101');
    expect(r.answer.notes.join('')).not.toContain('分行列示');
    expect(r.answer.csvTables).toBeUndefined();
    expect(r.text).not.toContain(' + 第 ');
  });
});

describe('/budget 新乡市凤泉区 基本支出', () => {
  const r = ask(app, '/budget 新乡市凤泉区 基本支出');

  it('shows each summed code at its sum, with one note giving every printed line', () => {
    const all = rowsOf(r.answer);
    for (const [code, , sum] of SEED_002_PRINTED) expect(all.find((x) => x.科目编码 === code)).toMatchObject({ 合计: sum });
    expect(r.answer.notes).toContain(`表中分行列示的科目，金额为各行之和：${shown.map(([, t]) => t).join('；')}。`);
  });

  it('cites each summed row by its printed lines, in the answer and in 详细出处', () => {
    expect(r.text).toContain(`${TABLE} · 第 337 行 0.80 + 第 338 行 1.20（新乡市凤泉区医疗保障局 2023年部门）`);
    const sources = sourcesAnswer(ask(app, '/budget 新乡市凤泉区 基本支出 --all').answer);
    const where = sources.tables[0].rows.map((row) => row.at(-1));
    for (const [, , , printed] of SEED_002_PRINTED) expect(where).toContain(printed.map(([line, t]) => `第 ${line} 行 ${t}`).join(' + '));
    expect(where).toContain('第 329 行');
  });

  it('the CSV keeps the table as it is and adds each printed line', () => {
    const csv = ask(app, '/budget 新乡市凤泉区 基本支出 --csv').answer;
    expect(rowsOf(csv, 0).length).toBe(17);
    expect(rowsOf(csv, 0).find((x) => x.科目编码 === '30299')).toMatchObject({ 合计: '2.40' });
    expect(rowsOf(csv, 1).map((x) => [x.科目编码, x.行, x.合计, x.人员经费, x.公用经费])).toEqual(SEED_002_PRINTED.flatMap(([code, , , printed]) => printed.map(([line, t, p1, p2]) => [code, `${line}`, t, p1, p2])));
  });
});

it('/budget for the line item by name gives the sum and its printed lines', () => {
  const r = ask(app, '/budget 新乡市凤泉区 住房公积金');
  expect(field(r.answer, '30113 住房公积金')).toBe('18.00 万元（第 335 行 7.30 + 第 336 行 10.70）');
  expect(field(r.answer, '2210201 住房公积金')).toBe('18.50 万元');
});
