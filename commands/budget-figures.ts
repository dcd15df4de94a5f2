// /budget for one figure rather than a topic: a line item asked by name or code (竹山县办公费 → 30201),
// a column of the 三公 table (会议费, 培训费, 公务接待费), a document total (上年结转), or a share
// ("项目支出占总支出比例"). Each answer names the table the figure is printed in, or says it is not there.
import type { Decimal } from 'decimal.js';
import type { createAnswer } from '../src/core/answer.js';
import { wan, wanUnit } from '../src/core/format.js';
import type { Subject } from '../src/query/catalog.js';
import { TOTAL_LABELS } from './labels.js';
import { isAskedOnly, measureOf, measuresOf, THREE_FIELD, type Measure } from '../src/query/measures.js';
import type { DocRow, ItemRow, Queries } from '../src/store/queries.js';
import { printedSumText } from './printed-rows.js';
import { citation, docLabel } from './support.js';

type Builder = ReturnType<typeof createAnswer>;
export interface Read { value: Decimal | null; label: string; table: string; line: number; verified?: boolean }

/** A subject's rows in one document (a name may be printed under several codes: 住房公积金 2210201 and 30113). */
export function lineItems(b: Builder, q: Queries, doc: DocRow, subjects: Subject[]): boolean {
  const rows: ItemRow[] = [];
  for (const s of subjects) {
    const row = q.items(s.kind, doc.id).find((r) => r.code === s.code);
    if (row) rows.push(row);
  }
  const s = subjects[0];
  if (!rows.length) {
    b.answer.summary = `${docLabel(doc)}中没有“${s.name}”（${subjects.map((x) => x.code).join('、')}）这一行。`;
    b.answer.notes.push(`用 /subject ${s.code} 查看印有此科目的部门。`);
    return false;
  }
  for (const r of rows) {
    const parts = r.code.length === 5 && /^3/.test(r.code) ? ['人员经费', '公用经费'] : ['基本支出', '项目支出'];
    // A row printed on several lines: the sum, with what each line prints.
    b.field(`${r.code} ${r.name}`, r.printed ? printedSumText(r) : wanUnit(r.total), citation(doc, r));
    if (r.parts[0] || r.parts[1]) b.field(`　${parts[0]} / ${parts[1]}`, `${wan(r.parts[0])} / ${wan(r.parts[1])}`);
  }
  const first = rows[0];
  b.answer.summary = `${first.name}（${first.code}）${wanUnit(first.total)}，出自「${first.table}」。`;
  return true;
}

/** One measure of one document: a total, or a 三公-table column (会议费 falls back to its economic subject). */
export function readMeasure(q: Queries, doc: DocRow, m: Measure): Read | null {
  if (m.kind === 'total') {
    if (isAskedOnly(m.key)) return null;
    const f = q.totals(doc.id).get(m.key);
    return f ? { value: f.value, label: m.label, table: f.table, line: f.line, ...(f.verified === false ? { verified: false } : {}) } : null;
  }
  const t = q.threePublic(doc.id);
  const v = t?.[THREE_FIELD[m.column]];
  if (t && v !== undefined && (v !== null || !m.code)) return { value: v, label: m.label, table: t.table, line: t.line };
  if (m.code) {
    const row = q.items('economic', doc.id).find((r) => r.code === m.code);
    if (row) return { value: row.total, label: `${m.label}（${m.code}，基本支出）`, table: row.table, line: row.line, ...(row.verified === false ? { verified: false } : {}) };
  }
  return null;
}

/** The share of each of several parts in one whole, each cited. */
function sharesAnswer(b: Builder, q: Queries, doc: DocRow, parts: Measure[], whole: Measure): void {
  const y = readMeasure(q, doc, whole);
  if (!y?.value || y.value.isZero()) {
    b.answer.summary = notPrinted(doc, whole.label);
    return;
  }
  const total = y.value;
  b.field(y.label, wanUnit(total), citation(doc, y));
  const said = parts.map((m) => {
    const x = readMeasure(q, doc, m);
    if (!x?.value) return `没有读到${m.label}`;
    const pct = x.value.div(total).times(100).toFixed(2);
    b.field(x.label, `${wanUnit(x.value)}（${pct}%）`, citation(doc, x));
    return `${x.label} ${wan(x.value)} 万元，占 ${pct}%`;
  });
  b.answer.summary = `${y.label} ${wan(total)} 万元：${said.join('；')}。`;

}

/** A figure asked that the document does not print, or that could not be read: said, never substituted. */
export function notPrinted(doc: DocRow, label: string, nearby?: { label: string; ask: string }): string {
  const offer = nearby ? `文件印有的相近数字是${nearby.label}，不是同一个数：用 ${nearby.ask} 查看。` : '';
  return `${docLabel(doc)}中没有读到${label}（文件没有单列这一项，或未能从表格读出）。${offer}`;
}

/** One figure as a field, its sentence as the summary (and returned, for answers naming several). */
export function measureAnswer(b: Builder, q: Queries, doc: DocRow, m: Measure): string {
  const r = readMeasure(q, doc, m);
  if (!r && m.kind === 'total' && m.key === 'operating_cost') {
    // Not every template prints a 机关运行经费 table; its nearest printed figure is the 公用经费 (by definition
    // the 机关运行经费 of an administrative unit), offered as such rather than substituted silently.
    const pub = q.totals(doc.id).get('public_funds');
    return (b.answer.summary = `${docLabel(doc)}中没有读到机关运行经费（文件没有单列，或未能从表格读出）。${pub ? `最接近的是公用经费（基本支出中的日常公用经费），不是同一个数：用 /budget ${doc.unitName ?? doc.department} 公用经费 查看。` : ''}`);
  }
  if (!r && m.kind === 'total' && m.nearby) {
    const near = q.totals(doc.id).get(m.nearby);
    const label = TOTAL_LABELS[m.nearby];
    return (b.answer.summary = notPrinted(doc, m.label, near ? { label: `${label}（${wan(near.value)} 万元，收入一方）`, ask: `/budget ${doc.unitName ?? doc.department} ${label}` } : undefined));
  }
  if (!r) return (b.answer.summary = notPrinted(doc, m.label));
  b.field(r.label, r.value ? wanUnit(r.value) : '空白（文件未填）', citation(doc, r));
  return (b.answer.summary = `${r.label} ${r.value ? wanUnit(r.value) : '空白（文件未填）'}${r.value && r.verified === false ? '（未核实）' : ''}，出自「${r.table}」。`);
}

/** "项目支出占总支出比例": the part before 占 over the part after it (支出总计 when none is named). */
export function shareAnswer(b: Builder, q: Queries, doc: DocRow, text: string): string | null {
  const [before, after] = text.split('占');
  const part = measureOf(before ?? '');
  const whole = measureOf(after ?? '') ?? { measure: { kind: 'total', key: 'expenditure_total', label: '支出总计' } as Measure, word: '' };
  if (!part) return null;
  const gist = (names: string[]) => `${names.join('、')} 占 ${whole.measure.label} 的比例`;
  // "基本支出和项目支出各占多少": every part named gets its share, not only the first.
  const parts = measuresOf(before ?? '').filter((m) => m.measure !== whole.measure);
  if (parts.length >= 2) {
    sharesAnswer(b, q, doc, parts.map((m) => m.measure), whole.measure);
    return gist(parts.map((m) => m.measure.label));
  }
  const x = readMeasure(q, doc, part.measure);
  const y = readMeasure(q, doc, whole.measure);
  if (!x?.value || !y?.value || y.value.isZero()) {
    b.answer.summary = `${docLabel(doc)}中没有同时读到${part.measure.label}和${whole.measure.label}，无法计算占比。`;
    return gist([part.measure.label]);
  }
  b.field(x.label, wanUnit(x.value), citation(doc, x));
  b.field(y.label, wanUnit(y.value), citation(doc, y));
  // Two decimals, as the documents print their own percentages (97.68%).
  const pct = x.value.div(y.value).times(100);
  b.field('占比', `${pct.toFixed(2)}%`);
  b.answer.summary = `${x.label} ${wan(x.value)} 万元，占${y.label} ${wan(y.value)} 万元的 ${pct.toFixed(2)}%。`;
  return gist([part.measure.label]);
}
