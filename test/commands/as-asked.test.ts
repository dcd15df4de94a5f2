// Issue 22: a newcomer's question answered as asked — departments by the names people use, an
// ambiguous name asked back with the candidates as buttons, a place or organisation not loaded said
// to be not loaded (never a ranking, never another department's figure), rankings kept to the place
// named and saying which departments print no such figure, several shares at once, year ranges as trends.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { ask, bundledApp, copyJiangsu, rowsOf, useCorpusApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';
import { describeCorpus } from '../support/corpus.js';

describe('over the five seeds', () => {
  const app = bundledApp();

  it('an ambiguous name asks back, one button per department, each re-asking with the full name', () => {
    const r = ask(app, '医保局三公经费');
    expect(r.outcome).toBe('user-error');
    expect(r.answer.summary).toContain('“医保局”可能指 5 个部门');
    const choices = r.answer.actions!.filter((a) => a.kind === 'choose');
    expect(choices.map((a) => a.label).sort()).toEqual(['巨鹿县医疗保障局', '承德市双桥区医疗保障局', '新乡市凤泉区医疗保障局', '竹山县医疗保障局', '邢台市医疗保障局'].sort());
    const zhushan = choices.find((a) => a.label === '竹山县医疗保障局')!;
    expect(zhushan.request).toMatchObject({ command: 'budget', text: '竹山县医疗保障局三公经费' });
    expect(ask(app, zhushan.request.text).answer.summary).toContain('“三公”经费 9.60 万元');
  });

  it.each([
    ['深圳医保局三公经费哪个最多', '没有载入“深圳医保局”的预算'],
    ['常州市医保局2024年项目支出是多少', '没有载入“常州市医保局”的预算'],
    ['竹山县公安局三公', '没有载入“竹山县公安局”的预算'],
  ])('%s: not loaded, said as such — no ranking, no near-miss department', (q, said) => {
    const r = ask(app, q);
    expect(r.command).toBe('budget');
    expect(r.outcome).toBe('user-error');
    expect(r.text).toContain(said);
    expect(r.text).not.toMatch(/按“.*→.*”理解|排名|万元/);
  });

  it('a department-like name the bot cannot place is asked about, not ranked over', () => {
    const r = ask(app, '竹山里保局2022年预算总额');
    expect(r.command).toBe('budget');
    expect(r.text).not.toContain('排名');
  });

  it('a question in English names the bureau and the line', () => {
    const r = ask(app, 'How much does the Zhushan medical insurance bureau budget for official receptions?');
    expect(r.answer.understood).toMatch(/竹山县医疗保障局 2022年部门预算 · 公务接待费$/);
    expect(r.answer.summary).toContain('公务接待费 6.50 万元');
  });

  it('a subject asked by code and name is understood whole', () => {
    const r = ask(app, '巨鹿县医疗保障局2023年2101501行政运行多少');
    expect(r.answer.understood).toBe('理解为：巨鹿县医疗保障局 2023年部门预算 · 行政运行（2101501）');
    expect(r.answer.summary).toBe('行政运行（2101501）244.90 万元，出自「部门预算支出总表」。');
  });

  it('each share asked is answered, to the two decimals the documents print', () => {
    const r = ask(app, '竹山县基本支出和项目支出各占多少');
    expect(r.answer.understood).toBe('理解为：竹山县医疗保障局 2022年部门预算 · 基本支出、项目支出 占 支出总计 的比例');
    expect(r.answer.summary).toBe('支出总计 2,582.46 万元：基本支出 672.82 万元，占 26.05%；项目支出 1,909.64 万元，占 73.95%。');
  });

  it.each([
    ['巨鹿县医保局的事业收入是多少', '事业收入 0.00 万元，出自「部门预算收支总表」'],
    ['新乡凤泉医保局其他收入', '其他收入 0.00 万元，出自'],
    ['竹山县医保局年末结转结余', '年末结转结余 0.00 万元，出自「部门收支总体情况表」'],
    ['竹山县医保局2022年买车花了多少', '公务用车购置费 0.00 万元'],
    ['竹山县医保局公车运行', '公务用车运行维护费'],
  ])('%s: the line asked, never its neighbour (收入总计, 上年结转, 购置及运行)', (q, figure) => {
    const r = ask(app, q);
    expect(r.answer.summary).toContain(figure);
    expect(r.answer.summary).not.toMatch(/收入总计|上年结转|购置及运行/);
  });

  it.each([
    ['邢台市医疗保障局支出比2024年增加多少', '文件说明中所述：支出总计较2024年+504.02 万元'],
    ['邢台市医疗保障局与2024年相比三公经费', '文件说明中所述：“三公”经费较2024年-1.80 万元'],
  ])('%s: a year compared against that is not loaded is answered by the change the document states', (q, stated) => {
    const r = ask(app, q);
    expect(r.command).toBe('diff');
    expect(r.answer.summary).toContain(stated);
    expect(r.answer.summary).toContain('未经两年表格核对');
  });

  it('a line the document does not print is said so, not answered with 收入总计', () => {
    const r = ask(app, '邢台市医疗保障局其他收入');
    expect(r.answer.summary).toContain('没有读到其他收入');
    expect(r.answer.summary).not.toContain('2,394.27');
  });

  it('a ranking marks an unverified figure where it prints it', () => {
    const r = ask(app, '哪个部门三公经费最多');
    expect(r.answer.summary).toMatch(/^最多的是 竹山县医疗保障局 2022年部门预算：9\.60 万元（未核实）（共 5 个部门年度，都印有“三公”经费）。$/);
    expect(r.answer.notes).toContain('标“（未核实）”的数字未能与文件其他部分核对。');
  });
});

describeCorpus('over the seeds and the Jiangsu provincial departments (../shared/corpus)', () => {
  const app = useCorpusApp();

  it.each([
    ['省检察院2019年三公', '江苏省人民检察院 2019年部门预算 · 三公', '“三公”经费 418.26 万元'],
    ['江苏人大2019年三公经费是多少', '江苏省人大常委会办公厅 2019年部门预算 · 三公', '“三公”经费 767.60 万元'],
    ['省委办2018年三公', '中共江苏省委办公厅 2018年部门预算 · 三公', '“三公”经费'],
  ])('%s → %s', (q, understood, figure) => {
    const r = ask(app(), q);
    expect(r.answer.understood).toContain(understood);
    expect(r.answer.summary).toContain(figure);
  });

  it.each([['江苏高院2019年三公经费', '江苏高院'], ['省政协2019年三公', '省政协']])('%s: this app holds no such department — not loaded', (q, named) => {
    const r = ask(app(), q);
    expect(r.outcome).toBe('user-error');
    expect(r.answer.summary).toContain(`没有载入“${named}”的预算`);
    expect(r.text).not.toContain('万元');
  });

  it('a ranking keeps to the place named: 江苏省级 departments only, with how many print the figure', () => {
    const r = ask(app(), '2017年江苏省级部门哪家三公经费最多');
    expect(r.command).toBe('rank');
    expect(r.answer.understood).toBe('理解为：按“三公”经费给江苏省级的部门排名 · 2017年 · 最多在前');
    expect(r.answer.summary).toBe('最多的是 江苏省人大常委会办公厅 2017年部门预算：833.60 万元（共 3 个部门年度，都印有“三公”经费）。');
    expect(rowsOf(r.answer).map((row) => row['部门'])).not.toContain('竹山县医疗保障局');
  });

  it('a ranking names the departments that print no such figure', () => {
    const r = ask(app(), '/rank 会议费');
    expect(r.answer.summary).toMatch(/另有 \d+ 个部门的文件没有单列这个数：.*竹山县医疗保障局.*未列入排名/);
  });

  it('a line of the 收支总表 beyond the totals is its own figure: 单位预留机动经费, as the narrative also states it', () => {
    const r = ask(app(), '江苏人大2019年单位预留机动经费是多少');
    expect(r.answer.summary).toMatch(/^单位预留机动经费 2,557\.89 万元，出自/);
    expect(r.answer.summary).not.toContain('未核实');
  });

  it('three years asked together are a trend', () => {
    const r = ask(app(), '江苏省人民检察院2017到2019年三公经费怎么变的');
    expect(r.command).toBe('trend');
    for (const v of ['584.35', '484.30', '418.26']) expect(r.text).toContain(v);
  });
});

describeCorpus('two kinds of one department (普陀区财政局: the 2024 决算 and the 2025 预算, from ../shared/corpus)', () => {
  let app: App;
  beforeAll(() => {
    const dir = copyJiangsu(join(tempDir(), 'putuo'), ['sh_putuo_czj_2024_final.txt', 'sh_putuo_czj_2025_budget.txt']);
    const db = join(tempDir(), 'budget.sqlite');
    ingestDirectory([dir], db);
    app = openApp(db);
  });
  afterAll(() => app?.close());

  it('a year-on-year diff over a 决算 and a 预算 says so, in its title and a note', () => {
    const r = ask(app, '/diff 普陀区财政局');
    expect(r.answer.title).toBe('上海市普陀区财政局：2024年决算 → 2025年预算');
    expect(r.answer.notes).toContain('没有载入 2024 年的预算，所以用了 2024 年的决算。');
    expect(r.answer.notes).toContain('比较的是 2024 年决算与 2025 年预算，口径不同：决算是实际支出（其支出总计含年末结转结余），预算是计划数。');
    // The 决算's subject codes are printed apart from their names ("201 06 01"): no row of it is confirmed,
    // so no subject is called 新增 or 不再列示 for the reading's fault; a total not read is not 新增 either.
    expect(r.answer.notes).toContain('2024年决算的功能分类科目未能从文件文本可靠读出，这一类科目不作比较（不列新增或不再列示）。');
    expect(r.text).not.toMatch(/新增科目|不再列示的科目/);
    expect(rowsOf(r.answer).find((row) => row['项目'] === '“三公”经费')).toMatchObject({ 变化: '—', 变化率: '一方未读到' });
  });

  it('"2025年预算比2024年决算" compares the two documents asked for, not one year\'s 预算 and 决算', () => {
    const r = ask(app, '普陀区财政局2025年预算比2024年决算支出多了多少');
    expect(r.command).toBe('diff');
    expect(r.answer.understood).toBe('理解为：上海市普陀区财政局 2024年决算 → 2025年预算 · 支出总计');
    expect(r.answer.summary).toContain('3,121.42');
  });

  it('the execution of a figure whose 预算数 is not read is said so, never answered with the 三公 table', () => {
    const general = ask(app, '普陀区财政局2024年一般公共预算执行率');
    expect(general.answer.summary).toBe('上海市普陀区财政局 2024年部门决算中没有读到“一般公共预算财政拨款支出”的预算数与决算数，无法给出其执行率。');
    expect(general.text).not.toContain('三公”经费合计');
    const project = ask(app, '普陀区财政局2024年项目支出执行率');
    expect(project.answer.understood).toContain('预算执行：只读到决算数');
    expect(project.answer.notes[0]).toBe('文件中没有读到项目支出的年初预算数，无法计算执行率；以上是决算数。');
  });
});

describeCorpus('a 决算 that states its own execution (普陀区规划和自然资源局 2024, from ../shared/corpus)', () => {
  let app: App;
  beforeAll(() => {
    const dir = copyJiangsu(join(tempDir(), 'ghzy'), ['sh_putuo_ghzy_2024_final.txt']);
    const db = join(tempDir(), 'budget.sqlite');
    ingestDirectory([dir], db);
    app = openApp(db);
  });
  afterAll(() => app?.close());

  it.each(['普陀区规划和自然资源局2024年一般公共预算执行率', '普陀区规资局2024年预算执行情况'])('%s: the sentence\'s 年初预算, 决算 and rate, cited and marked as stated', (q) => {
    const r = ask(app, q);
    expect(r.answer.summary).toBe('文件说明中所述：一般公共预算财政拨款支出年初预算 10,210.34 万元，决算 9,746.50 万元，完成年初预算的 95.45%。');
    expect(r.answer.fields.map((f) => f.label)).toEqual(['年初预算', '决算', '完成率（文件所述）']);
    expect(r.answer.fields.every((f) => f.cite !== undefined)).toBe(true);
    expect(r.answer.citations.map((c) => c.line)).toEqual([413]);
    expect(r.answer.notes).toContain('以上是文件说明中的文字所述，表格中没有单列这些数。');
  });

  it('a scope it states nothing of is said so, with what it does state', () => {
    const r = ask(app, '普陀区规划和自然资源局2024年财政拨款预算完成情况');
    expect(r.answer.summary).toContain('没有读到“财政拨款支出”的预算数与决算数');
    expect(r.answer.notes[0]).toContain('一般公共预算财政拨款支出年初预算 10,210.34 万元');
  });

  it('三公 execution is still the 三公 table\'s', () => {
    expect(ask(app, '普陀区规划和自然资源局2024年三公经费执行率').answer.summary).toBe('“三公”经费预算数 2.85 万元，决算数 0.39 万元，执行率 13.7%。');
  });
});
