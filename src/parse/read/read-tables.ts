// Reads the figures of one disclosure's tables: coded rows with their columns placed, totals,
// the 三公 table. Pure: lines and table blocks in, figures and the findings met on the way out.
import type { Decimal } from 'decimal.js';
import { agrees, parseAmount, ZERO } from '../amount.js';
import { placeColumns, type Placed } from '../reconcile/infer-columns.js';
import { keepRoleColumns, withoutReserveGuess } from '../reconcile/extra-columns.js';
import { parseLabelValues, type LabelValue } from './label-values.js';
import type { Layout, Line } from '../front/lines.js';
import { ECONOMIC_ROLES, FUNCTION_ROLES, parseSubjectRows, type Roles, type SubjectRow } from './subject-rows.js';
import { isColumnIndexLine, tableBody } from '../segment/table-body.js';
import { positionRows } from './position-rows.js';
import type { TableBlock, TableKind } from '../segment/tables.js';
import { listColumns, threePublicFromList, threePublicFromRow, type ListColumns, type ThreePublicResult } from './three-public.js';
import type { Finding, PrintedRow } from '../types.js';

export interface ReadContext {
  lines: Line[];
  layout: Layout;
  twoDecimals: boolean;
  tables: TableBlock[];
}

export interface CodedTable {
  table: TableBlock;
  root: Placed | null;
  /** The 合计 row's 人员经费 and 公用经费, where the table prints 基本支出 as those two halves. */
  rootSplit?: [Decimal, Decimal];
  rows: Placed[];
  findings: Finding[];
}

export function tablesOf(ctx: ReadContext, ...kinds: TableKind[]): TableBlock[] {
  return ctx.tables.filter((t) => kinds.includes(t.kind));
}

/** Whether the table prints a 序号/栏次/行次 column: its header (not its body) says so. */
function hasRowNumbers(ctx: ReadContext, table: TableBlock): boolean {
  return ctx.lines.slice(table.start, table.end).some((l) => /序号|栏次|行次/.test(l.text));
}

const labelCache = new WeakMap<TableBlock, LabelValue[]>();

/** A table's label → value pairs, read once per table (several checks consult the same 总表). */
/**
 * The figure columns a 收支总表 prints per side when it gives two years ("项目 2023年预算数 2024年预算数
 * 项目 2023年预算数 2024年预算数"): how many, and which is the document's year. Null for one column.
 */
export function yearColumnsOf(ctx: ReadContext, table: TableBlock): ListColumns | null {
  for (const l of ctx.lines.slice(table.start, Math.min(table.end, table.start + 10))) {
    const columns = listColumns(l.text);
    if (columns) return columns;
  }
  return null;
}

export function labelValuesOf(ctx: ReadContext, table: TableBlock): LabelValue[] {
  let read = labelCache.get(table);
  if (!read) {
    read = parseLabelValues(tableBody(ctx.lines, table), ctx.layout, table.unit, ctx.twoDecimals, hasRowNumbers(ctx, table));
    labelCache.set(table, read);
  }
  return read;
}

/** Whether the header names both part columns; a one-amount table ("金额") has only totals. */
function headerHasParts(lines: Line[], roles: Roles): boolean {
  const head = lines.slice(0, 40).map((l) => l.text.replace(/\s+/g, '')).join('|');
  const names = (re: RegExp) => headerWords(re).test(head);
  // The first part may be printed as its two halves alone (合计 | 人员经费 | 公用经费 | 项目支出).
  return (names(roles.parts[0]) || (roles.split !== undefined && roles.split.every(names))) && names(roles.parts[1]);
}

/**
 * A 支出表 whose 基本支出 is printed as its two halves, 人员经费 and 公用经费 (with or without a 基本
 * subtotal column): four or five amounts a row, not three.
 */
function splitsBasic(lines: Line[]): boolean {
  const head = lines.slice(0, 12).map((l) => l.text.replace(/\s+/g, '')).join('|');
  // 浙江 prints the halves as 人员支出 and 公用经费 or 日常公用支出 (its 出 wrapped onto the next line).
  return /人员(?:经费|支)/.test(head) && /公用(?:经费|支)/.test(head);
}

/**
 * A header repeating 科目编码 / 科目名称 / its amount heading on one line: two panels side by side. (A
 * table listing two codes a row — 部门 and 政府 economic codes — repeats the code and name, not the amount.)
 */
/** Whether the header (the lines before the first row) names a column by these words. */
function headerNames(header: Line[], firstRow: number | undefined, words: RegExp): boolean {
  // "金额单位：万元" and "部门：…" name no column.
  return header.some((l) => (firstRow === undefined || l.no < firstRow) && words.test(l.text.replace(/\s+/g, '').replace(/(?:金额)?单位[:：]\S*?(?:万元|元)|(?:部门|单位名称|编制单位)[:：]\S*/g, '')));
}

/**
 * A 基本支出表 of one 金额 column that heads its rows' sections "人员经费 …" and "公用经费 …" (below its
 * 合计 row): each row belongs to its section, which its class says (301, 303 are 人员经费).
 */
function headsSections(body: Line[], firstRow: number | undefined): boolean {
  const labels = body.filter((l) => firstRow !== undefined && l.no > firstRow).map((l) => l.text.replace(/\s+/g, '').replace(/[\d,.]+$/, ''));
  return labels.includes('人员经费') && labels.includes('公用经费');
}

/** A cell pattern ("^(?:合计|金额)$") as words anywhere in a header line: compiled once per pattern, not per table. */
const unanchoredCache = new Map<RegExp, RegExp>();
const unanchored = (re: RegExp) => unanchoredCache.get(re) ?? unanchoredCache.set(re, new RegExp(re.source.replace(/^\^/, '').replace(/\$$/, ''))).get(re)!;
/** A role's pattern without its first ^ (the header's words joined), compiled once per pattern. */
const headerWordsCache = new Map<RegExp, RegExp>();
const headerWords = (re: RegExp) => headerWordsCache.get(re) ?? headerWordsCache.set(re, new RegExp(re.source.replace('^', ''))).get(re)!;

/** Header words of columns beyond the roles: last year's figure, the change. */
const WIDER_HEADER = /执行数|增减|比上年|年初结转|年末结转|(20\d{2})年.*(?!\1)20\d{2}年/;

/**
 * A 基本支出表 whose header names 人员经费 and 公用经费 but no 合计 column (a central department's
 * "2024年基本支出: 人员经费 | 公用经费"): a row of two amounts is its two halves; a row of one is in
 * the half its class belongs to.
 */
function partsOnly(row: SubjectRow, firstPartClasses: string[]): SubjectRow {
  const n = row.values.filter((v): v is Decimal => v !== null);
  if (n.length === 2) return { ...row, values: [n[0].plus(n[1]), n[0], n[1]], positioned: true };
  return n.length === 1 && row.code !== null ? byPanel(row, firstPartClasses) : row;
}

const PANEL_AMOUNT = '(?:(?:决算|预算)(?:数|金额)|金额|合计)';
const PANELS = new RegExp(`科目(?:编码|代码)科目名称${PANEL_AMOUNT}科目(?:编码|代码)科目名称${PANEL_AMOUNT}`);
function printsPanels(header: Line[], firstRow: number | undefined): boolean {
  const lines = header.filter((l) => firstRow === undefined || l.no < firstRow).map((l) => l.text.replace(/\s+/g, ''));
  // One cell a line spreads the header over six lines: they are read together too.
  return lines.some((l) => PANELS.test(l)) || PANELS.test(lines.join(''));
}

/** A panel row's one amount, in its panel's part: the first part for the classes listed, the second otherwise. */
function byPanel(row: SubjectRow, firstPartClasses: string[]): SubjectRow {
  const v = row.values.find((x) => x !== null) ?? null;
  if (v === null || row.code === null) return { ...row, values: [v, null, null], positioned: true };
  const first = firstPartClasses.includes(row.code.slice(0, 3));
  return { ...row, values: [v, first ? v : ZERO, first ? ZERO : v], positioned: true, onePrinted: true };
}

/** The 人员/公用 halves of a row printing [合计, 人员, 公用, 项目] or [合计, 基本, 人员, 公用, 项目], by its arithmetic. */
function splitOf(row: SubjectRow | undefined): [Decimal, Decimal] | undefined {
  if (!row || row.positioned) return undefined;
  const n = row.values.filter((v): v is Decimal => v !== null);
  if (n.length === 4 && agrees(n[0], n[1].plus(n[2]).plus(n[3]))) return [n[1], n[2]];
  if (n.length === 5 && agrees(n[0], n[1].plus(n[4])) && agrees(n[1], n[2].plus(n[3]))) return [n[2], n[3]];
  return undefined;
}

/**
 * A row of such a table placed by its arithmetic alone: [合计, 人员, 公用, 项目] where 合计 is their sum,
 * or [合计, 基本, 人员, 公用, 项目] where 基本 = 人员 + 公用 too. Anything else (a blank lost in the text)
 * keeps only its total: reading 人员 as 基本 and 公用 as 项目 is the wrong figure this guards against.
 */
function basicFromSplit(row: SubjectRow): SubjectRow {
  const n = row.values.filter((v): v is Decimal => v !== null);
  const at = (values: (Decimal | null)[]) => ({ ...row, values, positioned: true });
  // Positioned rows (tab-separated, one cell per line) were placed by their header cells already.
  if (row.positioned) return row;
  if (n.length === 4 && agrees(n[0], n[1].plus(n[2]).plus(n[3]))) return at([n[0], n[1].plus(n[2]), n[3]]);
  if (n.length === 5 && agrees(n[0], n[1].plus(n[4])) && agrees(n[1], n[2].plus(n[3]))) return at([n[0], n[1], n[4]]);
  return at([n[0] ?? null, null, null]);
}

const codedCache = new WeakMap<TableBlock, Map<Roles, CodedTable>>();

/** A table of coded rows (function or economic), columns placed, duplicate codes merged. Read once per table. */
export function readCodedTable(ctx: ReadContext, table: TableBlock, roles: Roles, partNames: [string, string]): CodedTable {
  const cached = codedCache.get(table)?.get(roles);
  if (cached) return cached;
  const read = readCodedTableUncached(ctx, table, roles, partNames);
  codedCache.set(table, (codedCache.get(table) ?? new Map()).set(roles, read));
  return read;
}

function readCodedTableUncached(ctx: ReadContext, table: TableBlock, roles: Roles, partNames: [string, string]): CodedTable {
  const body = tableBody(ctx.lines, table);
  const parsed = parseSubjectRows(body, roles, { layout: ctx.layout, unit: table.unit, twoDecimals: ctx.twoDecimals, rowNumbers: hasRowNumbers(ctx, table) });
  let raw = parsed;
  const header = ctx.lines.slice(table.start, table.end);
  // The header is what comes before the first row: a 基本支出表 of one 金额 column may head its
  // sections "人员经费 …" / "公用经费 …" in the body, which names no column.
  const firstRow = parsed.find((r) => r.values.length > 0)?.line;
  const withParts = headerHasParts(firstRow === undefined ? header : header.filter((l) => l.no < firstRow), roles);
  if (roles.firstPartClasses && printsPanels(header, firstRow)) raw = raw.map((r) => byPanel(r, roles.firstPartClasses!));
  else if (roles.firstPartClasses && withParts && !headerNames(header, firstRow, unanchored(roles.total))) raw = raw.map((r) => partsOnly(r, roles.firstPartClasses!));
  else if (!withParts && roles.firstPartClasses && headsSections(body, firstRow)) raw = raw.map((r) => byPanel(r, roles.firstPartClasses!));
  else if (!withParts) raw = raw.map((r) => ({ ...r, values: [r.values[0] ?? null, null, null], positioned: true }));
  let rootSplit: [Decimal, Decimal] | undefined;
  if (withParts && roles === FUNCTION_ROLES && splitsBasic(header)) {
    rootSplit = splitOf(raw.find((r) => r.code === null));
    raw = raw.map(basicFromSplit);
  }
  else raw = roles.reserve && headerNames(header, firstRow, roles.reserve) ? withoutReserveGuess(raw) : keepRoleColumns(raw, headerNames(header, firstRow, WIDER_HEADER));
  const { placed, undecided } = placeByPositionOrArithmetic(raw, parsed, header, roles, table);
  const findings: Finding[] = undecided.map(({ row, printed }) => ({
    rule: 'column-undecided', severity: 'warning', table: table.title, line: row.line,
    message: `${row.code ?? '合计'} ${row.name}：印出 ${printed.map((v) => v.toFixed(2)).join('、')}，空白单元格在文本中丢失，表内勾稽无法判定属于${partNames[0]}还是${partNames[1]}，该两栏不予采用`,
  }));
  const merged = mergeDuplicateCodes(placed.filter((r) => r.code !== null));
  return { table, root: placed.find((r) => r.code === null) ?? null, rows: merged, findings, ...(rootSplit ? { rootSplit } : {}) };
}

/**
 * A PDF's positions place what the arithmetic cannot (a row printing its total and one part), but they
 * are trusted only where they agree with every row the arithmetic did decide: a misread position must
 * never overrule the table's own sums.
 */
function placeByPositionOrArithmetic(raw: SubjectRow[], parsed: SubjectRow[], header: Line[], roles: Roles, table: TableBlock): ReturnType<typeof placeColumns> {
  const arithmetic = placeColumns(raw);
  if (arithmetic.undecided.length === 0) return arithmetic;
  const positioned = positionRows(parsed, header, roles, table.unit);
  if (!positioned) return arithmetic;
  const byPosition = placeColumns(positioned);
  const open = new Set(arithmetic.undecided.map((u) => u.row.line));
  const same = (a: Decimal | null, b: Decimal | null) => (a ?? ZERO).equals(b ?? ZERO);
  const agree = arithmetic.placed.every((a, i) => {
    const p = byPosition.placed[i];
    return open.has(a.line) || (same(a.total, p.total) && same(a.parts[0], p.parts[0]) && same(a.parts[1], p.parts[1]));
  });
  return agree && byPosition.undecided.length < arithmetic.undecided.length ? byPosition : arithmetic;
}

/**
 * Some tables list one economic code on several lines (one per government-economic code): add them
 * up, and keep each line as printed so answers can show the parts beside the sum.
 */
function mergeDuplicateCodes(rows: Placed[]): Placed[] {
  const out: Placed[] = [];
  const byCode = new Map<string, { merged: Placed; first: Placed }>();
  const add = (a: Decimal | null, b: Decimal | null) => (a === null && b === null ? null : (a ?? ZERO).plus(b ?? ZERO));
  const printedOf = (r: Placed): PrintedRow => ({ line: r.line, name: r.name, total: r.total, parts: [r.parts[0], r.parts[1]] });
  for (const r of rows) {
    const seen = byCode.get(r.code!);
    if (!seen) {
      const copy = { ...r, parts: [...r.parts] as Placed['parts'] };
      byCode.set(r.code!, { merged: copy, first: r });
      out.push(copy);
      continue;
    }
    const { merged, first } = seen;
    merged.total = add(merged.total, r.total);
    merged.parts = [add(merged.parts[0], r.parts[0]), add(merged.parts[1], r.parts[1])];
    merged.printed = [...(merged.printed ?? [printedOf(first)]), printedOf(r)];
    // The sum cites every line it came from: a reader checking the citation finds each printed part.
    merged.lines = merged.printed.map((p) => p.line);
  }
  return out;
}

/** The first table of the kinds given (in order of preference) that has coded rows. */
export function firstCodedTable(ctx: ReadContext, kinds: TableKind[], roles: Roles, partNames: [string, string]): CodedTable | null {
  for (const kind of kinds) {
    for (const t of tablesOf(ctx, kind)) {
      const read = readCodedTable(ctx, t, roles, partNames);
      if (read.rows.length > 0 || read.root?.total) return read;
    }
  }
  return null;
}

export const FUNCTION_TABLES: TableKind[] = ['expenditure', 'general_budget_expenditure', 'fiscal_expenditure'];
export const ECONOMIC_TABLES: TableKind[] = ['basic_expenditure'];
export const FUNCTION_PARTS: [string, string] = FUNCTION_ROLES.partNames;
export const ECONOMIC_PARTS: [string, string] = ECONOMIC_ROLES.partNames;
export { FUNCTION_ROLES, ECONOMIC_ROLES };

/**
 * The 三公 table in whichever of its two shapes the document prints. Some templates print two (Yunnan's
 * 决算: one with 机关运行经费 beside it, one of 一般公共预算 only) or a 政府性基金 one: the general
 * budget's comes first, and the first that yields a 三公 total is taken.
 */
export function readThreePublic(ctx: ReadContext, evidence: { vehicleOperation?: Decimal }): ThreePublicResult | null {
  const tables = tablesOf(ctx, 'three_public');
  const ranked = [...tables.filter((t) => !OTHER_FUNDS.test(t.title)), ...tables.filter((t) => OTHER_FUNDS.test(t.title))];
  let first: ThreePublicResult | null = null;
  for (const table of ranked) {
    const read = readThreePublicTable(ctx, table, evidence);
    if (read.value.total !== null) return read;
    first ??= read;
  }
  return first;
}

const AMOUNT_ONLY = /^-?[\d,]+\.\d+$/;

/**
 * An extraction that puts every cell on a line of its own prints the 三公 row as a run of amounts, one
 * a line, after its stacked header: the run is that row (its first line cited).
 */
function columnOfNumbers(body: Line[]): Line | undefined {
  const start = body.findIndex((l, i) => body.slice(i, i + 4).length === 4 && body.slice(i, i + 4).every((x) => AMOUNT_ONLY.test(x.text.trim())));
  if (start < 0 || body.slice(0, start).some((l) => /\d\.\d/.test(l.text))) return undefined;
  let end = start;
  while (end < body.length && AMOUNT_ONLY.test(body[end].text.trim())) end++;
  const run = body.slice(start, end);
  return { ...run[0], text: run.map((l) => l.text.trim()).join(' '), cells: undefined };
}

/**
 * A 三公 table listing its units (单位编码 单位名称 合计 …) prints the department's row first, labelled
 * 合计: that row's amounts, the label left out (the unit rows below it are parts of it).
 */
function labelledTotalRow(body: Line[]): Line | undefined {
  for (const l of body) {
    const m = /^\s*(?:合\s*计|总\s*计)((?:\s+-?[\d,]+\.\d+){4,})\s*$/.exec(l.text);
    if (m) return { ...l, text: m[1].trim(), cells: l.cells?.slice(1) };
  }
  return undefined;
}

/** A 三公 table of the government funds or state capital budgets, not the general budget's. */
const OTHER_FUNDS = /政府性基金|国有资本/;

function readThreePublicTable(ctx: ReadContext, table: TableBlock, evidence: { vehicleOperation?: Decimal }): ThreePublicResult {
  const body = tableBody(ctx.lines, table);
  // The header as printed: tableBody drops everything down to a 栏次 line, and the header says which
  // columns the numbers are (预算数 then 决算数, two years, 接待 before 车辆).
  const all = ctx.lines.slice(table.start + 1, table.end);
  const above = (row: Line) => all.slice(0, Math.max(0, all.findIndex((l) => l === row || l.no === row.no))).filter((l) => !isColumnIndexLine(l.text) && !/^栏次/.test(l.text.trim()));
  // A 决算 that prints 预算数/决算数 under every column may fill only two of its cells ("0.95 0.95"):
  // below such a header a shorter row of numbers is still the row.
  const pairedAbove = (i: number) => above(body[i]).some((l) => /预算数\s*决算数/.test(l.text));
  const numberRow = body.find((l, i) => {
    const parts = l.text.trim().split(/\s+/);
    return (parts.length >= 4 || (parts.length >= 2 && pairedAbove(i))) && parts.every((p) => /^-?[\d,]+(?:\.\d+)?$/.test(p)) && !isColumnIndexLine(l.text);
  }) ?? columnOfNumbers(body) ?? labelledTotalRow(body);
  if (numberRow) {
    const tokens = numberRow.text.trim().split(/\s+/);
    const parsed = tokens.map((p) => parseAmount(p, table.unit));
    // The row test admits any digits and commas; a token that is not an amount ("1,2345") is named, not crashed on.
    const bad = tokens.filter((_, i) => parsed[i] === null);
    if (bad.length) {
      return {
        value: { table: table.title, line: numberRow.no, total: null, outbound: null, vehicle: null, vehiclePurchase: null, vehicleOperation: null, reception: null },
        findings: [{ rule: 'three-public-columns', severity: 'warning', table: table.title, line: numberRow.no, message: `“三公”经费表的 ${bad.slice(0, 3).join('、')} 不是有效的金额，该表未予采用` }],
      };
    }
    const values = parsed as Decimal[];
    const headerLines = above(numberRow);
    const header = headerLines.map((l) => l.text).join('\n');
    const positions = numberRow.cells && { centers: numberRow.cells.map((c) => (c.x0 + c.x1) / 2), header: headerLines.map((l) => l.cells ?? []) };
    return threePublicFromRow(values, header, table.title, numberRow.no, evidence, positions);
  }
  const pairs = labelValuesOf(ctx, table);
  if (table.empty && pairs.every((p) => p.values.length === 0)) {
    return { value: { table: table.title, line: ctx.lines[table.start].no, total: ZERO, outbound: ZERO, vehicle: ZERO, vehiclePurchase: ZERO, vehicleOperation: ZERO, reception: ZERO }, findings: [] };
  }
  // A 决算 list whose header prints 预算数 before 决算数: each row's two numbers are those two columns.
  const head = all.map((l) => l.text.replace(/\s/g, '')).join('');
  const paired = /预算数.*决算数/.test(head) && !/决算数.*预算数/.test(head);
  return threePublicFromList(pairs, table.title, ctx.lines[table.start].no, paired, (!paired && listColumns(head)) || undefined);
}
