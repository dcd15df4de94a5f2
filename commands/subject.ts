// /subject <code or name> [year] [department]: one subject across every loaded department and year.
import { Decimal } from 'decimal.js';
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { bar, wan, wanUnit } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import { CLASS_NAMES } from '../src/parse/check/classification.js';
import type { Catalog, Subject } from '../src/query/catalog.js';
import { findDepartment, findSubjects, unknownCode } from '../src/query/resolve.js';
import { measureOf } from '../src/query/measures.js';
import { extractYears } from '../src/query/years.js';
import type { DocRow, ItemRow, Queries } from '../src/store/queries.js';
import { addCsvTables, printedCsvTable, printedNotes } from './printed-rows.js';
import { citation, docLabel } from './support.js';

const LEVEL = ['', '类', '款', '项'];
/** Rows shown per subject: the largest, with a count of the rest. */
const SHOWN = 30;

/** "卫生健康支出 › 医疗保障管理事务 › 行政运行": the subject's place in the hierarchy. */
export function subjectPath(s: Subject, c: Catalog): string {
  const names: string[] = [];
  for (let len = 3; len <= s.code.length; len += 2) {
    const code = s.code.slice(0, len);
    names.push(c.subjects.get(code)?.name ?? CLASS_NAMES[code] ?? code);
  }
  return names.join(' › ');
}

/** Rows for one subject, one per department and year (部门 scope preferred), largest first, from the `limit` largest. */
export function subjectRows(q: Queries, s: Subject, filter: (d: DocRow) => boolean, limit = 10_000): { doc: DocRow; row: ItemRow }[] {
  const { rows, rolledUp } = q.subjectAcross(s.kind, s.code, limit);
  const best = new Map<string, { doc: DocRow; row: ItemRow }>();
  for (const row of [...rows, ...rolledUp]) {
    const doc = q.document(row.docId)!;
    if (!filter(doc)) continue;
    const key = `${doc.department}|${doc.year}`;
    const seen = best.get(key);
    if (!seen || (seen.doc.scope !== '部门' && doc.scope === '部门')) best.set(key, { doc, row });
  }
  return [...best.values()].sort((a, b) => sizeOf(b.row).comparedTo(sizeOf(a.row)));
}

/** What a row is ranked by: its total, else a printed part; a row printed blank throughout ranks last. */
export function sizeOf(row: ItemRow): Decimal {
  return row.total ?? row.parts[0] ?? row.parts[1] ?? BLANK;
}
const BLANK = new Decimal(-1);

export default defineCommand({
  name: 'subject',
  summary: '按科目编码或名称查看各部门、各年度的金额与排名',
  usage: '/subject <科目编码或名称> [年份] [部门]',
  examples: ['/subject 2101501', '/subject 行政运行', '/subject 30217 2025', '/subject 210'],
  options: [
    { name: 'subject', description: '科目编码或名称，如 2101501、行政运行', type: 'string', required: true, complete: 'subject' },
    { name: 'year', description: '年份', type: 'string', complete: 'year' },
    { name: 'department', description: '只看某个部门', type: 'string', complete: 'department' },
  ],
  run(input, { queries: q, catalog: c }) {
    const text = [input.options.subject, input.text].filter((x) => x !== undefined).join(' ');
    const { years, rest } = extractYears(`${input.options.year ?? ''} ${text}`);
    const subjects = findSubjects(rest, c);
    if (subjects.length === 0) {
      const code = unknownCode(rest, c);
      throw new UserError(code ? `已载入的文件中没有科目 ${code}。` : `没有找到科目“${rest.trim().slice(0, 30)}”。请给出科目编码（如 2101501）或名称（如 行政运行）。`, [], 'unknown-subject');
    }
    const depText = input.options.department === undefined ? rest : String(input.options.department);
    const dep = findDepartment(depText, c);
    const year = years.find((y) => y.kind === 'absolute');
    // "江苏" names several departments: all of them, not none.
    const deps = new Set(dep.kind === 'one' ? [dep.department.name] : dep.kind === 'many' ? dep.candidates.map((d) => d.name) : []);
    const filter = (d: DocRow) => (!year || d.year === (year.kind === 'absolute' ? year.year : d.year)) && (deps.size === 0 || deps.has(d.department));

    const first = subjects[0];
    const b = createAnswer(subjects.length === 1 ? `${first.code} ${first.name}` : `“${first.name}”（${subjects.length} 个科目）`);
    b.answer.understood = `理解为：科目 ${subjects.map((s) => s.code).join('、')} ${first.name} · ${year?.kind === 'absolute' ? `${year.year}年` : '全部年度'} · ${deps.size ? [...deps].join('、') : '全部部门'}`;
    const shown = subjects.slice(0, 5);
    let chartRows: ReturnType<typeof bar>[] = [];
    const printedShown: { rows: { doc: DocRow; row: ItemRow }[]; parts: [string, string] }[] = [];
    for (const s of shown) {
      const all = subjectRows(q, s, filter, SHOWN * 4);
      const rows = all.slice(0, SHOWN);
      // Counted in 部门年度, as the table lists them (a year's 部门 and 单位 budgets are one 部门年度).
      const capped = all.length >= SHOWN * 4;
      if (all.length > rows.length) {
        const narrow = [!year && '<年份>', dep.kind !== 'one' && '<部门>'].filter(Boolean).join(' 或 ');
        b.answer.notes.push(`${s.code} 有 ${all.length}${capped ? ' 个以上' : ' 个'}部门年度，只列出金额最大的 ${rows.length} 个${narrow ? `；用 /subject ${s.code} ${narrow} 缩小范围` : ''}。`);
      }
      const parts: [string, string] = s.kind === 'function' ? ['基本支出', '项目支出'] : ['人员经费', '公用经费'];
      printedShown.push({ rows, parts });
      // No empty tables: a filter that leaves no row is said in the summary.
      if (rows.length) b.table({
        title: `${s.code} ${s.name}（${s.kind === 'function' ? '功能分类' : '经济分类'}${LEVEL[(s.code.length - 1) / 2] ?? ''}：${subjectPath(s, c)}）`,
        columns: ['排名', '部门', '年度', '合计', ...parts],
        numeric: [true, false, false, true, true, true],
        rows: rows.map(({ doc, row }, i) => [String(i + 1), doc.unitName ?? doc.department, `${doc.year}`, wan(row.total), wan(row.parts[0]), wan(row.parts[1])]),
        cites: rows.map(({ doc, row }) => [b.cite(citation(doc, row))]),
      });
      if (s === first) chartRows = rows.slice(0, 12).map(({ doc, row }) => bar(`${doc.unitName ?? doc.department} ${doc.year}`, row.total));
      const rolled = rows.filter(({ row }) => row.level === 0);
      if (rolled.length) b.answer.notes.push(`${rolled.map(({ doc }) => docLabel(doc)).join('、')} 未单列 ${s.code}，金额为其下级科目之和。`);
      const order = new Map(rows.map(({ doc }, i) => [doc.id, i]));
      const mentioning = q.findingsMentioning([...order.keys()], s.code).sort((x, y) => order.get(x.docId)! - order.get(y.docId)!);
      for (const f of mentioning) {
        b.answer.warnings.push(`${docLabel(q.document(f.docId)!)}：${f.message}（${f.table}，第 ${f.line} 行）`);
      }
      if (s === first && rows.length) {
        const top = rows[0];
        b.answer.summary = `${s.code} ${s.name}：${rows.length} 个部门年度有此科目，最高为 ${top.doc.unitName ?? top.doc.department} ${top.doc.year}年 ${wanUnit(top.row.total)}。`;
      }
    }
    // 会议费/培训费 asked by name: the 三公 table prints its own figure beside the 基本支出 line item.
    const column = /\d{3}/.test(rest) ? null : measureOf(rest)?.measure;
    if (column?.kind === 'three' && column.code === first.code) {
      const forYear = year?.kind === 'absolute' ? year.year : null;
      const ranked = q.rankThreePublic(column.column, { year: forYear }).map((r) => ({ doc: q.document(r.docId)!, figure: r.figure })).filter(({ doc }) => filter(doc));
      if (ranked.length) {
        b.table({
          title: `${column.label}（「${ranked[0].figure.table}」所印，${forYear ? `${forYear}年` : '各部门最新年度'}）`,
          columns: ['排名', '部门', '年度', '金额（万元）'],
          numeric: [true, false, false, true],
          rows: ranked.map(({ doc, figure }, i) => [String(i + 1), doc.unitName ?? doc.department, `${doc.year}`, wan(figure.value)]),
          cites: ranked.map(({ doc, figure }) => [b.cite(citation(doc, figure))]),
        });
        b.answer.notes.push(`两表口径不同：${first.code} 是基本支出经济分类中的${first.name}；「${ranked[0].figure.table}」另印${column.label}总数。`);
      }
    }
    // Rows the documents print on several lines: the notes say so, the CSV lists each line.
    printedNotes(b.answer, printedShown.flatMap((p) => p.rows), { perDocument: true });
    addCsvTables(b.answer, printedShown.map((p) => printedCsvTable(p.rows, p.parts, { perDocument: true })));
    if (subjects.length > shown.length) b.answer.notes.push(`另有 ${subjects.length - shown.length} 个同名科目未列出，请用编码查询。`);
    if (!b.answer.summary) b.answer.summary = `没有符合条件的部门年度印有 ${first.code} ${first.name}。`;
    if (chartRows.length > 1) b.answer.chart = { kind: 'bar', title: `${first.code} ${first.name}`, unit: '万元', bars: chartRows };
    return b.answer;
  },
});
