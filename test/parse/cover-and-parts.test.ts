// Where a disclosure starts and whose it is, in the ways other provinces print them (rules found on
// ../shared/corpus2, tested here on our made-up 温州 fixture, changed line by line):
// - a 收支总表 continued on the next page with its title printed again is one table, not a second
//   disclosure, and a part holding fewer than three template tables is no disclosure of its own;
// - a cover naming the body as "…（汇总）" or "…(本级)" over a bare "单位预算"/"部门预算" line names it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { organisationIn } from '../../src/parse/segment/metadata.js';
import { amount } from '../helpers/documents.js';

const file = 'zj_lucheng_scjgj_2025.txt';
const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layouts', file), 'utf8');
const NAME = '温州市鹿城区市场监督管理局';
const headline = (d: ReturnType<typeof parseDocument>[number]) => ['expenditure_total', 'basic', 'project', 'personnel', 'public_funds'].map((k) => amount(d.totals.get(k as never)?.value));

describe('disclosure parts and covers', () => {
  const [plain] = parseDocument(text, file);

  it('a 收支总表 whose title is printed again on its next page is one table of one disclosure', () => {
    const continued = text.replace(/^(本年收入合计 .*)$/m, `$1\n— 2 —\n收支预算总表\n单位名称：${NAME} 单位：万元\n收入 支出\n项目 预算数 项目 预算数`);
    const all = parseDocument(continued, file);
    expect(all.map((d) => [d.department, d.scope])).toEqual([[NAME, '部门']]);
    expect(headline(all[0])).toEqual(headline(plain));
  });

  it('a second 收支总表 with no other table after it is no disclosure of its own', () => {
    const appendix = `${text}\n附表\n收支预算总表\n单位：万元\n项目 预算数 项目 预算数\n本年收入合计 12.00 本年支出合计 12.00\n`;
    const all = parseDocument(appendix, file);
    expect(all).toHaveLength(1);
    expect(headline(all[0])).toEqual(headline(plain));
  });

  it('a cover "…（汇总）" over "2025年部门预算公开说明" names the department without 汇总', () => {
    const cover = text.replace(/^.*\n2025年部门预算\n/, `${NAME}（汇总）\n2025年部门预算公开说明\n`).replaceAll(`单位名称：${NAME} `, '');
    const [d] = parseDocument(cover, file);
    expect([d.department, d.year, d.scope]).toEqual([NAME, 2025, '部门']);
  });

  it('a cover of year, "…(本级)" and "单位预算" on three lines names a 单位 budget', () => {
    const cover = text.replace(/^.*\n2025年部门预算\n/, `  2025 年度\n${NAME}(本级)\n  单位预算\n`).replaceAll(`单位名称：${NAME} `, '').replaceAll(`${NAME}2025年部门预算`, '');
    const [d] = parseDocument(cover, file);
    expect([d.department, d.unitName, d.year, d.scope]).toEqual([NAME, `${NAME}（本级）`, 2025, '单位']);
  });

  it('a name whose year was printed on the line above keeps no 年 ("2026" / "年烟台市…局")', () => {
    expect(['年温州市鹿城区市场监督管理局', '年度温州市鹿城区市场监督管理局', '年温州市鹿城区市场监督管理局2025年部门预算'].map(organisationIn)).toEqual([NAME, NAME, NAME]);
  });
});
