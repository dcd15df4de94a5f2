// The catalog names each table of the national template by its title, however a province words it.
// Titles as the 决算 and 预算 templates of provinces the parser was not built on print them.
import { describe, expect, it } from 'vitest';
import { bareLabel } from '../../src/parse/read/label-values.js';
import { kindOfTitle } from '../../src/parse/template/catalog.js';

describe('table titles', () => {
  it.each([
    ['收入支出决算表', 'summary'],
    ['收入决算表', 'income'],
    ['支出决算表', 'expenditure'],
    ['财政拨款收入支出决算表', 'fiscal_summary'],
    ['一般公共预算财政拨款收入支出决算表', 'general_budget_expenditure'],
    ['一般公共预算财政拨款基本支出决算明细表', 'basic_expenditure'],
    ['一般公共预算财政拨款项目支出决算表', 'projects'],
    ['政府性基金预算财政拨款收入支出决算表', 'gov_fund'],
    ['国有资本经营预算财政拨款收入支出决算表', 'state_capital'],
    ['财政拨款“三公”经费、行政参公单位机关运行经费情况表', 'three_public'],
    ['一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表', 'three_public'],
    ['部门收支总表', 'summary'],
    ['财务收支预算总表', 'summary'],
    ['一般公共预算财政拨款支出表', 'general_budget_expenditure'],
    ['一般公共预算财政拨款基本支出表', 'basic_expenditure'],
    ['财政拨款收支总表', 'fiscal_summary'],
  ])('%s is a %s table', (title, kind) => {
    expect(kindOfTitle(title)).toBe(kind);
  });
});

describe('row labels', () => {
  it('compare by their words, enumerators and 其中 stripped in either order', () => {
    expect(['其中：（1）公务用车购置费', '（2）公务用车运行维护费', '1.因公出国（境）费', '一、“三公”经费支出'].map(bareLabel))
      .toEqual(['公务用车购置费', '公务用车运行维护费', '因公出国（境）费', '三公经费支出']);
  });
});
