// 一般公共预算支出 — the 合计 of the 一般公共预算（财政拨款）支出表 — read as a figure of its own: asked by
// name it is answered with that line, cited, and a ranking by it ranks it. (It was said not read, and
// "哪个部门一般公共预算支出最多" was ranked by 支出总计: another question's answer.) Figures read by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { renderText } from '../../src/render/text.js';
import { bundledApp } from '../helpers/app.js';
import { CORPUS2_TEXT_DIR, describeCorpus2 } from '../support/corpus.js';

const figureOf = (dir: string, file: string, scope?: string) => {
  const all = parseDocument(readFileSync(join(dir, file), 'utf8'), file);
  const d = all.find((x) => !scope || x.scope === scope) ?? all[0];
  const t = d.totals.get('general_budget_expenditure');
  return t && { value: t.value.toFixed(2), line: t.line, table: t.table, verified: t.verified };
};

describe('一般公共预算支出 in the seeds', () => {
  it.each([
    // The income side prints the same figure as 一般公共预算拨款: confirmed from outside the table.
    ['000_2c141d3c228c2a71.txt', undefined, '534.80', 480, '部门预算一般公共预算财政拨款支出表'],
    ['001_df29ae28ecb651dd.txt', undefined, '2582.46', 542, '一般公共预算支出情况表'],
    ['002_b2ab98c35d1620c6.txt', undefined, '2230.80', 303, '2023年一般公共预算支出预算表'],
    // 3 万元 less than 支出总计 (3,526.22): another fund's spending is not in it.
    ['003_aefd0e6609c5871f.txt', undefined, '3523.22', 1312, '单位预算一般公共预算财政拨款支出表'],
    // 一般公共预算拨款 is 1,751.54 (a carry-over is spent too); its 基本支出 1,059.54 is the 基本支出表's 合计.
    ['004_415779c2f9ebc6e8.txt', '部门', '2394.27', 327, '部门预算一般公共预算财政拨款支出表'],
    ['004_415779c2f9ebc6e8.txt', '单位', '2394.27', 1931, '单位预算一般公共预算财政拨款支出表'],
  ])('%s (%s): %s at line %i of 「%s」, confirmed', (file, scope, value, line, table) => {
    expect(figureOf(DEFAULT_DATA_DIR, file, scope)).toEqual({ value, line, table, verified: true });
  });

  const app = bundledApp();
  it('a question naming it is answered with it, cited to the 合计 line', () => {
    const { answer } = app.dispatch({ text: '双桥区医保局一般公共预算支出是多少' });
    const text = renderText(answer);
    expect(text).toContain('一般公共预算支出 3,523.22 万元');
    expect(answer.citations[0]).toMatchObject({ source: '003_aefd0e6609c5871f.txt', line: 1312 });
    expect(text).not.toContain('3,526.22');
  });

  it('a ranking by it ranks it, not 支出总计', () => {
    const { answer } = app.dispatch({ text: '哪个部门一般公共预算支出最多' });
    expect(answer.understood).toContain('按一般公共预算支出给部门排名');
    expect(answer.title).toContain('一般公共预算支出 排名');
    const first = answer.tables[0].rows[0];
    expect(JSON.stringify(first)).toContain('3,523.22');
  });

  it('财政拨款支出 (not read as a figure of its own) is still said not read, never ranked by a neighbour', () => {
    const { answer } = app.dispatch({ text: '/rank 财政拨款支出' });
    expect(renderText(answer)).toContain('没有读到各部门的财政拨款支出');
  });
});

describeCorpus2('一般公共预算支出 in two other provinces\' documents', () => {
  it('a 决算 (国家信访局 2024): the 本年支出 合计, well under the 一般公共预算拨款 income — read, and marked unverified (its 类 rows add up, but a wrong column\'s would too: only another table confirms)', () => {
    expect(figureOf(CORPUS2_TEXT_DIR!, 'gjxfj_2024js.txt')).toEqual({ value: '13733.80', line: 261, table: '一般公共预算财政拨款支出决算表', verified: false });
  });

  it('杭州市司法局 2026: 91,842.80, above its 一般公共预算 income (91,495.48: a carry-over is spent too) — read, and marked unverified', () => {
    expect(figureOf(CORPUS2_TEXT_DIR!, 'hz_sfj_2026.txt')).toMatchObject({ value: '91842.80', line: 763, verified: false });
  });
});

describe('a wrong column is never confirmed', () => {
  it('a 一般公共预算支出表 whose first amount column is last year\'s: the figure read from it is marked unverified', () => {
    // Seed 000's table (lines 469–531) laid out as 上年执行数 | 本年预算数, last year's (twice this year's) first.
    const lines = readFileSync(join(DEFAULT_DATA_DIR, '000_2c141d3c228c2a71.txt'), 'utf8').split('\n');
    const altered = lines.map((l, i) => {
      if (i < 468 || i > 530) return l;
      if (/合计 基本支出 项目支出/.test(l)) return l.replace('合计 基本支出 项目支出', '上年执行数 本年预算数');
      const m = /^(.*?[^\d.\s])\s+(\d+\.\d{2})(?:\s+\d+\.\d{2})*\s*$/.exec(l);
      return m ? `${m[1]} ${(Number(m[2]) * 2).toFixed(2)} ${m[2]}` : l;
    });
    const d = parseDocument(altered.join('\n'), 'altered.txt')[0];
    const t = d.totals.get('general_budget_expenditure');
    // Read from the first column (1,069.60), the figure is not confirmed: nothing outside the table
    // agrees. Whichever column a reader picks, a figure marked verified is this year's.
    expect(t).toBeDefined();
    expect(t!.verified === false || t!.value.toFixed(2) === '534.80').toBe(true);
    expect(d.totals.get('general_budget_appropriation')!.value.toFixed(2)).toBe('534.80');
  });
});
