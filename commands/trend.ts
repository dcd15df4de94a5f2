// /trend <department> [figure]: one figure over every year loaded for a department, with the change
// each year and a line chart. Three or more years make a trend; two are a /diff.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { bar, changePercent, percent, signed, wan } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import { measureOf, type Measure } from '../src/query/measures.js';
import { requireDepartment } from '../src/query/resolve.js';
import { extractYears } from '../src/query/years.js';
import { readMeasure } from './budget-figures.js';
import { citation, scopeOf } from './support.js';

const SPENDING: Measure = { kind: 'total', key: 'expenditure_total', label: '支出总计' };

export default defineCommand({
  name: 'trend',
  summary: '一个部门历年的一项数字（支出总计、三公、会议费…）及逐年变化，附折线图',
  usage: '/trend <部门> [指标]',
  examples: ['/trend 江苏省人民检察院', '/trend 省委办公厅 三公', '/trend 江苏省人大常委会办公厅 会议费'],
  options: [
    { name: 'department', description: '部门名称', type: 'string', required: true, complete: 'department' },
    { name: 'metric', description: '指标：支出总计、三公、基本支出、会议费…（默认支出总计）', type: 'string', complete: 'metric' },
  ],
  run(input, { queries: q, catalog }) {
    const o = input.options;
    const { rest } = extractYears(`${input.text}`);
    const dep = requireDepartment(o.department === undefined ? rest : String(o.department), catalog);
    const measure = measureOf(o.metric === undefined ? rest : String(o.metric))?.measure ?? SPENDING;
    // One document per year: the scope asked for (本级 → 单位), else the 部门 budget.
    const scope = scopeOf(rest) ?? '部门';
    const years = [...new Set(dep.docs.map((d) => d.year))];
    const docs = years.map((y) => dep.docs.filter((d) => d.year === y)).map((ds) => ds.find((d) => d.scope === scope) ?? ds[0]);
    if (docs.length < 2) {
      throw new UserError(`${dep.name} 只载入了 ${years.join('、')} 年的预算，看不出趋势。`, [`/budget ${dep.name} ${measure.label}`], 'one-year');
    }
    const b = createAnswer(`${dep.name} ${measure.label}（${years[0]}–${years.at(-1)}）`);
    b.answer.understood = `理解为：${dep.name} · ${measure.label} · 已载入的 ${years.length} 个年度（${years.join('、')}）`;
    const reads = docs.map((d) => ({ doc: d, read: readMeasure(q, d, measure) }));
    b.table({
      columns: ['年度', `${measure.label}（万元）`, '较上年', '变化率'],
      numeric: [false, true, true, true],
      rows: reads.map(({ doc, read }, i) => {
        const prev = reads[i - 1]?.read?.value;
        const v = read?.value ?? null;
        return [`${doc.year}${doc.scope === '单位' ? '（单位）' : ''}`, v ? wan(v) : '—', prev && v ? signed(v.minus(prev)) : '—', prev && v ? percent(changePercent(prev, v)) : '—'];
      }),
      cites: reads.map(({ doc, read }) => [b.cite(citation(doc, read))]),
    });
    const known = reads.filter((r) => r.read?.value);
    if (known.length >= 2) {
      const [first, last] = [known[0], known.at(-1)!];
      b.answer.summary = `${measure.label}：${first.doc.year}年 ${wan(first.read!.value)} 万元 → ${last.doc.year}年 ${wan(last.read!.value)} 万元，共 ${signed(last.read!.value!.minus(first.read!.value!))} 万元（${percent(changePercent(first.read!.value!, last.read!.value!))}）。`;
    } else b.answer.summary = `只有 ${known.length} 个年度读到${measure.label}，看不出趋势。`;
    const tables = [...new Set(known.map((r) => r.read!.table))];
    b.answer.notes.push(`数字出自「${tables.join('」「')}」。`);
    if (years.length === 2) b.answer.notes.push('只载入了两个年度：逐项变化见 /diff。');
    if (known.length >= 2) b.answer.chart = { kind: 'line', title: b.answer.title, unit: '万元', bars: known.map((r) => bar(`${r.doc.year}`, r.read!.value)) };
    return b.answer;
  },
});
