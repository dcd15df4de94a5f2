// /compare <department> <department> [topic] [year]: two departments side by side.
import type { Decimal } from 'decimal.js';
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { bar, wan } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import { measureOf } from '../src/query/measures.js';
import { departmentMentions } from '../src/query/mentions.js';
import { readMeasure } from './budget-figures.js';
import { findSubjects, requireDepartment } from '../src/query/resolve.js';
import { topicOf } from '../src/query/topics.js';
import { extractYears } from '../src/query/years.js';
import { COMPARED_TOTALS, TOTAL_LABELS } from './labels.js';
import { citation, docLabel, pickDocument } from './support.js';


export default defineCommand({
  name: 'compare',
  summary: '并排比较两个部门的预算（总额、三公或科目明细）',
  usage: '/compare <部门> <部门> [专题] [年份]',
  examples: ['/compare 巨鹿县 竹山县', '/compare 江苏省人民检察院 江苏省人大常委会办公厅 三公 2019', '/compare 邢台市 双桥区 支出'],
  options: [
    { name: 'first', description: '第一个部门', type: 'string', required: true, complete: 'department' },
    { name: 'second', description: '第二个部门', type: 'string', required: true, complete: 'department' },
    { name: 'topic', description: '专题：三公、支出、经济分类', type: 'string', complete: 'topic', choices: ['三公', '支出', '经济分类'] },
    { name: 'year', description: '年份', type: 'string', complete: 'year' },
  ],
  run(input, { queries: q, catalog }) {
    const o = input.options;
    const { years, rest } = extractYears(`${o.year ?? ''} ${input.text}`);
    const named = o.first !== undefined && o.second !== undefined ? `${o.first} 和 ${o.second}` : rest;
    const { found, missing } = departmentMentions(named, catalog);
    if (o.first !== undefined && o.second !== undefined && found.length < 2 && !missing.length) {
      for (const n of [String(o.first), String(o.second)]) requireDepartment(n, catalog);
    }
    if (missing.length && found.length) {
      // One side is not loaded: say so, and give what is known of the other rather than refuse.
      throw new UserError(`没有载入“${missing.join('”“')}”的预算，无法比较。已载入的是 ${found.map((f) => f.department.name).join('、')}；用 /sources 查看全部已载入的部门。`, found.map((f) => `/budget ${f.unitName ?? f.department.name} ${topicOf(rest) ?? ''}`.trim()), 'not-loaded');
    }
    if (missing.length) throw new UserError(`没有载入“${missing.join('”“')}”的预算。用 /sources 查看已载入的部门。`, [], 'not-loaded');
    if (found.length < 2) throw new UserError('请给出两个部门，如 /compare 巨鹿县 竹山县', [], 'need-two-departments');
    // The same department's 部门 and 单位 (本级) budgets are two budgets and may be compared.
    const docs = found.slice(0, 2).map((f) => pickDocument(f.department, years[0], f.unitName, f.unitName ? '单位' : null));
    if (docs[0].id === docs[1].id) throw new UserError(`两个名称都指 ${docs[0].unitName ?? docs[0].department}，请给出两个不同的部门。要看同一部门的年度变化，请用 /diff。`, [], 'same-department');
    const topic = topicOf(o.topic === undefined ? rest : String(o.topic));
    const subjects = topic ? [] : findSubjects(o.topic === undefined ? rest : String(o.topic), catalog);
    const b = createAnswer(`${docLabel(docs[0])} 对比 ${docLabel(docs[1])}`);
    // Columns are named by region, or by department where both are in one region.
    const names = docs.map((d) => (docs[0].region && docs[0].region !== docs[1].region ? d.region! : d.unitName ?? d.department));
    const header = ['项目', ...docs.map((d, i) => `${names[i]} ${d.year}`), '差额'];
    const row = (label: string, values: (Decimal | null)[], cites: (number | undefined)[]) => ({ label, values, cites });
    let rows: ReturnType<typeof row>[];
    if (topic === '三公') {
      const t = docs.map((d) => q.threePublic(d.id));
      const keys = [['total', '“三公”经费'], ['outbound', '因公出国（境）费'], ['vehiclePurchase', '公务用车购置费'], ['vehicleOperation', '公务用车运行维护费'], ['reception', '公务接待费'], ['meeting', '会议费'], ['training', '培训费']] as const;
      rows = keys.filter(([k]) => t.some((x) => x?.[k] !== undefined && x?.[k] !== null) || k === 'total').map(([k, label]) => row(label, t.map((x) => x?.[k] ?? null), t.map((x, i) => b.cite(citation(docs[i], x)))));
    } else if (topic === '支出' || topic === '经济分类') {
      const kind = topic === '支出' ? 'function' : 'economic';
      const items = docs.map((d) => new Map(q.items(kind, d.id).map((r) => [r.code, r])));
      const codes = [...new Set(items.flatMap((m) => [...m.keys()]))].sort();
      rows = codes.map((code) => row(`${code} ${(items[0].get(code) ?? items[1].get(code))!.name}`, items.map((m) => m.get(code)?.total ?? null), items.map((m, i) => b.cite(citation(docs[i], m.get(code))))));
    } else if (subjects.length && !measureOf(rest)) {
      // A line item named ("办公费", "2101501"): that row in each document, under each code it has.
      rows = subjects.map((s) => {
        const found = docs.map((d) => q.items(s.kind, d.id).find((r) => r.code === s.code));
        return row(`${s.code} ${s.name}`, found.map((r) => r?.total ?? null), found.map((r, i) => b.cite(citation(docs[i], r))));
      }).filter((r) => r.values.some(Boolean));
      const [x, y] = rows[0]?.values ?? [null, null];
      if (x && y) b.answer.summary = `${rows[0].label}：${names[0]} ${wan(x)} 万元，${names[1]} ${wan(y)} 万元；${x.eq(y) ? '两者相同' : `${names[x.gt(y) ? 0 : 1]}多 ${wan(x.minus(y).abs())} 万元`}。`;
      else b.answer.notes.push(`${subjects[0].name}（${subjects.map((s) => s.code).join('、')}）只在其中一个部门的文件中印出，或两个都没有。`);
    } else {
      const totals = docs.map((d) => q.totals(d.id));
      rows = [...COMPARED_TOTALS, 'procurement_total' as const].map((k) => row(TOTAL_LABELS[k], totals.map((t) => t.get(k)?.value ?? null), totals.map((t, i) => b.cite(citation(docs[i], t.get(k))))));
    }
    b.table({
      columns: header,
      numeric: [false, true, true, true],
      rows: rows.map((r) => [r.label, wan(r.values[0]), wan(r.values[1]), r.values[0] && r.values[1] ? wan(r.values[0].minus(r.values[1])) : '—']),
      cites: rows.map((r) => r.cites),
    });
    const spend = docs.map((d) => q.totals(d.id).get('expenditure_total')?.value ?? null);
    if (spend[0] && spend[1] && !b.answer.summary) b.answer.summary = `支出总计：${names[0]} ${wan(spend[0])} 万元，${names[1]} ${wan(spend[1])} 万元。`;
    // The figure the question names (人员经费, 会议费…) decides the summary: which is larger and by how much.
    const asked = measureOf(o.topic === undefined ? rest : String(o.topic))?.measure;
    const reads = asked ? docs.map((d) => readMeasure(q, d, asked)) : [];
    if (asked && reads[0]?.value && reads[1]?.value) {
      const [x, y] = [reads[0].value, reads[1].value];
      const more = x.gt(y) ? 0 : 1;
      b.answer.summary = `${asked.label}：${names[0]} ${wan(x)} 万元，${names[1]} ${wan(y)} 万元；${x.eq(y) ? '两者相同' : `${names[more]}多 ${wan(x.minus(y).abs())} 万元`}（出自「${reads[0].table}」）。`;
      reads.forEach((r, i) => b.cite(citation(docs[i], r)));
    }
    const about = asked?.label ?? topic ?? (subjects.length ? `${subjects[0].name}（${subjects.map((s) => s.code).join('、')}）` : '');
    b.answer.understood = `理解为：比较 ${docs.map(docLabel).join(' 与 ')}${about ? ` · ${about}` : ''}${found.length > 2 ? ` · 未比较：${found.slice(2).map((f) => f.unitName ?? f.department.name).join('、')}` : ''}`;
    if (found.length > 2) b.answer.notes.push(`还提到了 ${found.slice(2).map((f) => f.unitName ?? f.department.name).join('、')}：一次比较两个部门，请另问。`);
    if (docs[0].year !== docs[1].year) b.answer.notes.push(`两个部门的年度不同（${docs[0].year} 与 ${docs[1].year}），各取已载入的最新年度；可加年份指定。`);
    // Grouped by item, one colour per department, so the two are read side by side.
    const series = names.map((n, i) => `${n} ${docs[i].year}`);
    b.answer.chart = { kind: 'bar', title: b.answer.title, unit: '万元', series, bars: rows.slice(0, 8).flatMap((r) => r.values.map((v, i) => ({ ...bar(r.label, v), series: series[i] }))) };
    return b.answer;
  },
});
