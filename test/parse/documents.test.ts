// Every bundled document against figures read by hand from the document itself; the Jiangsu corpus
// (read from ../shared) the same way where it is present.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Disclosure } from '../../src/parse/index.js';
import { amount, disclosureOf, disclosuresOf } from '../helpers/documents.js';
import { describeCorpus } from '../support/corpus.js';

interface Expected {
  file: string;
  department: string;
  region: string;
  year: number;
  scope: '部门' | '单位';
  income: string;
  expenditure: string;
  basic: string;
  project: string;
  /** 三公: total, 因公出国, 公务用车运行维护, 公务接待 */
  threePublic: [string, string, string, string];
  /** code, total, basic, project (null where the document prints no split) */
  functions: [string, string, string | null, string | null][];
  /** code, total */
  economics: [string, string][];
}

const DOCUMENTS: Expected[] = [
  {
    file: '000_2c141d3c228c2a71.txt', department: '巨鹿县医疗保障局', region: '巨鹿县', year: 2023, scope: '部门',
    income: '534.80', expenditure: '534.80', basic: '298.80', project: '236.00', threePublic: ['0.00', '0.00', '0.00', '0.00'],
    functions: [['2101501', '244.90', '219.90', '25.00'], ['2101504', '32.00', '0.00', '32.00'], ['2089999', '4.00', '0.00', '4.00'], ['20805', '29.00', '29.00', '0.00']],
    economics: [['30101', '115.00'], ['302', '23.40'], ['31002', '0.50']],
  },
  {
    file: '001_df29ae28ecb651dd.txt', department: '竹山县医疗保障局', region: '竹山县', year: 2022, scope: '部门',
    income: '2582.46', expenditure: '2582.46', basic: '672.82', project: '1909.64', threePublic: ['9.60', '0.00', '3.10', '6.50'],
    functions: [['2101202', '1719.64', '0.00', '1719.64'], ['2100799', '0.04', '0.04', '0.00'], ['2101299', '150.00', '0.00', '150.00']],
    economics: [['30101', '180.23'], ['3010202', '81.59'], ['30217', '6.50']],
  },
  {
    file: '002_b2ab98c35d1620c6.txt', department: '新乡市凤泉区医疗保障局', region: '凤泉区', year: 2023, scope: '部门',
    income: '2230.80', expenditure: '2230.80', basic: '148.10', project: '2082.70', threePublic: ['0.00', '0.00', '0.00', '0.00'],
    functions: [['2101501', '58.40', '53.40', '5.00'], ['2101550', '65.60', '65.60', '0.00'], ['2101301', '186.00', '0.00', '186.00']],
    // 30113 is printed on two lines (7.30 and 10.70, one per government-economic code).
    economics: [['30101', '37.90'], ['30113', '18.00']],
  },
  {
    file: '003_aefd0e6609c5871f.txt', department: '承德市双桥区医疗保障局', region: '双桥区', year: 2024, scope: '单位',
    income: '3526.22', expenditure: '3526.22', basic: '203.22', project: '3323.00', threePublic: ['0.00', '0.00', '0.00', '0.00'],
    functions: [['2101501', '237.59', '167.59', '70.00'], ['2230105', '3.00', '0.00', '3.00'], ['2101202', '2800.00', '0.00', '2800.00'], ['208', '23.37', '23.37', '0.00']],
    economics: [['30101', '65.48'], ['30228', '0.01'], ['303', '1.11']],
  },
  {
    file: '004_415779c2f9ebc6e8.txt', department: '邢台市医疗保障局', region: '邢台市', year: 2025, scope: '部门',
    income: '2394.27', expenditure: '2394.27', basic: '1059.54', project: '1334.73', threePublic: ['1.00', '0.00', '1.00', '0.00'],
    functions: [['2101501', '1059.54', '1059.54', '0.00'], ['2101599', '1334.73', '0.00', '1334.73']],
    economics: [['30102', '178.47'], ['30231', '1.00'], ['30305', '1.09']],
  },
];

/** Documents of ../shared/corpus/text (never committed): tested only where it is present. */
const CORPUS_DOCUMENTS: Expected[] = [
  {
    file: 'js_jcy_2017_budget.txt', department: '江苏省人民检察院', region: '江苏省', year: 2017, scope: '部门',
    income: '17996.68', expenditure: '17996.68', basic: '12323.48', project: '5533.00', threePublic: ['584.35', '110.00', '267.80', '156.55'],
    functions: [['2040401', '7968.14', null, null], ['2210202', '1534.94', null, null]],
    economics: [['30101', '2010.25'], ['30231', '267.80']],
  },
  {
    file: 'js_jcy_2018_budget.txt', department: '江苏省人民检察院', region: '江苏省', year: 2018, scope: '部门',
    income: '21955.35', expenditure: '21955.35', basic: '13994.31', project: '5573.00', threePublic: ['484.30', '100.00', '267.80', '116.50'],
    functions: [['2040401', '10883.36', null, null], ['2080506', '418.37', null, null]],
    economics: [['30101', '2117.68'], ['30215', '200.44']],
  },
  {
    file: 'js_jcy_2019_budget.txt', department: '江苏省人民检察院', region: '江苏省', year: 2019, scope: '部门',
    income: '24169.74', expenditure: '24169.74', basic: '15844.04', project: '4335.30', threePublic: ['418.26', '80.00', '237.00', '101.26'],
    functions: [['2040401', '12268.62', null, null], ['2040450', '315.00', null, null], ['204', '16593.12', null, null]],
    economics: [['30101', '2171.78'], ['30231', '237.00'], ['30108', '1064.46']],
  },
  {
    file: 'js_rdbgt_2017_budget.txt', department: '江苏省人大常委会办公厅', region: '江苏省', year: 2017, scope: '部门',
    income: '13649.07', expenditure: '13649.07', basic: '7666.68', project: '5853.96', threePublic: ['833.60', '222.50', '183.60', '427.50'],
    functions: [['2010101', '4545.94', null, null], ['2010104', '1305.25', null, null]],
    economics: [['30101', '1015.15']],
  },
  {
    file: 'js_rdbgt_2018_budget.txt', department: '江苏省人大常委会办公厅', region: '江苏省', year: 2018, scope: '部门',
    income: '15897.44', expenditure: '15897.44', basic: '7877.76', project: '6333.96', threePublic: ['833.60', '222.50', '183.60', '427.50'],
    functions: [['2010101', '6372.32', null, null], ['2010199', '580.00', null, null]],
    economics: [['30101', '1186.73']],
  },
  {
    file: 'js_rdbgt_2019_budget.txt', department: '江苏省人大常委会办公厅', region: '江苏省', year: 2019, scope: '部门',
    income: '18330.37', expenditure: '18330.37', basic: '9312.90', project: '6459.58', threePublic: ['767.60', '199.25', '183.60', '384.75'],
    functions: [['2010101', '7448.20', null, null], ['2010104', '1469.73', null, null]],
    economics: [['30101', '1258.23']],
  },
  {
    file: 'js_swbgt_2017_budget.txt', department: '中共江苏省委办公厅', region: '江苏省', year: 2017, scope: '部门',
    income: '20849.45', expenditure: '20849.45', basic: '9964.07', project: '10688.66', threePublic: ['509.20', '70.00', '411.20', '28.00'],
    functions: [['2013101', '6106.99', null, null], ['2013102', '10738.18', null, null]],
    economics: [['30101', '1309.12'], ['30312', '1235.41']],
  },
  {
    file: 'js_swbgt_2018_budget.txt', department: '中共江苏省委办公厅', region: '江苏省', year: 2018, scope: '部门',
    income: '24458.43', expenditure: '24458.43', basic: '10403.11', project: '12081.46', threePublic: ['508.20', '70.00', '411.20', '27.00'],
    functions: [['2013101', '8072.29', null, null], ['2210202', '2299.88', null, null]],
    // 30309 sits on the line glued to the next table's title.
    economics: [['30101', '1475.07'], ['30309', '1.55']],
  },
  {
    file: 'js_swbgt_2019_budget.txt', department: '中共江苏省委办公厅', region: '江苏省', year: 2019, scope: '部门',
    income: '27664.22', expenditure: '27664.22', basic: '11700.63', project: '13025.38', threePublic: ['508.20', '70.00', '411.20', '27.00'],
    functions: [['2013101', '9370.12', null, null], ['2013102', '13025.38', null, null]],
    economics: [['30101', '1581.26']],
  },
];

/** The figures of one document; parsed in beforeAll, as a skipped block's body still runs. */
function describeDocument(e: Expected) {
  let d: Disclosure;
  beforeAll(() => {
    d = disclosureOf(e.file);
  });
  const total = (k: Parameters<Disclosure['totals']['get']>[0]) => amount(d.totals.get(k)?.value);

  it('knows who published it, for which year and scope', () => {
    expect(d.department).toBe(e.department);
    expect(d.region).toBe(e.region);
    expect(d.year).toBe(e.year);
    expect(d.scope).toBe(e.scope);
    expect(d.kind).toBe('预算');
  });

  it('reads the totals, 基本 and 项目', () => {
    expect([total('income_total'), total('expenditure_total'), total('basic'), total('project')]).toEqual([e.income, e.expenditure, e.basic, e.project]);
  });

  it('reads the 三公 table', () => {
    const t = d.threePublic!;
    expect([amount(t.total), amount(t.outbound), amount(t.vehicleOperation), amount(t.reception)]).toEqual(e.threePublic);
    expect(total('three_public')).toBe(e.threePublic[0]);
  });

  it.each(e.functions)('function subject %s', (code, t, b, p) => {
    const row = d.functionItems.find((r) => r.code === code);
    expect(row, `row ${code}`).toBeDefined();
    expect([amount(row!.total), amount(row!.basic), amount(row!.project)]).toEqual([t, b, p]);
    expect(row!.line).toBeGreaterThan(0);
    expect(row!.table).not.toBe('');
  });

  it.each(e.economics)('economic subject %s', (code, t) => {
    expect(amount(d.economicItems.find((r) => r.code === code)?.total)).toBe(t);
  });

  it('says nothing is missing', () => {
    expect(d.findings.filter((f) => f.rule === 'not-read')).toEqual([]);
  });
}

describe.each(DOCUMENTS)('$file', describeDocument);
describeCorpus('the Jiangsu corpus (../shared/corpus/text)', () => describe.each(CORPUS_DOCUMENTS)('$file', describeDocument));

describe('a file holding a 部门 budget and its unit\'s budget', () => {
  const all = disclosuresOf('004_415779c2f9ebc6e8.txt');

  it('loads both, each with its scope', () => {
    expect(all.map((d) => [d.scope, d.unitName])).toEqual([['部门', null], ['单位', '邢台市医疗保障局本级']]);
    expect(all.map((d) => amount(d.totals.get('expenditure_total')?.value))).toEqual(['2394.27', '2394.27']);
  });

  it('keeps each part\'s lines apart', () => {
    expect(all[0].lines[1]).toBeLessThan(all[1].lines[0]);
    expect(all[1].functionItems.find((r) => r.code === '2101501')!.line).toBeGreaterThan(1600);
  });
});

describeCorpus('one department across three years', () => {
  it('has one canonical name though the publisher spelled it two ways', () => {
    // 2017 prints 中国共产党江苏省委员会办公厅, 2018 and 2019 print 中共江苏省委办公厅.
    const names = ['2017', '2018', '2019'].map((y) => disclosureOf(`js_swbgt_${y}_budget.txt`).department);
    expect(new Set(names)).toEqual(new Set(['中共江苏省委办公厅']));
  });
});
