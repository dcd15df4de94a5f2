// /budget <department> [topic] [year]: a department's budget at a glance, or one topic in detail.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { percent, signed, wan, wanUnit } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import { topicOf, TOPICS } from '../src/query/topics.js';
import type { DocRow, Queries } from '../src/store/queries.js';
import { topicDetail } from './budget-topics.js';
import { citation, docLabel, targetOf, warningsFor } from './support.js';

export default defineCommand({
  name: 'budget',
  summary: '查看一个部门的预算：总览，或三公、基本支出、项目等专题',
  usage: '/budget <部门> [专题] [年份]',
  examples: ['/budget 竹山县 三公', '/budget 邢台市医保局', '/budget 江苏省人民检察院 项目支出 2018'],
  options: [
    { name: 'department', description: '部门名称，如 竹山县医保局', type: 'string', required: true, complete: 'department' },
    { name: 'topic', description: `专题：${TOPICS.map(([t]) => t).join('、')}`, type: 'string', complete: 'topic', choices: TOPICS.map(([t]) => t) },
    { name: 'year', description: '年份，如 2023、去年', type: 'string', complete: 'year' },
  ],
  run(input, { queries: q, catalog }) {
    const target = targetOf(input.text, catalog, { department: input.options.department as string | undefined, year: input.options.year });
    const topicText = input.options.topic === undefined ? target.rest : String(input.options.topic);
    const topic = topicOf(topicText);
    if (input.options.topic !== undefined && !topic) {
      throw new UserError(`不认识的专题“${topicText}”。可选：${TOPICS.map(([t]) => t).join('、')}`, TOPICS.map(([t]) => t), 'unknown-topic');
    }
    const { doc, department } = target;
    const b = createAnswer(topic ? `${docLabel(doc)} · ${topic}` : docLabel(doc));
    if (topic) topicDetail(b, q, doc, topic);
    else overview(b, q, doc, department.docs);
    const otherScope = department.docs.find((d) => d.year === doc.year && d.id !== doc.id);
    b.answer.years = { year: doc.year, available: [...new Set(department.docs.map((d) => d.year))].sort() };
    if (otherScope) b.answer.notes.push(`同年还载入了${otherScope.scope}${otherScope.kind}：${otherScope.unitName ?? otherScope.department}`);
    return b.answer;
  },
});

function overview(b: ReturnType<typeof createAnswer>, q: Queries, doc: DocRow, all: DocRow[]) {
  const t = q.totals(doc.id);
  const put = (key: Parameters<typeof t.get>[0], label: string) => b.field(label, wanUnit(t.get(key)?.value), citation(doc, t.get(key)));
  put('income_total', '收入总计');
  put('expenditure_total', '支出总计');
  put('general_budget_appropriation', '一般公共预算拨款');
  put('carryover', '上年结转结余');
  put('basic', '基本支出');
  put('project', '项目支出');
  put('personnel', '人员经费');
  put('public_funds', '公用经费');
  put('three_public', '“三公”经费');
  if (t.has('procurement_total')) put('procurement_total', '政府采购');
  if (t.has('assets_total')) put('assets_total', '固定资产');

  const spend = t.get('expenditure_total');
  const prior = all.find((d) => d.year === doc.year - 1 && d.scope === doc.scope);
  const priorSpend = prior ? q.totals(prior.id).get('expenditure_total') : undefined;
  const stated = q.changes(doc.id).find((c) => c.metric === 'expenditure_total');
  let change = '';
  if (spend && prior && priorSpend) {
    const diff = spend.value.minus(priorSpend.value);
    b.field(`较${prior.year}年`, `${signed(diff)} 万元（${percent(priorSpend.value.isZero() ? null : diff.div(priorSpend.value).times(100))}）`, citation(prior, priorSpend));
    change = `，较${prior.year}年${signed(diff)} 万元`;
  } else if (stated) {
    const pct = stated.percent ? `（${stated.percent.startsWith('-') ? '' : '+'}${stated.percent}%）` : '';
    b.field(`较${stated.priorYear}年（文件所述）`, `${signed(stated.change)} 万元${pct}`, citation(doc, stated));
    change = `，较${stated.priorYear}年${signed(stated.change)} 万元（文件所述）`;
  }
  b.answer.summary = `支出总计 ${wanUnit(spend?.value)}：基本支出 ${wan(t.get('basic')?.value)}，项目支出 ${wan(t.get('project')?.value)}${change}。`;
  const findings = q.findings(doc.id);
  b.field('勾稽问题', findings.length ? `${findings.length} 处` : '未发现');
  b.answer.warnings.push(...warningsFor(q, doc, [], 3));
}
