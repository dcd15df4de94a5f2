// /rank <metric> [year] [top N]: departments ranked by a total, a topic or a subject.
import type { Decimal } from 'decimal.js';
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { bar, wan } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import type { TotalKey } from '../src/parse/types.js';
import { isAskedOnly, measureOf } from '../src/query/measures.js';
import { regionScope } from '../src/query/department-match.js';
import { findSubjects } from '../src/query/resolve.js';
import { extractYears } from '../src/query/years.js';
import type { DocRow } from '../src/store/queries.js';
import { subjectRows } from './subject.js';

/** Each department's latest disclosure, as ingest marked it. */
const isLatest = (d: DocRow) => d.latest;
import { citation, docLabel } from './support.js';

/** Metric words → the total they mean; longest word wins. */
const METRICS: [TotalKey, string, string[]][] = [
  ['three_public', '“三公”经费', ['三公经费', '三公', '公务接待', '公车']],
  ['basic', '基本支出', ['基本支出']],
  ['project', '项目支出', ['项目支出', '项目']],
  ['personnel', '人员经费', ['人员经费', '工资']],
  ['public_funds', '公用经费', ['公用经费']],
  ['operating_cost', '机关运行经费', ['机关运行经费', '运行经费']],
  ['income_total', '收入总计', ['收入总计', '收入']],
  ['procurement_total', '政府采购', ['政府采购', '采购']],
  ['assets_total', '固定资产', ['固定资产', '资产']],
  ['expenditure_total', '支出总计', ['支出总计', '总支出', '支出', '预算', '总额']],
];

function metricOf(text: string, named = measureOf(text)): { key: TotalKey; label: string; len: number } | null {
  let best: { key: TotalKey; label: string; len: number } | null = null;
  for (const [key, label, words] of METRICS) for (const w of words) if (text.includes(w) && (!best || w.length > best.len)) best = { key, label, len: w.length };
  // A figure named as exactly as the questions name it (measures.ts: 一般公共预算支出, 事业收入, 上年结转)
  // is ranked as that figure, never as the broader total a shorter word here stands for (支出, 收入).
  if (named?.measure.kind === 'total' && !isAskedOnly(named.measure.key) && (!best || named.word.length >= best.len)) {
    return { key: named.measure.key, label: named.measure.label, len: named.word.length };
  }
  return best;
}

/** A figure as ranked, marked where nothing else in its document confirms it. */
const marked = (e: { value: Decimal; at: { verified?: boolean } }) => `${wan(e.value)}${e.at.verified === false ? '（未核实）' : ''}`;

/** Each department's latest disclosure, or one year's (its 部门 budget where the year has both). */
function poolOf(docs: DocRow[], year: number | null): DocRow[] {
  if (year === null) return docs.filter(isLatest);
  const ofYear = docs.filter((d) => d.year === year);
  return ofYear.filter((d) => d.scope === '部门' || !ofYear.some((x) => x.department === d.department && x.scope === '部门'));
}

/** How many departments print the figure, and which do not: a "most" holds only among those that do. */
function coverage(printing: number, lacking: DocRow[] | null, label: string): string {
  if (!lacking) return `（共 ${printing} 个部门年度）。`;
  if (!lacking.length) return `（共 ${printing} 个部门年度，都印有${label}）。`;
  const names = lacking.slice(0, 6).map((d) => d.unitName ?? d.department).join('、');
  return `（在印有${label}的 ${printing} 个部门年度中；另有 ${lacking.length} 个部门的文件没有单列这个数：${names}${lacking.length > 6 ? ' 等' : ''}，未列入排名）。`;
}

export default defineCommand({
  name: 'rank',
  summary: '按总额、专题或科目给部门排名',
  usage: '/rank <指标或科目> [年份] [前N]',
  examples: ['/rank 三公', '/rank 支出总计 2019', '/rank 2101501 前5', '/rank 行政运行 最少'],
  options: [
    { name: 'metric', description: '指标（支出总计、三公、基本支出、项目支出…）或科目编码/名称', type: 'string', required: true, complete: 'metric' },
    { name: 'year', description: '年份（不填则各部门取最新年度）', type: 'string', complete: 'year' },
    { name: 'top', description: '显示前几名，默认 10', type: 'integer', min: 1, max: 50 },
  ],
  run(input, { queries: q, catalog }) {
    const o = input.options;
    const text = `${o.metric ?? ''} ${input.text}`;
    const { years, rest } = extractYears(`${o.year ?? ''} ${text}`);
    const n = Math.min(50, Math.max(1, Number(o.top ?? /(?:前|top)\s*(\d+)/i.exec(rest)?.[1] ?? /(\d+)\s*(?:个|名|家)/.exec(rest)?.[1] ?? 10)));
    const ascending = /最少|最低|最小|倒数/.test(rest);
    // 苏州哪个部门三公最多: the ranking keeps to the departments of the place named.
    const scope = regionScope(rest, catalog);
    const year = years.find((y) => y.kind === 'absolute');
    const forYear = year?.kind === 'absolute' ? year.year : null;

    let entries: { doc: DocRow; value: Decimal; at: { table: string; line: number; verified?: boolean } }[];
    /** Documents the ranking covers that print no such figure (null: not known, e.g. a subject). */
    let lacking: DocRow[] | null = null;
    let total: number;
    let label: string;
    // The most specific word decides: 行政运行支出 is the subject 行政运行, not 支出总计.
    const found = findSubjects(rest, catalog);
    const column = measureOf(rest);
    const metric = metricOf(rest, column);
    const metricLen = metric?.len ?? 0;
    const subjects = /\d{3}/.test(rest) || found.some((s) => rest.includes(s.name) && s.name.length > metricLen) ? found : [];
    // A figure asked by name that is not read as a total of its own: said so, never ranked by a neighbour (支出总计).
    if (column?.measure.kind === 'total' && isAskedOnly(column.measure.key)) {
      throw new UserError(`没有读到各部门的${column.measure.label}（未能作为单独的数字从表格读出），不能按它排名。可用：${METRICS.map(([, l]) => l).join('、')}。`, METRICS.map(([, l]) => l), 'unread-metric');
    }
    let table: string | null = null;
    if (column?.measure.kind === 'three' && !/\d{3}/.test(rest)) {
      // A column of the 三公 table (会议费, 培训费, 公务接待费): ranked from the table that prints it.
      const m = column.measure;
      const pool = poolOf(q.documents(), forYear);
      const ranked = q.rankThreePublic(m.column, { year: forYear, ascending, limit: pool.length });
      entries = ranked.map((r) => ({ doc: q.document(r.docId)!, value: r.figure.value, at: r.figure }));
      total = entries.length;
      const printed = new Set(entries.map((e) => e.doc.id));
      lacking = pool.filter((d) => !printed.has(d.id));
      label = m.label;
      table = [...new Set(entries.map((e) => e.at.table))].join('」「');
      if (!entries.length && m.code) {
        const s = catalog.subjects.get(m.code);
        if (s) {
          const pool = (d: DocRow) => (forYear === null ? isLatest(d) : d.year === forYear);
          entries = subjectRows(q, s, pool).filter(({ row }) => row.total).map(({ doc, row }) => ({ doc, value: row.total!, at: row }));
          total = entries.length;
          label = `${m.label}（${m.code}，基本支出经济分类）`;
          table = [...new Set(entries.map((e) => e.at.table))].join('」「');
        }
      }
    } else if (subjects.length) {
      // A name shared by several codes (行政运行 under each 款) ranks them all together.
      const pool = (d: DocRow) => (forYear === null ? isLatest(d) : d.year === forYear);
      entries = subjects.flatMap((s) => subjectRows(q, s, pool, Math.max(200, n * 20)).filter(({ row }) => row.total).map(({ doc, row }) => ({ doc, value: row.total!, at: row })));
      total = entries.length;
      label = subjects.length === 1 ? `${subjects[0].code} ${subjects[0].name}` : `${subjects[0].name}（${subjects.map((s) => s.code).join('、')}）`;
    } else {
      if (!metric) throw new UserError(`不知道按什么排名：“${rest.trim().slice(0, 30)}”。可用：${METRICS.map(([, l]) => l).join('、')}，或科目编码/名称。`, METRICS.map(([, l]) => l), 'unknown-metric');
      const ranked = q.rankTotal(metric.key, { year: forYear, ascending, limit: scope ? Number.MAX_SAFE_INTEGER : n });
      entries = ranked.rows.map((r) => ({ doc: q.document(r.docId)!, value: r.figure.value, at: r.figure }));
      total = ranked.count;
      label = metric.label;
      lacking = q.missingTotal(metric.key, forYear).map((id) => q.document(id)!);
    }
    if (scope) {
      entries = entries.filter((e) => scope.includes(e.doc.department));
      lacking = lacking?.filter((d) => scope.includes(d.department)) ?? null;
      total = entries.length;
    }
    const where = scope ? `${scope.named}的` : '';
    if (entries.length === 0) throw new UserError(`没有部门有${/^“/.test(label) ? label : `“${label}”`}的数据${forYear ? `（${forYear}年）` : ''}。`, catalog.years.map(String), 'no-data');
    // Lines printed blank are stored as 0 (上级补助收入, 单位资金…): a "most" among zeros names no one.
    if (entries.every((e) => e.value.isZero())) throw new UserError(`各部门的${label}都是 0 或空白${forYear ? `（${forYear}年）` : ''}，没有可排的名次。`, METRICS.map(([, l]) => l), 'all-zero');
    entries.sort((a, b) => (ascending ? a.value.comparedTo(b.value) : b.value.comparedTo(a.value)));
    const shown = entries.slice(0, n);
    const b = createAnswer(`${where}${label} 排名${forYear ? `（${forYear}年）` : '（各部门最新年度）'}`);
    if (table) b.answer.notes.push(`数字出自「${table}」；没有印出这一栏的部门未列入。`);
    b.answer.understood = `理解为：按${label}给${where}部门排名 · ${forYear ? `${forYear}年` : '各部门最新年度'} · ${ascending ? '最少' : '最多'}在前`;
    b.table({
      columns: ['排名', '部门', '年度', '金额（万元）'],
      numeric: [true, false, false, true],
      rows: shown.map((e, i) => [String(i + 1), e.doc.unitName ?? e.doc.department, `${e.doc.year}${e.doc.kind === '决算' ? '决算' : ''}${e.doc.scope === '单位' ? '（单位）' : ''}`, marked(e)]),
      cites: shown.map((e) => [b.cite(citation(e.doc, e.at))]),
    });
    b.answer.summary = `${ascending ? '最少' : '最多'}的是 ${docLabel(shown[0].doc)}：${wan(shown[0].value)} 万元${shown[0].at.verified === false ? '（未核实）' : ''}${coverage(total, lacking, label)}`;
    const kinds = new Set(shown.map((e) => e.doc.kind));
    if (kinds.size > 1) b.answer.notes.push(`排名混合了预算和决算（各部门取最新一份文件）：${[...kinds].map((k) => `${k} ${shown.filter((e) => e.doc.kind === k).length} 份`).join('、')}，口径不同，比较时请留意。`);
    if (shown.some((e) => e.at.verified === false)) b.answer.notes.push('标“（未核实）”的数字未能与文件其他部分核对。');
    b.answer.chart = { kind: 'bar', title: b.answer.title, unit: '万元', bars: shown.map((e) => bar(`${e.doc.unitName ?? e.doc.department} ${e.doc.year}`, e.value)) };
    return b.answer;
  },
});
