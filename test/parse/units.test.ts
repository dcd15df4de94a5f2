// The parser's building blocks on plain inputs.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { agrees, formatAmount, parseAmount } from '../../src/parse/amount.js';
import { canonicalDepartment, regionOf } from '../../src/parse/segment/metadata.js';
import { placeColumns } from '../../src/parse/reconcile/infer-columns.js';
import { parseLabelValues } from '../../src/parse/read/label-values.js';
import { detectLayout, splitLines } from '../../src/parse/front/lines.js';
import { statedChanges } from '../../src/parse/read/narrative.js';
import { classifyTitle, cleanTitle } from '../../src/parse/segment/tables.js';
import { threePublicFromRow } from '../../src/parse/read/three-public.js';
import { printsTwoDecimals, tokenize } from '../../src/parse/front/tokens.js';

const d = (s: string) => new Decimal(s);
const lines = (...t: string[]) => splitLines(t.join('\n'));

describe('amounts', () => {
  it.each([
    ['33,172.15', '万元', '33172.15'],
    ['１２３.４５', '万元', '123.45'],
    ['5,348,000.00', '元', '534.8'],
    ['12,345,678.90', '元', '1234.56789'],
    ['-1.80', '万元', '-1.8'],
  ] as const)('%s in %s is %s 万元', (text, unit, want) => {
    expect(parseAmount(text, unit)!.toString()).toBe(want);
  });

  it.each(['', '2024年', '≥5项', '1,23', 'abc'])('%j is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it('agrees within rounding only', () => {
    expect(agrees(d('148.11'), d('148.10'))).toBe(true);
    expect(agrees(d('2082.67'), d('2082.70'))).toBe(false);
  });

  it('formats with two decimals, more only when the value has them', () => {
    expect([formatAmount(d('534.8')), formatAmount(d('1234.56789')), formatAmount(null)]).toEqual(['534.80', '1234.56789', null]);
  });
});

describe('lines', () => {
  it('keeps source line numbers across form feeds and drops page folios', () => {
    const out = splitLines('收入合计 20,849.45\f收入预算总表\n13\f第二部分\n— 14 —\f表三');
    expect(out.map((l) => [l.no, l.text])).toEqual([[1, '收入合计 20,849.45'], [1, '收入预算总表'], [2, '第二部分'], [3, '表三']]);
  });

  it('recognises the three layouts', () => {
    const tabbed = Array.from({ length: 25 }, (_, i) => `${i}\t名称\t1.00\t2.00`).join('\n');
    const cells = Array.from({ length: 120 }, (_, i) => `\t${i}`).join('\n');
    expect([detectLayout(splitLines(tabbed)), detectLayout(splitLines(cells)), detectLayout(lines('1 合计 534.80'))]).toEqual(['tabbed', 'cells', 'flowing']);
  });
});

describe('tokens', () => {
  it.each([
    [['3526.', '22'], false, ['3526.22']],
    [['2101', '501', '行政运行'], false, ['2101501', '行政运行']],
    [['320.0', '0'], true, ['320.00']],
    [['320.0', '0'], false, ['320.0', '0']],
    [['总计 40 5,086.2', '5'], true, ['总计', '40', '5,086.25']],
    [['合计 4,814.33 1,206.33 3,60', '8.00'], true, ['合计', '4,814.33', '1,206.33', '3,608.00']],
    [['合计 1,', '206.33 3,608.00'], true, ['合计', '1,206.33', '3,608.00']],
    [['1,942.', '54'], true, ['1,942.54']],
  ] as [string[], boolean, string[]][])('joins %j (two-decimal style: %s)', (input, twoDecimals, want) => {
    expect(tokenize(lines(...input), 'flowing', twoDecimals).map((t) => t.s)).toEqual(want);
  });

  const amounts = (n: number) => Array.from({ length: n }, (_, i) => `20${i} 支出 ${i + 1},234.56 ${i + 1}00.25 ${i}.50`);

  it('takes a document printing percentages without "%" in a last column as printing two decimals', () => {
    const body = amounts(30).map((l, i) => `${l} ${100 + (i % 9)}.${i % 10}`);
    expect(printsTwoDecimals(lines(...body))).toBe(true);
  });

  it('does not take a document printing one-decimal amounts inside its rows as printing two decimals', () => {
    const body = amounts(30).map((l, i) => (i % 3 ? l : l.replace(/\.50$/, '.5 7.25')));
    expect(printsTwoDecimals(lines(...body))).toBe(false);
  });
});

describe('label values in a table with 行次 numbers', () => {
  const read = (...t: string[]) => parseLabelValues(lines(...t), 'flowing', '万元', true, true).map((p) => [p.label, p.values.map((v) => v.toFixed(2))]);

  it.each([
    [['总计 20 5,086.25 总计 40 5,086.2', '5', '注：本表反映部门本年度的总收支。', '5'], ['5086.25', '5086.25']],
    [['总计 20 1,942.54 总计 40 1,942.5', '4'], ['1942.54', '1942.54']],
    [['总计 20 1,942.54 总计 40 1,942.', '54'], ['1942.54', '1942.54']],
    [['总计 20 3,608.00 总计 40 3,60', '8'], ['3608.00', '3608.00']],
  ])('reads the digits of an amount wrapped onto the next line (%j)', (input, want) => {
    expect(read(...input).filter(([l]) => l === '总计').map(([, v]) => v[0])).toEqual(want);
  });

  it('still drops a 行次 printed on its own line after a whole amount', () => {
    expect(read('八、其他收入 8 八、社会保障和就业支出 28 149.16', '9', '九、卫生健康支出 29 43.68')).toEqual([
      ['八、其他收入', []], ['八、社会保障和就业支出', ['149.16']], ['九、卫生健康支出', ['43.68']],
    ]);
  });
});

describe('table titles', () => {
  it.each([
    ['公开 07 表：“三公”经费、会议费、培训费支出预算表', 'three_public'],
    ['14公开02表', null],
    ['部门支出总体情况表（三）', 'expenditure'],
    ['收入支出决算总表', 'summary'],
    ['财政拨款收入支出决算总表', 'fiscal_summary'],
    ['一般公共预算财政拨款基本支出表', 'basic_expenditure'],
    ['财政拨款支出预算表（功能科目）', 'fiscal_expenditure'],
    ['详见政府采购预算表。', null],
  ])('%s → %s', (title, kind) => {
    expect(classifyTitle(cleanTitle(title))).toBe(kind);
  });
});

describe('departments and regions', () => {
  it.each([
    ['新乡市凤泉区医疗保障局', '凤泉区'], ['巨鹿县医疗保障局', '巨鹿县'], ['江苏省人民检察院', '江苏省'],
    ['中共江苏省委办公厅', '江苏省'], ['北京市朝阳区市场监督管理局', '朝阳区'], ['广西壮族自治区财政厅', '广西壮族自治区'],
    // Cities whose names end in 州: the region is the district, never "市天河区".
    ['广州市天河区文化广电旅游体育局', '天河区'], ['温州市鹿城区市场监督管理局', '鹿城区'], ['杭州市西湖区教育局', '西湖区'],
    ['福州市鼓楼区民政局', '鼓楼区'], ['泉州市丰泽区财政局', '丰泽区'], ['郑州市金水区卫生健康委员会', '金水区'],
    ['苏州市数据局', '苏州市'], ['杭州市市场监督管理局', '杭州市'], ['北京市通州区财政局', '通州区'], ['甘孜藏族自治州康定市林业局', '康定市'],
  ])('%s is in %s', (dept, region) => {
    expect(regionOf(dept)).toBe(region);
  });

  it('gives one name to 中国共产党…委员会 and 中共…委', () => {
    expect(canonicalDepartment('中国共产党江苏省委员会办公厅')).toBe('中共江苏省委办公厅');
  });
});

describe('column inference', () => {
  const row = (code: string | null, ...v: string[]) => ({ code, name: code ?? '合计', line: 1, values: v.map(d), positioned: false });

  it('places lost cells by the parent sums, top-down and bottom-up', () => {
    const { placed, undecided } = placeColumns([
      row(null, '534.80', '298.80', '236.00'),
      row('210', '474.90', '242.90', '232.00'),
      row('21015', '361.90', '219.90', '142.00'),
      row('2101501', '244.90', '219.90', '25.00'),
      row('2101504', '32.00', '32.00'),
      row('2101506', '40.00', '40.00'),
      row('2101599', '45.00', '45.00'),
      row('221', '60.00', '56.00', '4.00'),
    ]);
    expect(undecided).toEqual([]);
    expect(placed.find((r) => r.code === '2101504')!.parts.map((p) => p!.toFixed(2))).toEqual(['0.00', '32.00']);
  });
});

describe('the 三公 row of Jiangsu (合计 includes 会议费 and 培训费; one cell blank)', () => {
  const values = ['1276.7', '418.26', '80', '237', '237', '101.26', '158.44', '700'].map(d);
  const header = '“三公”经费 公务用车购置及运行维护费 合计 因公出国（境）费 公务接待费 会议费 培训费';

  it('cannot tell 购置 from 运行 by arithmetic alone, and says so', () => {
    const r = threePublicFromRow(values, header, '三公表', 1, {});
    expect([r.value.total!.toFixed(2), r.value.vehiclePurchase, r.value.vehicleOperation]).toEqual(['418.26', null, null]);
    expect(r.findings[0].rule).toBe('three-public-columns');
  });

  it('is decided by the same figure in the basic-expenditure table (30231 公务用车运行维护费)', () => {
    const r = threePublicFromRow(values, header, '三公表', 1, { vehicleOperation: d('237') });
    expect([r.value.vehiclePurchase!.toFixed(2), r.value.vehicleOperation!.toFixed(2), r.value.reception!.toFixed(2)]).toEqual(['0.00', '237.00', '101.26']);
    expect(r.findings).toEqual([]);
  });
});

describe('label/value rows', () => {
  it('gives each number to the label before it, and splits labels sharing a line', () => {
    const pairs = parseLabelValues(lines('8 八、附属单位上缴收入 八、社会保障和就业支出 34.90', '33 上年结转结余 年终结转结余'), 'flowing', '万元', true, true);
    expect(pairs.map((p) => [p.label, p.values.map((v) => v.toFixed(2))])).toEqual([
      ['八、附属单位上缴收入', []], ['八、社会保障和就业支出', ['34.90']], ['上年结转结余', []], ['年终结转结余', []],
    ]);
  });
});

describe('stated changes', () => {
  it.each([
    ['2023 年部门预算收支安排 534.8 万元，较 2022 年增加 73.81 万元，其中：基本支出增加 59.81 万元；项目支出增加 14 万元。', 2023,
      [['expenditure_total', 2022, '73.81'], ['income_total', 2022, '73.81'], ['basic', 2022, '59.81'], ['project', 2022, '14.00']]],
    ['我部门财政拨款“三公”经费预算安排 1.00万元，其中因公出国（境）费 0.00万元；公务接待费 0.00万元。与 2024年相比减少1.80万元，主要是厉行节约。', 2025,
      [['three_public', 2024, '-1.80']]],
    ['收入总计 2230.80 万元，与 2022 年预算相比，收入增加 962.80 万元，增长 75.93%。', 2023, [['income_total', 2022, '962.80']]],
  ] as [string, number, [string, number, string][]][])('%s', (text, year, want) => {
    const got = statedChanges(lines(text), year, '说明').map((c) => [c.metric, c.priorYear, c.change.toFixed(2)]);
    expect(got).toEqual(want);
  });
});
