// Totals the narrative states in words, as the fallback and corroboration of the tables' figures.
// The sentences are made up, written the way provinces word their 说明; each case is a reading that
// once gave a confident wrong figure or none at all.
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/parse/front/lines.js';
import { statedTotals, type NarrativeOf } from '../../src/parse/read/narrative.js';

const BUDGET_2024: NarrativeOf = { year: 2024, kind: '预算' };
const FINAL_2023: NarrativeOf = { year: 2023, kind: '决算' };
const stated = (text: string, doc: NarrativeOf = BUDGET_2024) =>
  Object.fromEntries(statedTotals(splitLines(text), '说明', doc).map((t) => [t.key, t.value.toFixed(4)]));

describe('stated totals', () => {
  it('reads the whole budget, its halves and the 三公', () => {
    expect(stated('2024年部门支出预算为534.8万元，其中：基本支出298.8万元，项目支出236万元。“三公”经费预算为1.50万元。')).toEqual({
      expenditure_total: '534.8000', basic: '298.8000', project: '236.0000', three_public: '1.5000',
    });
  });

  it('does not take another item\'s 支出预算 for the whole budget', () => {
    expect(stated('一般公共预算“三公”经费支出预算为14.01万元。')).toEqual({ three_public: '14.0100' });
    // 机关运行经费's own figure, never the whole budget.
    expect(stated('机关运行经费支出预算为50.00万元。政府性基金支出预算为300.00万元。财政拨款支出预算950.12万元。')).toEqual({ operating_cost: '50.0000' });
  });

  it('does not take 本年支出合计 for 支出总计 (a 决算\'s 支出总计 includes 年末结转)', () => {
    expect(stated('2023年度本年支出合计100.00万元，其中：基本支出60.00万元。', FINAL_2023)).toEqual({ basic: '60.0000' });
  });

  it('takes a 决算\'s 三公 决算数, never the 预算数 it states beside it', () => {
    expect(stated('2023年度“三公”经费财政拨款支出决算为8.00万元。', FINAL_2023)).toEqual({ three_public: '8.0000' });
    expect(stated('2023年度“三公”经费预算为10.00万元。', FINAL_2023)).toEqual({});
  });

  it('reads the 三公 stated with 共, its amount wrapped after a blank line, or quoted as “三公经费” (山东, 吉林)', () => {
    expect(stated('2024年通过一般公共预算财政拨款安排的“三公”经费预算共4.20万\n\n元，与上年持平。')).toEqual({ three_public: '4.2000' });
    expect(stated('2024年“三公经费”预算数为6.30万元，2023年预算数为7.00万元。')).toEqual({ three_public: '6.3000' });
    // 陕西: "“三公”经费预算支出…万元".
    expect(stated('本部门当年一般公共预算“三公”经费预算支出5.40万元，较上年减少0.60万元。')).toEqual({ three_public: '5.4000' });
  });

  it('does not take "人员经费和公用经费支出" (the two together: 基本) for 公用经费 (陕西 收支总表)', () => {
    expect(stated('1、人员经费和公用经费支出 2311.19万元')).toEqual({});
  });

  it('does not take a project or group named …人员经费 (临聘, 编外, 离退休) for 人员经费 (吉林)', () => {
    expect(stated('项目支出预算300.00万元，其中驻外经费200万元，临聘人员经费12.34万元，编外人员经费5.00万元，离退休人员经费8.00万元。')).toEqual({ project: '300.0000' });
  });

  it('skips a figure of another year', () => {
    expect(stated('2023年财政拨款“三公”经费预算数为9.00万元，2024年“三公”经费预算数为8.00万元。')).toEqual({ three_public: '8.0000' });
    expect(stated('2023年基本支出预算为90.00万元。')).toEqual({});
  });

  it('skips a figure stated for a 类 of spending', () => {
    expect(stated('一般公共服务支出（类）：2024年支出预算300.00万元。')).toEqual({});
  });

  it('reads amounts stated in 元, exactly in 万元', () => {
    expect(stated('2024年一般公共预算基本支出 1133753.33 元，其中：人员经费 1000000.00 元。')).toEqual({ basic: '113.3753', personnel: '100.0000' });
  });
});

describe('more wordings of the national templates', () => {
  it('reads a 三公 预算 stated without 为, and a 决算数 in the clause after the 三公 预算', () => {
    expect(stated('2024年“三公”经费预算11.00万元，比2023年预算减少1.50万元。')).toEqual({ three_public: '11.0000' });
    expect(stated('2023年度“三公”经费财政拨款支出预算为38.00万元，支出决算为24.22万元。', FINAL_2023)).toEqual({ three_public: '24.2200' });
  });

  it('reads a 决算\'s 收、支总计, the second of two being 支出总计', () => {
    expect(stated('2023年度收、支总计各是4125.49,4143.91万元。', FINAL_2023)).toEqual({ expenditure_total: '4143.9100' });
    expect(stated('2023年度收入、支出决算总计1,942.54万元。', FINAL_2023)).toEqual({ expenditure_total: '1942.5400' });
  });
});
