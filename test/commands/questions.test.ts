// Questions as people type them, in Chinese, mapped to the same commands and the same figures: on the
// five bundled seeds, and questions about several years of one department on the Jiangsu corpus.
import { describe, expect, it } from 'vitest';
import { ask, bundledApp, useCorpusApp } from '../helpers/app.js';
import { describeCorpus } from '../support/corpus.js';

const app = bundledApp();

describe('free-form questions', () => {
  it.each([
    ['竹山县医保局三公经费是多少', 'budget', /“三公”经费 9\.60 万元/],
    ['邢台市2025年基本支出', 'budget', /基本支出 1,059\.54 万元：人员经费 933\.23，公用经费 126\.31/],
    ['双桥区医疗保障局人员经费', 'budget', /人员经费 192\.05 万元/],
    ['承德市双桥区医保局2024年项目支出', 'budget', /项目支出 3,323\.00 万元，列出项目 10 个/],
    ['邢台市2025年收入', 'budget', /收入总计 2,394\.27 万元/],
    ['巨鹿县的项目有哪些', 'budget', /列出项目 9 个/],
    // A department's own largest project: its list, largest named — not departments ranked by 项目支出.
    ['凤泉区医保局最大的项目是什么', 'budget', /列出项目 10 个，金额最大的是“城乡居民医疗配套费” 897\.70 万元/],
    ['哪个部门项目支出最多', 'rank', /项目支出 排名/],
    ['巨鹿县公用经费', 'budget', /公用经费 23\.90 万元/],
    ['凤泉区2023年政府采购', 'budget', /政府采购预算 0\.00 万元/],
    ['邢台市医疗保障局的资产', 'budget', /固定资产 1,160\.77 万元/],
    ['竹山县的支出明细', 'budget', /支出总计 2,582\.46 万元，按功能分类如下/],
    ['邢台市医保局的绩效目标', 'budget', /列出绩效指标 44 条/],
    ['巨鹿县医疗保障局 2023', 'budget', /支出总计 534\.80 万元/],
    ['行政运行哪个单位最多', 'rank', /最多的是 邢台市医疗保障局 2025年部门预算：1,059\.54 万元/],
    ['哪个部门三公经费最多', 'rank', /最多的是 竹山县医疗保障局 2022年部门预算：9\.60 万元/],
    ['支出总计排名前3', 'rank', /最多的是 承德市双桥区医疗保障局本级 2024年单位预算：3,526\.22 万元/],
    ['邢台市医保局比去年增加了多少', 'diff', /只载入了 2025 年的文件/],
    ['凤泉区和双桥区对比', 'compare', /支出总计：凤泉区 2,230\.80 万元，双桥区 3,526\.22 万元/],
    ['巨鹿县预算有什么问题', 'check', /处文件自身数字不一致|相互一致/],
    ['2101501是什么', 'subject', /2101501 行政运行：5 个部门年度有此科目/],
    ['住房公积金', 'subject', /有此科目/],
    ['长期护理保险', 'search', /找到 \d+ 条/],
    ['搜索医保宣传', 'search', /找到 \d+ 条/],
    ['有哪些部门的数据', 'sources', /5 个部门，6 份预算/],
    // Which departments print a thing: searched for, not the list of what is loaded.
    ['哪些部门有长期护理保险项目', 'search', /搜索“长期护理保险”[\s\S]*找到 \d+ 条/],
    ['哪个单位安排了医保宣传经费', 'search', /搜索“医保宣传”/],
    // The 一般公共预算支出表's 合计, read as a figure of its own (3 万元 under 支出总计 3,526.22 here).
    ['双桥区医保局2024年一般公共预算财政拨款支出', 'budget', /一般公共预算支出 3,523\.22 万元，出自「单位预算一般公共预算财政拨款支出表」/],
    // A figure people name that is not read as a total of its own: said so, the neighbour offered by name — not 支出总计 or 收入总计.
    ['双桥区医保局 财政拨款支出', 'budget', /没有读到财政拨款支出/],
    // A figure named is a ranking, as before.
    ['哪些部门有三公经费', 'rank', /“三公”经费 排名/],
    ['帮助', 'help', /budget-bot/],
  ])('%s → /%s', (question, command, expected) => {
    const r = ask(app, question);
    expect(r.command).toBe(command);
    expect(r.outcome).toBe('ok');
    expect(`${r.answer.title}\n${r.answer.summary}`).toMatch(expected);
  });
});

describe('a figure is ranked as named, never by a neighbour', () => {
  it('哪个部门一般公共预算支出最多: ranks 一般公共预算支出, not 支出总计', () => {
    const r = ask(app, '哪个部门一般公共预算支出最多');
    expect(r.outcome).toBe('ok');
    expect(r.answer.title).toContain('一般公共预算支出 排名');
    expect(r.answer.summary).toContain('最多的是 承德市双桥区医疗保障局本级 2024年单位预算：3,523.22 万元');
  });

  it('财政拨款收入 (all three funds\' appropriations) is not ranked as 一般公共预算拨款', () => {
    const r = ask(app, '/rank 财政拨款收入');
    expect(r.outcome).toBe('user-error');
    expect(r.text).toContain('没有读到各部门的财政拨款收入');
  });

  it('a figure every department prints blank (0) names no "most"', () => {
    const r = ask(app, '哪个部门上级补助收入最多');
    expect(r.outcome).toBe('user-error');
    expect(r.text).toContain('各部门的上级补助收入都是 0 或空白，没有可排的名次');
    expect(r.text).not.toMatch(/最多的是/);
  });

  it('哪个部门财政拨款支出最多: says it is not read (not a total of its own), ranks nothing', () => {
    const r = ask(app, '哪个部门财政拨款支出最多');
    expect(r.outcome).toBe('user-error');
    expect(r.text).toContain('没有读到各部门的财政拨款支出');
    expect(r.text).not.toMatch(/最多的是/);
  });
});

describe('nothing a user types crashes anything', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '   \u3000  '],
    ['very long', '竹山县'.repeat(400)],
    ['emoji', '💰💰 竹山县 🤔'],
    ['SQL', "'; DROP TABLE documents; --"],
    ['FTS syntax', '/search "医保 NEAR(宣传 OR *'],
    ['unbalanced quotes', '/search 医保"宣传'],
    ['control characters', '/budget 竹山县\u0000\u0007\u001b[31m 三公'],
    ['an unknown command', '/budgett 竹山县'],
    ['a command with no arguments', '/compare'],
    ['a number only', '12345678901234567890'],
    ['full-width digits', '/budget 邢台市医保局 ２０２５'],
  ])('%s gets an answer or a clear message', (_, text) => {
    const r = ask(app, text);
    expect(r.outcome).not.toBe('bug');
    expect(r.text.length).toBeGreaterThan(0);
  });

  it('the tables survive an SQL-looking question', () => {
    ask(app, "/budget 竹山县'; DROP TABLE documents; --");
    expect(ask(app, '/sources').answer.summary).toMatch(/6 份预算/);
  });

  it('full-width digits are years too', () => {
    expect(ask(app, '/budget 邢台市医保局 ２０２５').answer.title).toBe('邢台市医疗保障局 2025年部门预算');
    expect(ask(app, '/budget 竹山县 ２０１９').answer.summary).toMatch(/没有载入 2019 年的预算/);
  });
});

describeCorpus('questions about several years of one department (Jiangsu, from ../shared/corpus)', () => {
  const jiangsu = useCorpusApp();

  it.each([
    ['江苏省人大常委会办公厅去年的三公', 'budget', /“三公”经费 833\.60 万元/],
    ['省委办公厅2017年收入', 'budget', /收入总计 20,849\.45 万元/],
    ['检察院的绩效目标', 'budget', /文件中没有读到绩效指标|列出绩效指标/],
    ['行政运行哪个单位最多', 'rank', /最多的是 江苏省人民检察院 2019年部门预算：12,268\.62 万元/],
    ['哪个部门三公经费最多', 'rank', /最多的是 江苏省人大常委会办公厅/],
    ['支出总计排名前3', 'rank', /最多的是 中共江苏省委办公厅 2019年部门预算：27,664\.22 万元/],
    ['江苏省人民检察院2019年比2018年变化', 'diff', /\+2,214\.39 万元/],
    ['有哪些部门的数据', 'sources', /8 个部门，15 份预算/],
  ])('%s → /%s', (question, command, expected) => {
    const r = ask(jiangsu(), question);
    expect(r.command).toBe(command);
    expect(r.outcome).toBe('ok');
    expect(`${r.answer.title}\n${r.answer.summary}`).toMatch(expected);
  });

  it('full-width digits pick one of several loaded years', () => {
    expect(ask(jiangsu(), '/budget 江苏省人民检察院 ２０１８').answer.title).toBe('江苏省人民检察院 2018年部门预算');
  });
});
