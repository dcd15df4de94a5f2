// Free-form questions as an analyst types them, each with the line saying how it was understood and
// the figures (read from the documents by hand) its answer must contain. Seeds first, then the
// Jiangsu corpus read from ../shared.
import { describe, expect, it } from 'vitest';
import { ask, bundledApp, corpusApp } from '../helpers/app.js';
import { chartSvg } from '../../src/render/chart.js';
import { describeCorpus } from '../support/corpus.js';

type Case = [question: string, command: string, understood: RegExp, figures: string[]];

function check(app: ReturnType<typeof bundledApp>, [question, command, understood, figures]: Case) {
  const r = ask(app, question);
  expect(r.outcome).not.toBe('bug');
  expect(r.command).toBe(command);
  // The understood-as line comes first, before the title and every figure; a slash command has none.
  if (question.startsWith('/')) expect(r.answer.understood).toBeUndefined();
  else {
    expect(r.text.split('\n')[0]).toMatch(/^理解为/);
    expect(r.answer.understood).toMatch(understood);
  }
  for (const f of figures) expect(r.text).toContain(f);
}

const SEEDS: Case[] = [
  ['竹山县办公费', 'budget', /竹山县医疗保障局 2022年部门预算 · 办公费（30201）/, ['2.86 万元', '一般公共预算基本支出情况表']],
  ['竹山县医保局三公经费是多少', 'budget', /竹山县医疗保障局 2022年部门预算 · 三公/, ['9.60 万元', '公务接待费 6.50']],
  ['竹山县公务接待费', 'budget', /公务接待费$/, ['公务接待费 6.50 万元']],
  ['竹山县住房公积金', 'budget', /住房公积金（30113/, ['53.67 万元']],
  ['竹山县城乡医疗救助', 'budget', /城乡医疗救助（2101301）/, ['没有“城乡医疗救助”（2101301）这一行']],
  ['竹山縣公用經費', 'budget', /繁体.*公用经费/, ['公用经费 52.88 万元']],
  ['zhushan 三公', 'budget', /zhushan.*竹山.*三公/, ['9.60 万元']],
  ['total budget of zhushan', 'budget', /竹山县医疗保障局/, ['支出总计 2,582.46 万元']],
  ['three public expenses zhushan', 'budget', /三公/, ['“三公”经费 9.60 万元']],
  ['竹山县的飞机票', 'budget', /“飞机票”（未能对应/, ['没有找到“飞机票”']],
  ['竹山县医保局预算情况怎么样', 'budget', /竹山县医疗保障局 2022年部门预算 · 总览/, ['2,582.46 万元']],
  ['竹山县2022年人员经费', 'budget', /人员经费/, ['人员经费 619.93 万元']],
  ['巨鹿县人员经费', 'budget', /巨鹿县医疗保障局 2023年部门预算 · 人员经费/, ['人员经费 274.90 万元']],
  ['巨鹿县和竹山县哪个人员经费多', 'compare', /比较 巨鹿县医疗保障局 2023年部门预算 与 竹山县医疗保障局 2022年部门预算 · 人员经费/, ['巨鹿县 274.90 万元', '竹山县 619.93 万元', '竹山县多 345.03 万元']],
  ['巨鹿县、竹山县和凤泉区的人员经费对比', 'compare', /人员经费 · 未比较：新乡市凤泉区医疗保障局$/, ['竹山县多 345.03 万元', '还提到了 新乡市凤泉区医疗保障局']],
  ['巨鹿县和竹山县比较三公经费', 'compare', /“三公”经费/, ['竹山县多 9.60 万元']],
  ['巨鹿县项目支出占总支出比例', 'budget', /项目支出 占 支出总计 的比例/, ['236.00', '534.80', '44.13%']],
  ['巨鹿县培训费', 'budget', /培训费/, ['2.20 万元', '30216']],
  ['巨鹿县公用经费', 'budget', /公用经费/, ['公用经费 23.90 万元']],
  ['巨鹿县医疗保障局 2023', 'budget', /总览/, ['支出总计 534.80 万元']],
  ['凤泉区城乡医疗救助', 'budget', /新乡市凤泉区医疗保障局 2023年部门预算 · 城乡医疗救助（2101301）/, ['186.00 万元']],
  ['凤泉区2023年基本支出', 'budget', /基本支出/, ['基本支出 148.10 万元', '人员经费 142.60', '公用经费 5.50']],
  ['凤泉区和双桥区对比', 'compare', /比较 新乡市凤泉区医疗保障局 2023年部门预算 与 承德市双桥区/, ['2,230.80', '3,526.22']],
  ['凤泉区2023年政府采购', 'budget', /政府采购/, ['政府采购预算 0.00 万元']],
  ['邢台市医保局上年结转多少', 'budget', /邢台市医疗保障局 2025年部门预算 · 上年结转结余/, ['642.73 万元']],
  ['邢台市医疗保障局本级三公', 'budget', /邢台市医疗保障局本级 2025年单位预算 · 三公/, ['“三公”经费 1.00 万元']],
  ['邢台市医保局比去年增加了多少', 'diff', /邢台市医疗保障局 2024年 → 2025年/, ['+504.02 万元', '未经两年表格核对']],
  ['邢台市医保局基本支出占支出总计比例', 'budget', /基本支出 占 支出总计/, ['1,059.54', '2,394.27', '44.25%']],
  ['邢台市医疗保障局的资产', 'budget', /资产/, ['固定资产 1,160.77 万元']],
  ['邢台市2025年基本支出', 'budget', /基本支出/, ['基本支出 1,059.54 万元', '人员经费 933.23']],
  ['双桥区医疗保障局人员经费', 'budget', /人员经费/, ['人员经费 192.05 万元']],
  ['双桥区办公费', 'budget', /办公费（30201）/, ['3.30 万元']],
  ['承德市双桥区医保局2024年项目支出', 'budget', /项目支出/, ['项目支出 3,323.00 万元']],
  ['哪个单位办公费最多', 'rank', /按30201 办公费给部门排名/, ['10.00', '2.86']],
  ['哪个部门三公经费最多', 'rank', /按“三公”经费给部门排名/, ['竹山县医疗保障局', '9.60']],
  ['2101501是什么', 'subject', /科目 2101501 行政运行/, ['2101501 行政运行', '1,059.54']],
  ['住房公积金', 'subject', /住房公积金/, ['53.67']],
  ['竹山县会议费和培训费', 'budget', /竹山县医疗保障局 2022年部门预算 · 会议费、培训费$/, ['2.60 万元', '1.30 万元']],
  ['竹山县公务接待费和公务用车运行维护费', 'budget', /公务接待费、公务用车运行维护费$/, ['6.50 万元', '3.10 万元']],
  ['/budget 竹山医疗局', 'budget', /./, ['竹山县医疗保障局 2022年部门预算']],
  ['竹山县办工费', 'budget', /按“办工费 → 办公费”理解.*办公费（30201）/, ['2.86 万元']],
  ['竹山县会议废', 'budget', /按“会议废 → 会议费”理解/, ['2.60 万元']],
  ['竹山县三工经费', 'budget', /“三工”（未能对应/, ['你是不是想问：三公？']],
  ['巨鹿县和竹山县办公费对比', 'compare', /· 办公费（30201）$/, ['巨鹿县 10.00 万元，竹山县 2.86 万元；巨鹿县多 7.14 万元']],
  ['巨鹿县医疗保障局三公经费为什么是0', 'budget', /三公 · 无法回答“为什么”，只给出数字/, ['“三公”经费 0.00 万元', '/search']],
  ['邢台市医保局单位预算三公', 'budget', /邢台市医疗保障局本级 2025年单位预算 · 三公/, ['1.00 万元']],
  ['竹山县医保局2022年的总预算', 'budget', /支出总计$/, ['2,582.46 万元', '部门收支总体情况表']],
  ['竹山县人力资源和社会保障局三公', 'budget', /竹山县人力资源和社会保障局（未载入）/, ['没有载入“竹山县人力资源和社会保障局”的预算']],
  ['竹山县医保局和竹山县发展和改革委员会比较', 'compare', /竹山县发展和改革委员会（未载入）/, ['没有载入“竹山县发展和改革委员会”的预算']],
  ['竹山县机关运行经费', 'budget', /机关运行经费$/, ['没有读到机关运行经费', '最接近的是公用经费', '/budget 竹山县医疗保障局 公用经费']],
  ['三公经费', 'rank', /按“三公”经费给部门排名/, ['竹山县医疗保障局', '9.60']],
  ['total budget', 'rank', /total budget → 支出总计.*按支出总计给部门排名/, ['2,582.46']],
  ['巨鹿县预算有什么问题', 'check', /勾稽检查 · 巨鹿县医疗保障局/, []],
  ['长期护理保险', 'search', /全文搜索“长期护理保险”/, ['找到']],
  ['有哪些部门的数据', 'sources', /sources|载入/, []],
];

const CORPUS: Case[] = [
  ['江苏省人大常委会办公厅2019年会议费', 'budget', /江苏省人大常委会办公厅 2019年部门预算 · 会议费/, ['会议费 1,469.73 万元', '“三公”经费、会议费、培训费支出预算表']],
  ['人大办公厅2018年住房公积金', 'budget', /江苏省人大常委会办公厅 2018年部门预算 · 住房公积金/, ['572.56 万元']],
  ['省检察院今年的培训费', 'budget', /江苏省人民检察院 2019年部门预算 · 培训费/, ['培训费 700.00 万元']],
  ['江苏省检查院2019年培训费', 'budget', /江苏省检查院 → 江苏省检察院.*培训费/, ['700.00 万元']],
  ['省委办公厅2018年会议费', 'budget', /中共江苏省委办公厅 2018年部门预算 · 会议费/, ['933.50 万元']],
  ['江苏省人民检察院2018年公务接待费', 'budget', /公务接待费/, ['116.50 万元']],
  ['江苏省人民检察院2019年办公费', 'budget', /办公费（30201）/, ['158.00 万元']],
  ['江苏省人民检察院2019年项目支出占总支出比例', 'budget', /项目支出 占 支出总计/, ['4,335.30', '24,169.74', '17.94%']],
  ['省委办公厅上年结转', 'budget', /上年结转结余/, ['上年结转结余']],
  ['省委办公厅2017年收入', 'budget', /2017年部门预算 · 收入/, ['收入总计 20,849.45 万元']],
  ['江苏省人大常委会办公厅去年的三公', 'budget', /2018年部门预算 · 三公/, ['833.60 万元']],
  ['哪个部门会议费最多', 'rank', /按会议费给部门排名/, ['1,469.73', '933.50', '158.44', '“三公”经费、会议费、培训费支出预算表']],
  ['哪个部门培训费最多', 'rank', /按培训费给部门排名/, ['700.00', '363.38']],
  ['哪个单位行政运行支出最多', 'rank', /按行政运行/, ['12,268.62']],
  ['行政运行哪个单位最多', 'rank', /按行政运行/, ['12,268.62']],
  ['支出总计排名前3', 'rank', /按支出总计给部门排名/, ['27,664.22']],
  ['比较江苏省检察院和省政协的三公经费', 'compare', /比较 · 江苏省人民检察院 · 省政协（未载入） · “三公”经费/, ['没有载入“省政协”的预算', '江苏省人民检察院']],
  ['江苏省政协三公经费', 'budget', /江苏省政协（未载入）/, ['没有载入“江苏省政协”的预算']],
  ['江苏省高级人民法院2019年支出', 'budget', /江苏省高级人民法院（未载入）/, ['没有载入“江苏省高级人民法院”的预算']],
  ['上海市财政局三公', 'budget', /上海市财政局（未载入）/, ['没有载入“上海市财政局”的预算']],
  ['竹山县财政局三公', 'budget', /竹山县财政局（未载入）/, ['没有载入“竹山县财政局”的预算', '已载入的是：竹山县医疗保障局']],
  ['江苏省人大常委会办公厅2019年会议费和培训费', 'budget', /会议费、培训费$/, ['1,469.73 万元', '363.38 万元']],
  ['江苏省人民检察院和江苏省人大常委会办公厅2019年会议费对比', 'compare', /会议费/, ['158.44', '1,469.73', '多 1,311.29 万元']],
  ['江苏省人民检察院2019年比2018年支出增加多少', 'diff', /江苏省人民检察院 2018年 → 2019年的变化 · 支出总计/, ['增加 2,214.39 万元']],
  ['江苏省人民检察院2019年比2018年变化', 'diff', /2018年 → 2019年/, ['+2,214.39 万元']],
  ['江苏省人大常委会办公厅三公经费比去年变化', 'diff', /“三公”经费/, ['833.60 → 767.60 万元，减少 66.00 万元']],
  ['江苏省人民检察院支出增长率', 'diff', /支出总计/, ['+10.1%']],
  ['哪个部门公务接待费最多', 'rank', /公务接待费/, ['384.75']],
  ['江苏省人民检察院 2019 三公', 'budget', /三公/, ['418.26 万元']],
  ['江苏省人大常委会办公厅2019年机关运行经费', 'budget', /2019年部门预算 · 机关运行经费$/, ['1,642.08 万元', '一般公共预算机关运行经费支出预算表']],
  ['江苏省人民检察院机关运行经费的趋势', 'trend', /机关运行经费/, ['6,032.55', '2,391.92']],
  ['哪个部门机关运行经费最多', 'rank', /按机关运行经费给部门排名/, ['2,391.92', '1,642.08']],
  ['江苏省人民检察院近三年三公经费', 'trend', /江苏省人民检察院 · “三公”经费 · 已载入的 3 个年度/, ['584.35', '484.30', '418.26', '-17.1%']],
  ['人大办公厅历年支出', 'trend', /江苏省人大常委会办公厅 · 支出总计/, ['13,649.07', '15,897.44', '18,330.37', '+34.3%']],
  ['省委办公厅会议费的趋势', 'trend', /会议费/, ['933.50', '“三公”经费、会议费、培训费支出预算表']],
];

describe('free-form questions over the seeds: understood-as line and figures', () => {
  const app = bundledApp();
  it.each(SEEDS)('%s → /%s', (...c) => check(app, c));
});

describeCorpus('free-form questions over the seeds and the Jiangsu corpus', () => {
  const app = corpusApp();
  it.each(CORPUS)('%s → /%s', (...c) => check(app, c));

  it('/trend draws a line over the years, each point labelled exactly', async () => {
    const r = ask(app, '/trend 江苏省人民检察院 三公');
    expect(r.answer.chart).toMatchObject({ kind: 'line', bars: [{ label: '2017', display: '584.35' }, { label: '2018', display: '484.30' }, { label: '2019', display: '418.26' }] });
    const svg = await chartSvg(r.answer.chart!);
    for (const label of ['584.35', '484.30', '418.26', '2017', '2019']) expect(svg).toContain(label);
    expect(ask(app, '/trend 竹山县').answer.summary).toContain('只载入了 2022 年');
  });

  it('every subject code of the corpus with /subject and /rank: no internal error', () => {
    for (const code of app.ctx.catalog.subjects.keys()) {
      for (const q of [`/subject ${code}`, `/rank ${code}`, `/compare 江苏省人民检察院 省委办公厅 ${code}`, `/diff 江苏省人大常委会办公厅 ${code}`]) expect(ask(app, q).outcome, q).not.toBe('bug');
    }
  });

  it('/subject 会议费 shows the 三公-table column beside the economic subject', () => {
    const r = ask(app, '/subject 会议费');
    expect(r.answer.tables.map((t) => t.title)).toEqual(['30215 会议费（经济分类款：商品和服务支出 › 会议费）', '会议费（「“三公”经费、会议费、培训费支出预算表」所印，各部门最新年度）']);
    expect(r.answer.tables[1].rows.map((x) => x[3])).toEqual(['1,469.73', '933.50', '158.44']);
  });

  it('a filter that leaves no row gives no empty table', () => {
    const r = ask(app, '/subject 2101501 2019');
    expect(r.answer.tables).toHaveLength(0);
    expect(r.answer.summary).toBe('没有符合条件的部门年度印有 2101501 行政运行。');
  });

  it('/compare with a department not loaded says which', () => {
    const r = ask(app, '/compare 江苏省人民检察院 省政协');
    expect(r.outcome).toBe('user-error');
    expect(r.answer.summary).toContain('没有载入“省政协”的预算');
  });

  it('/compare of a department and its 本级 unit budget compares the two budgets', () => {
    const r = ask(app, '/compare 邢台市医疗保障局 邢台市医疗保障局本级');
    expect(r.outcome).toBe('ok');
    expect(r.answer.title).toBe('邢台市医疗保障局 2025年部门预算 对比 邢台市医疗保障局本级 2025年单位预算');
  });

  it('/rank 会议费 ranks the 三公 table column and names the table', () => {
    const r = ask(app, '/rank 会议费');
    expect(r.answer.tables[0].rows.map((x) => [x[1], x[3]])).toEqual([['江苏省人大常委会办公厅', '1,469.73'], ['中共江苏省委办公厅', '933.50'], ['江苏省人民检察院', '158.44']]);
    expect(r.answer.notes.join()).toContain('“三公”经费、会议费、培训费支出预算表');
  });

  it('/diff of two Jiangsu years fits one chat message; its CSV holds every row', () => {
    const r = ask(app, '/diff 江苏省人民检察院 2018 2019');
    expect(r.text.length).toBeLessThanOrEqual(4000);
    expect(r.text.split('\n').length).toBeLessThanOrEqual(45);
    // Every citation is of a row shown.
    const cited = new Set([...r.answer.fields.map((f) => f.cite), ...r.answer.tables.flatMap((t) => (t.cites ?? []).flat())].filter(Boolean));
    expect(r.answer.citations.length).toBeLessThanOrEqual(cited.size + 1);
    const csv = r.answer.csvTables!;
    expect(csv[1].rows.length).toBeGreaterThan(40);
    expect(csv[0].rows.map((x) => x[0])).toContain('人员经费');
  });

  it('/subject 30201 across every department, and with a region', () => {
    for (const q of ['/subject 30201', '/subject 30201 2019', '/subject 302', '/subject 30201 江苏']) expect(ask(app, q).outcome).toBe('ok');
    const r = ask(app, '/subject 30201');
    expect(r.answer.summary).toContain('江苏省人大常委会办公厅 2019年 570.00 万元');
    // A row printed blank stays blank, ranked last (in the CSV: the chat shows the first 10).
    expect(r.answer.tables[0].rows).toHaveLength(10);
    expect(r.answer.notes).toContain('「30201 办公费（经济分类款：商品和服务支出 › 办公费）」共 14 行，只列出前 10 行；加 --all 显示全部，或见 CSV（加 --csv）。');
    expect(r.answer.csvTables![0].rows.at(-1)).toEqual(['14', '新乡市凤泉区医疗保障局', '2023', '—', '—', '—']);
    expect(ask(app, '/subject 30201 江苏').answer.tables[0].rows.every((x) => /江苏/.test(x[1]))).toBe(true);
  });
});

describe('every subject code with every command: no internal error', () => {
  const app = bundledApp();
  const codes = [...app.ctx.catalog.subjects.keys()];
  it(`${codes.length} codes × /subject /rank /compare /diff`, () => {
    for (const code of codes) {
      for (const q of [`/subject ${code}`, `/rank ${code}`, `/compare 巨鹿县 竹山县 ${code}`, `/diff 邢台市医保局 ${code}`, `竹山县${code}`]) {
        expect(ask(app, q).outcome, q).not.toBe('bug');
      }
    }
  });
});
