// The checks a budget reviewer runs (勾稽关系). Each failure is a finding with both figures and
// their difference; agreement within rounding (0.01 万元) is not a finding.
import { Decimal } from 'decimal.js';
import { agrees, currentRounding, formatAmount, sum } from '../amount.js';
import { classCodeOf } from './classification.js';
import { parentIndexes, type Placed } from '../reconcile/infer-columns.js';
import type { LabelValue } from '../read/label-values.js';
import type { EconomicItem, Finding, FunctionItem, ThreePublic } from '../types.js';

const f2 = (d: Decimal) => formatAmount(d)!;

/**
 * Two figures that should be equal. Beyond the tolerance: a warning. Within it but not equal: a rounding
 * note (info) — a difference of one printed cent is still said, never dropped — unless the tolerance is
 * coarser than the document's own rounding (a narrative that rounds to whole 万元 on purpose).
 */
export function differ(rule: string, table: string, line: number, what: string, a: [string, Decimal], b: [string, Decimal], tolerance?: Decimal): Finding | null {
  const gap = a[1].minus(b[1]).abs();
  // Most pairs agree exactly: no message is built for them (this runs thousands of times a document).
  if (gap.lte(EXACT)) return null;
  const message = () => `${what}：${a[0]} ${f2(a[1])} 万元，${b[0]} ${f2(b[1])} 万元，相差 ${f2(gap)} 万元`;
  if (!agrees(a[1], b[1], tolerance)) return { rule, severity: 'warning', table, line, message: message() };
  if (tolerance && tolerance.gt(currentRounding())) return null;
  return { rule: 'rounding', severity: 'info', table, line, message: `${message()}（舍入差异）` };
}

const EXACT = new Decimal('0.0000001');

interface Row {
  code: string | null;
  name: string;
  line: number;
  table: string;
  total: Decimal | null;
  parts: [Decimal | null, Decimal | null];
}

/** Rows of one table: total = part1 + part2 on each row, and every column of a parent = the sum of its children. */
export function checkHierarchy(rows: Row[], partNames: [string, string], rule: string): Finding[] {
  const out: Finding[] = [];
  const label = (r: Row) => (r.code ? `${r.code} ${r.name}` : '合计');
  for (const r of rows) {
    if (r.total && r.parts[0] && r.parts[1]) {
      const f = differ(`${rule}-row`, r.table, r.line, label(r), ['合计', r.total], [`${partNames[0]} + ${partNames[1]}`, r.parts[0].plus(r.parts[1])]);
      if (f) out.push(f);
    }
  }
  const parents = parentIndexes(rows);
  rows.forEach((p, i) => {
    const kids = rows.filter((_, j) => parents[j] === i);
    if (kids.length === 0) return;
    const columns: [string, (r: Row) => Decimal | null][] = [['合计', (r) => r.total], [partNames[0], (r) => r.parts[0]], [partNames[1], (r) => r.parts[1]]];
    for (const [name, get] of columns) {
      const pv = get(p);
      if (!pv || kids.some((k) => get(k) === null)) continue;
      const f = differ(`${rule}-children`, p.table, p.line, `${label(p)} ${name}`, ['本行', pv], [`下级 ${kids.length} 行之和`, sum(kids.map(get))]);
      if (f) out.push(f);
    }
  });
  return out;
}

export function functionRows(items: FunctionItem[], root: { total: Decimal | null; basic: Decimal | null; project: Decimal | null; line: number } | null): Row[] {
  const rows: Row[] = items.map((i) => ({ code: i.code, name: i.name, line: i.line, table: i.table, total: i.total, parts: [i.basic, i.project] }));
  if (root) rows.unshift({ code: null, name: '合计', line: root.line, table: items[0]?.table ?? '', total: root.total, parts: [root.basic, root.project] });
  return rows;
}

export function economicRows(items: EconomicItem[], root: { total: Decimal | null; personnel: Decimal | null; publicFunds: Decimal | null; line: number } | null): Row[] {
  const rows: Row[] = items.map((i) => ({ code: i.code, name: i.name, line: i.line, table: i.table, total: i.total, parts: [i.personnel, i.publicFunds] }));
  if (root) rows.unshift({ code: null, name: '合计', line: root.line, table: items[0]?.table ?? '', total: root.total, parts: [root.personnel, root.publicFunds] });
  return rows;
}

export function checkThreePublic(t: ThreePublic): Finding[] {
  const out: (Finding | null)[] = [];
  if (t.total && t.outbound && t.vehicle && t.reception) {
    out.push(differ('three-public-sum', t.table, t.line, '“三公”经费', ['合计', t.total], ['出国 + 车辆 + 接待', sum([t.outbound, t.vehicle, t.reception])]));
  }
  if (t.vehicle && t.vehiclePurchase && t.vehicleOperation) {
    out.push(differ('three-public-vehicle', t.table, t.line, '公务用车购置及运行费', ['本行', t.vehicle], ['购置费 + 运行维护费', t.vehiclePurchase.plus(t.vehicleOperation)]));
  }
  return out.filter((f): f is Finding => f !== null);
}

/** The same code in two tables: different amounts, or different names. */
export function checkSameCode(
  a: { code: string; name: string; total: Decimal | null; table: string; line: number }[],
  b: { code: string; name: string; total: Decimal | null; table: string; line: number }[],
  /** `b` covers part of `a`'s funds (a 一般公共预算 table beside the all-funds 支出总表): it may be smaller. */
  bIsPart = false,
): Finding[] {
  const out: Finding[] = [];
  const byCode = new Map(a.map((r) => [r.code, r]));
  for (const r of b) {
    const o = byCode.get(r.code);
    if (!o) continue;
    if (o.total && r.total && !(bIsPart && r.total.lte(o.total))) {
      const f = differ('same-figure', r.table, r.line, `${r.code} ${r.name} 在「${o.table}」与「${r.table}」`, [`前者`, o.total], ['后者', r.total]);
      if (f) out.push(f);
    }
    if (o.name && r.name && !o.name.startsWith(r.name) && !r.name.startsWith(o.name)) {
      out.push({ rule: 'code-two-names', severity: 'warning', table: r.table, line: r.line, message: `科目 ${r.code} 在「${o.table}」名为“${o.name}”，在「${r.table}」名为“${r.name}”` });
    }
  }
  const byName = new Map(a.filter((r) => r.code.length === 7).map((r) => [r.name, r]));
  for (const r of b) {
    const o = byName.get(r.name);
    if (o && r.code.length === 7 && o.code !== r.code && !byCode.has(r.code)) {
      out.push({ rule: 'name-two-codes', severity: 'warning', table: r.table, line: r.line, message: `“${r.name}”在「${o.table}」的科目编码为 ${o.code}，在「${r.table}」为 ${r.code}` });
    }
  }
  return out;
}

/**
 * A summary table's class lines ("十、卫生健康支出 474.90") against the coded rows of an expenditure
 * table. Lines naming one class twice (old and new names of 210) are added up first.
 */
/** More than any rounding: two figures this far apart are of different scopes, not rounded apart. */
const SCOPE_NOT_ROUNDING = new Decimal('0.05');

export function checkClassLines(pairs: LabelValue[], table: string, coded: { table: { title: string }; rows: Placed[] }, otherFunds = false): Finding[] {
  const byCode = new Map<string, { label: string; line: number; printed: Decimal; columns: Decimal[] }>();
  for (const pair of pairs) {
    if (/收入|拨款/.test(pair.label)) continue;
    const code = classCodeOf(pair.label);
    if (!code) continue;
    const value = pair.values[0] ?? sum([]);
    const seen = byCode.get(code);
    if (!seen) byCode.set(code, { label: pair.label, line: pair.line, printed: value, columns: pair.values.slice(1) });
    else {
      seen.printed = seen.printed.plus(value);
      seen.columns = [];
      if (!value.isZero()) Object.assign(seen, { label: pair.label, line: pair.line });
    }
  }
  const out: Finding[] = [];
  for (const [code, { label, line, printed, columns }] of byCode) {
    const classRow = coded.rows.find((r) => r.code === code);
    const items = coded.rows.filter((r) => r.code!.length === 7 && r.code!.startsWith(code));
    // A class the coded table does not list, in a department with other funds (all of it 政府性基金,
    // say), is not that table's to check; where every yuan is the table's, a missing class is a gap.
    if (!classRow && items.length === 0 && otherFunds) continue;
    const codedTotal = classRow ? classRow.total : sum(items.map((r) => r.total));
    if (codedTotal === null) continue;
    // A 财政拨款收支总表 line prints the class per fund (合计, 一般公共预算, 政府性基金): a table of one fund matches its column.
    // (A difference within rounding of the line's own total is still reported, as rounding.)
    if (columns.some((v) => agrees(v, codedTotal)) && printed.minus(codedTotal).abs().gt(SCOPE_NOT_ROUNDING)) continue;
    const f = differ('class-vs-summary', table, line, label, ['本表', printed], [`「${coded.table.title}」科目 ${code}`, codedTotal]);
    if (f) out.push(f);
  }
  return out;
}
