// A running page header ("川平县农业农村局2023年度部门决算") or a "- 11 -" folio inside a table that
// continues over a page is page furniture: never the end of a row's name, never an amount.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Line } from '../../src/parse/front/lines.js';
import { parseDocument } from '../../src/parse/index.js';
import { runningHeaders, tableBody } from '../../src/parse/segment/table-body.js';
import type { TableBlock } from '../../src/parse/segment/tables.js';
import { amount } from '../helpers/documents.js';
import { CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';

// The first five tables of a made-up 决算 (ours; /work/extra/C): cover, 01–05 with their running header.
const file = 'sc_chuanping_nyncj_2023_final_tables.txt';
const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'unseen', file), 'utf8');

describe('a 决算 whose 支出决算表 continues over a page under the running header (made-up, ours)', () => {
  const [d] = parseDocument(text, file);
  const row = (code: string) => d.functionItems.find((r) => r.code === code)!;

  it('keeps the last row before the page break whole, with its own name', () => {
    expect([row('2101102').name, amount(row('2101102').total), amount(row('2101102').basic)]).toEqual(['事业单位医疗', '18.47', '18.47']);
  });

  it('reads the first row after the page break', () => {
    expect([row('213').name, ...[row('213').total, row('213').basic, row('213').project].map(amount)]).toEqual(['农林水支出', '1615.65', '733.18', '882.47']);
  });

  it('puts the running header in no row name', () => {
    expect([...d.functionItems, ...d.economicItems].filter((r) => /川平县|决算/.test(r.name)).map((r) => r.name)).toEqual([]);
  });
});

describe('tableBody', () => {
  const lines = (...texts: (string | [string, true])[]): Line[] =>
    texts.map((t, i) => (typeof t === 'string' ? { no: i + 1, text: t, pageStart: false } : { no: i + 1, text: t[0], pageStart: true }));
  const table = (all: Line[]): TableBlock => ({ kind: 'expenditure', title: '支出总表', start: 0, end: all.length, unit: '万元', unitDeclared: true, empty: false });
  const doc = lines(
    '支出总表', '单位：万元', '科目编码 科目名称 合计', '2080501 行政单位离退休 18.60',
    '- 11 -', '云州市民政局 2026 年度部门预算公开', '2080505 机关事业单位基本养老保险缴费', '支出 73.57',
    ['云州市民政局 2026 年度部门预算公开', true], '合计 92.17',
    ['合计', true], '- 12 -', ['合计', true],
  );

  it('finds the running header printed at the top of two pages, with or without a form feed', () => {
    expect([...runningHeaders(doc)]).toEqual(['云州市民政局2026年度部门预算公开']);
  });

  it('drops the running header and the folios, and keeps every row, even one printed at the top of pages', () => {
    expect(tableBody(doc, table(doc)).map((l) => l.text)).toEqual([
      '单位：万元', '科目编码 科目名称 合计', '2080501 行政单位离退休 18.60', '2080505 机关事业单位基本养老保险缴费', '支出 73.57', '合计 92.17', '合计', '合计',
    ]);
  });

  it('keeps a header printed once: it is the cover, not a running header', () => {
    const once = lines('支出总表', '云州市民政局 2026 年度部门预算公开', '2080501 行政单位离退休 18.60');
    expect(tableBody(once, table(once)).map((l) => l.text)).toEqual(['云州市民政局 2026 年度部门预算公开', '2080501 行政单位离退休 18.60']);
  });
});

describeCorpus('the Suzhou and Wuxi layout: "- 11 -" and the running header between a 收支总表 row and the next', () => {
  it.each(['sz_jtysj_2026.txt', 'wx_xfj_2025.txt'])('%s: no folio read as an amount of （十八）援助其他地区支出, no header in a name', (f) => {
    const [d] = parseDocument(readFileSync(join(CORPUS_TEXT_DIR!, f), 'utf8'), f);
    expect(d.findings.filter((x) => x.message.includes('援助其他地区支出')).map((x) => x.message)).toEqual([]);
    expect([...d.functionItems, ...d.economicItems].filter((r) => /--|预算公开/.test(r.name)).map((r) => r.name)).toEqual([]);
  });

  it('keeps the names of the rows before a page break: 其他交通费用, 提租补贴', () => {
    const name = (f: string, code: string) => {
      const [d] = parseDocument(readFileSync(join(CORPUS_TEXT_DIR!, f), 'utf8'), f);
      return [...d.economicItems, ...d.functionItems].find((r) => r.code === code)?.name;
    };
    expect([name('sz_jtysj_2026.txt', '30239'), name('wx_xfj_2025.txt', '2210202')]).toEqual(['其他交通费用', '提租补贴']);
  });
});
