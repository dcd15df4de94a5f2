// The documents' own inconsistencies come out as findings, with both numbers and the difference: the
// seeds, and the Jiangsu corpus read from ../shared where it is present.
import { describe, expect, it } from 'vitest';
import { disclosureOf } from '../helpers/documents.js';
import { describeCorpus } from '../support/corpus.js';

const findingsOf = (file: string) => disclosureOf(file).findings;
const has = (file: string, rule: string, ...fragments: string[]) =>
  findingsOf(file).some((f) => f.rule === rule && fragments.every((x) => f.message.includes(x)));

describe('seed 001 (竹山县)', () => {
  const file = '001_df29ae28ecb651dd.txt';
  it.each([
    ['table 三 prints 21015 as 639.72 while 基本 639.72 + 项目 40 = 679.72', 'function-row', ['21015', '639.72', '679.72', '40.00']],
    ['table 四 shifts 卫生健康 onto 节能环保 (卫生健康 printed 0.00)', 'class-vs-summary', ['卫生健康', '0.00', '2582.46']],
    ['table 四 shifts 卫生健康 onto 节能环保 (节能环保 printed 2582.46)', 'class-vs-summary', ['节能环保', '2582.46']],
    ['table 六 prints 301 as 672.81 while its items sum to 616.11', 'economic-children', ['301', '672.81', '616.11']],
    ['table 七 prints 公务用车购置及运行费 0.00 while 运行维护费 is 3.10', 'three-public-vehicle', ['0.00', '3.10']],
    ['tables 三 and 五 print 21015 as 639.72 and 712.82', 'same-figure', ['21015', '639.72', '712.82']],
  ] as [string, string, string[]][])('%s', (_, rule, fragments) => {
    expect(has(file, rule, ...fragments)).toBe(true);
  });

  it('cites the table and line of each finding', () => {
    const f = findingsOf(file).find((x) => x.rule === 'function-row' && x.message.includes('21015'))!;
    expect(f.table).toBe('部门支出总体情况表');
    expect(f.line).toBe(346);
  });
});

describe('seed 002 (凤泉区)', () => {
  const file = '002_b2ab98c35d1620c6.txt';
  it.each([
    ['detail rows sum to 2231.50 against a 合计 of 2230.80', 'function-children', ['合计', '2230.80', '2231.50', '0.70']],
    ['basic detail rows sum to 148.90 against 148.10', 'function-children', ['基本支出', '148.10', '148.90']],
    ['收支预算表 says 社会保障和就业 10.70 while its rows sum to 11.40', 'class-vs-summary', ['社会保障和就业', '10.70', '11.40']],
    ['住房公积金 printed under 2101201 in the 一般公共预算支出预算表', 'name-two-codes', ['住房公积金', '2210201', '2101201']],
    ['the narrative says 项目支出 2082.67 against 2082.70', 'narrative-vs-table', ['项目支出', '2082.67', '2082.70']],
  ] as [string, string, string[]][])('%s', (_, rule, fragments) => {
    expect(has(file, rule, ...fragments)).toBe(true);
  });
});

describe('other documents', () => {
  it('seed 000: the narrative says fixed assets 0.00 while the asset table says 80.35', () => {
    expect(has('000_2c141d3c228c2a71.txt', 'narrative-vs-table', '固定资产', '0.00', '80.35')).toBe(true);
  });

  it.each(['003_aefd0e6609c5871f.txt', '004_415779c2f9ebc6e8.txt'])(
    '%s adds up: no findings but the note of figures nothing else confirms', (file) => {
      expect(findingsOf(file).filter((f) => f.rule !== 'unverified' && f.rule !== 'rounding')).toEqual([]);
      expect(findingsOf(file).filter((f) => f.rule === 'rounding').every((f) => f.severity === 'info' && /相差 0\.01 万元（舍入差异）$/.test(f.message))).toBe(true);
      expect(disclosureOf(file).totals.get('expenditure_total')!.verified).toBe(true);
    },
  );

  it('rounding within 0.01 万元 is said as information, not as a warning (seed 002 narrative 基本支出 148.11 vs 148.10)', () => {
    const about = findingsOf('002_b2ab98c35d1620c6.txt').filter((f) => f.message.includes('148.11'));
    expect(about.map((f) => [f.rule, f.severity, f.line])).toEqual([['rounding', 'info', 328], ['rounding', 'info', 95], ['rounding', 'info', 328]]);
    expect(about[1].message).toBe('基本支出：说明文字 148.11 万元，「2023年部门支出预算表」 148.10 万元，相差 0.01 万元（舍入差异）');
  });
});

describe('a project list that does not add up to 项目支出', () => {
  it('is a warning with both sums, and its amounts are unverified (seed 002: 2,082.63 listed, 2,082.70 in the 支出表)', () => {
    const d = disclosureOf('002_b2ab98c35d1620c6.txt');
    expect(d.findings.find((f) => f.rule === 'project-list-sum')).toMatchObject({
      severity: 'warning', line: 390, message: '项目清单 10 个项目合计 2082.63 万元，「2023年部门支出预算表」项目支出 2082.70 万元，相差 0.07 万元',
    });
    expect(d.projects.find((p) => p.line === 392)).toMatchObject({ verified: false });
  });

  it('confirms every amount where it adds up (seed 001: three projects, 1,909.64)', () => {
    const d = disclosureOf('001_df29ae28ecb651dd.txt');
    expect(d.projects.map((p) => [p.amount?.toFixed(2), p.verified])).toEqual([['1719.64', true], ['150.00', true], ['40.00', true]]);
  });
});

describe('the narrative\'s figure for a 类 of spending', () => {
  it('is checked against the tables\' class lines (seed 002 moves 0.70 from 住房保障 to 社会保障和就业 in its text)', () => {
    const about = findingsOf('002_b2ab98c35d1620c6.txt').filter((f) => f.message.includes('（类）支出'));
    expect(about.map((f) => [f.line, f.message])).toEqual([
      [105, '社会保障和就业（类）支出：说明文字 11.40 万元，「2023年财政拨款收支总体情况表」 10.70 万元，相差 0.70 万元'],
      [105, '住房保障（类）支出：说明文字 17.80 万元，「2023年部门收支预算表」 18.50 万元，相差 0.70 万元'],
    ]);
  });
});

describeCorpus('the Jiangsu corpus (../shared/corpus/text)', () => {
  it('Jiangsu 2017: the narrative\'s 基本支出 12323.46 against the table\'s 12323.48', () => {
    expect(has('js_jcy_2017_budget.txt', 'narrative-vs-table', '12323.46', '12323.48', '0.02')).toBe(true);
  });

  it.each(['js_jcy_2019_budget.txt', 'js_rdbgt_2018_budget.txt', 'js_swbgt_2019_budget.txt'])('%s adds up: no findings but the note of figures nothing else confirms', (file) => {
    expect(findingsOf(file).filter((f) => f.rule !== 'unverified' && f.rule !== 'rounding')).toEqual([]);
    expect(disclosureOf(file).totals.get('expenditure_total')!.verified).toBe(true);
  });
});

describe('performance targets (绩效指标) go to the project or table that states them', () => {
  it('seed 002: the 部门整体绩效目标 rows are the department\'s, not the last project\'s', () => {
    const d = disclosureOf('002_b2ab98c35d1620c6.txt');
    const whole = d.targets.filter((t) => t.project === null);
    expect(whole).toHaveLength(20);
    expect(whole.every((t) => t.table === '部门整体绩效目标表')).toBe(true);
    expect(d.targets.filter((t) => t.project === '城乡居民医疗配套费上解资金')).toHaveLength(2);
  });

  it('seed 000: the 政府采购 and 固定资产 sentences after the last target table are not targets', () => {
    const d = disclosureOf('000_2c141d3c228c2a71.txt');
    expect(d.targets.some((t) => /政府采购|固定资产/.test(t.text))).toBe(false);
    expect(d.targets.filter((t) => t.project === '医疗救助经费')).toHaveLength(7);
  });

  it('seed 004: a 项目编码 header line is not an indicator', () => {
    expect(disclosureOf('004_415779c2f9ebc6e8.txt').targets.some((t) => t.text.startsWith('项目编码'))).toBe(false);
  });
});
