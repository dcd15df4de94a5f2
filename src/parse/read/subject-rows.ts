// Rows keyed by a classification code (function 类/款/项 or economic subjects), read from any layout.
// Flowing text loses blank cells, so its rows carry their numbers in printed order and
// infer-columns.ts decides which column each is; tab-separated and one-cell-per-line layouts keep
// every cell, so their rows come out positioned.
import type { Decimal } from 'decimal.js';
import { parseAmount } from '../amount.js';
import { cellsOf, type Layout, type Line } from '../front/lines.js';
import { tokenize, type Token } from '../front/tokens.js';
import type { SourceUnit } from '../types.js';
import { ECONOMIC_COLUMNS, FUNCTION_COLUMNS, type ColumnRoles } from '../template/catalog.js';

export interface SubjectRow {
  /** Null for the table's 合计 row. */
  code: string | null;
  name: string;
  line: number;
  /** Positioned: [total, part1, part2], null where the cell is blank. Otherwise the numbers as printed. */
  values: (Decimal | null)[];
  positioned: boolean;
  /** One amount printed, its halves placed by its panel or class: the row's own arithmetic confirms nothing. */
  onePrinted?: boolean;
}

/** Column headers that name the total and the two parts, per table family (template/catalog.json). */
export type Roles = ColumnRoles;
export const FUNCTION_ROLES: Roles = FUNCTION_COLUMNS;
export const ECONOMIC_ROLES: Roles = ECONOMIC_COLUMNS;

const CODE = /^(?:2\d{2}|3\d{2}|5\d{2})(?:\d{2}){0,2}$/;
const TOTAL_LABEL = /^(合计|总计)$/;
const PERCENT = /^-?[\d.]+%$/;
/** A labelled total after the rows: not a row, and not part of the row above it. */
const CLOSING_TOTAL = /^(?:人员经费|公用经费|基本支出|项目支出)(?:合计|小计)$/;

export function isSubjectCode(s: string): boolean {
  return CODE.test(s);
}

export interface RowOptions {
  layout: Layout;
  unit: SourceUnit;
  twoDecimals: boolean;
  /** The table prints a 序号 column (its header says 序号 or 栏次). */
  rowNumbers: boolean;
}

export function parseSubjectRows(lines: Line[], roles: Roles, o: RowOptions): SubjectRow[] {
  if (o.layout === 'tabbed') return parseTabbedRows(lines, o.unit, roles);
  // A document printing two decimals can hold a table of whole 元 ("2,976,800 0 2,976,800"): there a
  // bare integer is an amount, not a folio.
  const twoDecimals = o.twoDecimals && !printsWholeAmounts(lines);
  return parseTokenRows(tokenize(lines, o.layout, twoDecimals), { ...o, twoDecimals });
}

/** The table prints thousands-grouped whole numbers and no amount with decimals. */
function printsWholeAmounts(lines: Line[]): boolean {
  let whole = 0;
  for (const l of lines) {
    if (/\d\.\d{2}(?!\d)/.test(l.text)) return false;
    whole += (l.text.match(/(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,.])/g) ?? []).length;
  }
  return whole >= 3;
}

/** Flowing and one-cell-per-line text: a row starts at a code followed by its name, or at 合计. */
function parseTokenRows(tokens: Token[], { layout, unit, twoDecimals, rowNumbers: hasRowNumbers }: RowOptions): SubjectRow[] {
  const rows: SubjectRow[] = [];
  let current: SubjectRow | null = null;
  let orphan: string[] = [];
  const startsRow = (i: number) => {
    const t = tokens[i];
    if (t.kind === 'text') return TOTAL_LABEL.test(t.s) && !rows.some((r) => r.code === null);
    if (!CODE.test(t.s)) return false;
    const next = tokens[i + 1];
    if (next?.kind === 'text') return !/^[%年月日号万元]/.test(next.s);
    // A name centred vertically in its cell prints above the code: text, code, amount.
    return orphan.length > 0 && next?.kind === 'num' && tokens[i - 1]?.kind === 'text';
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // A percentage column (增减%, 占比) is neither an amount nor part of a name.
    if (PERCENT.test(t.s) || (t.kind === 'num' && tokens[i + 1]?.s.startsWith('%'))) {
      if (t.kind === 'num') i++;
      continue;
    }
    if (startsRow(i)) {
      // Text left between rows: the next row's name when it prints none after its code (a cell
      // centred vertically), otherwise the end of the previous row's wrapped name.
      const nextHasName = t.kind === 'num' && tokens[i + 1]?.kind === 'text';
      if (orphan.length && current && nextHasName) current.name += orphan.join('');
      const prefix = orphan.length && !nextHasName ? orphan.join('') : '';
      orphan = [];
      current = { code: t.kind === 'num' ? t.s : null, name: prefix, line: t.line, values: [], positioned: layout === 'cells' };
      rows.push(current);
      if (t.kind === 'num' && tokens[i + 1]?.kind === 'text') {
        current.name += tokens[i + 1].s;
        i++;
      }
      continue;
    }
    if (!current) continue;
    if (t.kind === 'num') {
      // A small integer right before a row is that row's 序号, not this row's last cell.
      if (hasRowNumbers && /^\d{1,3}$/.test(t.s) && i + 1 < tokens.length && startsRow(i + 1)) continue;
      // In flowing text where every amount has two decimals, a bare integer is a folio or 序号.
      if (twoDecimals && layout === 'flowing' && !t.s.includes('.')) continue;
      if (layout === 'flowing' && isFolio(tokens, i)) continue;
      const v = parseAmount(t.s, unit);
      // Once text has followed a row's numbers, a number before the next row is not the row's
      // own (a folio, a note's figure, "公开 06 表"): the row's cells are printed together.
      if (!v || orphan.length) continue;
      current.values.push(v);
      continue;
    }
    // A closing line of halves ("人员经费合计 789.32 公用经费合计 196.63") belongs to no coded row.
    if (CLOSING_TOTAL.test(t.s)) {
      current = null;
      orphan = [];
      continue;
    }
    // A header's 合计 column heading and the 合计 row below it, with no number between: the row is the second.
    if (current.code === null && current.values.length === 0 && TOTAL_LABEL.test(t.s)) {
      current.line = t.line;
      current.name = '';
      continue;
    }
    // Text: before any number it continues the name; after numbers it is an orphan for now.
    if (current.values.length === 0) current.name += t.s;
    else orphan.push(t.s);
  }
  for (const r of rows) r.name = cleanName(r.name);
  if (layout === 'cells') for (const r of rows) r.values = r.values.slice(0, 3);
  return rows;
}

/**
 * A page's folio, whatever the document's number style: 1–3 digits alone on their line after a row's
 * amounts with decimals, followed by text (the next page's running head, the next table's title) or
 * by nothing.
 */
function isFolio(tokens: Token[], i: number): boolean {
  const [prev, t, next] = [tokens[i - 1], tokens[i], tokens[i + 1]];
  if (!/^\d{1,3}$/.test(t.s) || prev?.kind !== 'num' || prev.line === t.line || !prev.s.includes('.')) return false;
  return next === undefined || (next.kind === 'text' && next.line !== t.line);
}

/** Tab-separated rows: the header line tells which cell holds which column. */
function parseTabbedRows(lines: Line[], unit: SourceUnit, roles: Roles): SubjectRow[] {
  const cols = findRoleColumns(lines, roles);
  const rows: SubjectRow[] = [];
  for (const line of lines) {
    const cells = cellsOf(line.text);
    const codeCells = leadingCode(cells);
    if (!codeCells && !cells.some((c, i) => TOTAL_LABEL.test(c.replace(/\s+/g, '')) && i <= 5)) continue;
    const code = codeCells?.code ?? null;
    if (code === null && rows.some((r) => r.code === null)) continue;
    const from = codeCells?.width ?? 0;
    // Conversion debris repeats codes and numbers ("399 99 其他支出 599 99"): a real row names itself next.
    const firstAfterCode = cells.slice(from).find((c) => c !== '');
    if (codeCells && (!firstAfterCode || parseAmount(firstAfterCode) !== null)) continue;
    const nameCell = cells.slice(from).find((c) => c && parseAmount(c) === null && !/^\d+$/.test(c));
    const at = (idx: number | undefined) => (idx === undefined ? null : parseAmount(cells[idx] ?? '', unit));
    const values = [at(cols.total), at(cols.parts[0]), at(cols.parts[1])];
    const anyValue = values.some((v) => v !== null);
    if (code === null && !anyValue) continue;
    rows.push({
      code,
      name: cleanName(code === null ? '合计' : nameCell ?? ''),
      line: line.no,
      // Blank cells in a row that prints any number are zeros; a row printing nothing stays unknown.
      values: anyValue ? values.map((v) => v ?? parseAmount('0')) : values,
      positioned: true,
    });
  }
  return rows;
}

function leadingCode(cells: string[]): { code: string; width: number } | null {
  const [a, b, c] = cells;
  if (/^\d{3}$/.test(a ?? '') && /^\d{2}$/.test(b ?? '') && /^\d{2}$/.test(c ?? '')) return { code: a + b + c, width: 3 };
  if (/^\d{3}$/.test(a ?? '') && /^\d{2}$/.test(b ?? '') && !c) return { code: a + b, width: 3 };
  if (a && CODE.test(a)) return { code: a, width: 1 };
  return null;
}

function findRoleColumns(lines: Line[], roles: Roles): { total?: number; parts: [number?, number?] } {
  const out: { total?: number; parts: [number?, number?] } = { parts: [undefined, undefined] };
  for (const line of lines.slice(0, 12)) {
    const cells = cellsOf(line.text).map((c) => c.replace(/\s+/g, ''));
    cells.forEach((c, i) => {
      if (out.total === undefined && roles.total.test(c) && i > 1) out.total = i;
      roles.parts.forEach((re, k) => { if (out.parts[k] === undefined && re.test(c)) out.parts[k] = i; });
    });
    if (out.total !== undefined && out.parts[0] !== undefined) break;
  }
  return out;
}

/** Names lose the spaces that wrapping put in them. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, '');
}
