// Coded rows of a PDF table placed by where their numbers are printed. Flowing text loses blank
// cells ("301 工资福利支出 23,647.92 23,647.92": 人员 or 公用?); the PDF still knows each number's x.
// Numbers of one column share an edge (right-aligned: x1; centred: the centre), so the numbers are
// grouped into columns first and each group is put under the header column nearest to it. Anything
// unclear — a row whose cells cannot be matched to its numbers, two groups under one heading, a
// group halfway between two headings — leaves the table to the arithmetic (infer-columns.ts).
import type { Decimal } from 'decimal.js';
import { parseAmount } from '../amount.js';
import type { Line, PositionedCell } from '../front/lines.js';
import type { SourceUnit } from '../types.js';
import { headerColumns } from './header-columns.js';
import type { Roles, SubjectRow } from './subject-rows.js';

type Role = 'total' | 'part0' | 'part1' | 'split0' | 'split1';

interface NumberCell {
  row: number;
  value: Decimal;
  cell: PositionedCell;
}

/** How close (in PDF points) two numbers' edges must be to be one column. */
const EDGE_TOLERANCE = 3;
/** A group must be at most this share of the way to the second-nearest heading. */
const CLEAR_MARGIN = 0.5;

function roleOf(words: string[], roles: Roles): Role | null {
  for (const w of [...words].reverse()) {
    if (roles.total.test(w)) return 'total';
    const part = roles.parts.findIndex((re) => re.test(w));
    if (part >= 0) return part === 0 ? 'part0' : 'part1';
    const split = roles.split?.findIndex((re) => re.test(w)) ?? -1;
    if (split >= 0) return split === 0 ? 'split0' : 'split1';
  }
  return null;
}

/** The row's numbers as printed cells of its own line: the last cells, which must read as its values. */
function cellsOfRow(row: SubjectRow, line: Line | undefined, unit: SourceUnit): PositionedCell[] | null {
  const values = row.values.filter((v): v is Decimal => v !== null);
  if (!line?.cells || values.length === 0) return null;
  const cells = line.cells.slice(-values.length);
  if (cells.length !== values.length) return null;
  const same = cells.every((c, i) => parseAmount(c.text, unit)?.equals(values[i]));
  return same ? cells : null;
}

/** Groups of cells sharing an edge; null when some group holds two numbers of one row. */
function groupsBy(cells: NumberCell[], edge: (c: PositionedCell) => number): NumberCell[][] | null {
  const groups: { at: number; cells: NumberCell[] }[] = [];
  for (const n of [...cells].sort((a, b) => edge(a.cell) - edge(b.cell))) {
    const last = groups[groups.length - 1];
    if (last && edge(n.cell) - last.at <= EDGE_TOLERANCE) last.cells.push(n);
    else groups.push({ at: edge(n.cell), cells: [n] });
  }
  const oneARow = groups.every((g) => new Set(g.cells.map((c) => c.row)).size === g.cells.length);
  return oneARow ? groups.map((g) => g.cells) : null;
}

/**
 * Rows with their values positioned [total, part1, part2] where the PDF's positions say so, or null
 * when the table cannot be placed that way (not a PDF, header without both part columns, unclear).
 */
export function positionRows(rows: SubjectRow[], table: Line[], roles: Roles, unit: SourceUnit): SubjectRow[] | null {
  const firstRow = rows.find((r) => r.values.length > 0)?.line;
  if (firstRow === undefined || table.some((l) => l.text.trim() && !l.cells)) return null;
  const header = table.filter((l) => l.no < firstRow).map((l) => l.cells ?? []);
  const columns = headerColumns(header, { groupsByExtent: true }).map((c) => ({ ...c, role: roleOf(c.words, roles) }));
  const has = (r: Role) => columns.some((c) => c.role === r);
  if (!has('total') || !(has('part0') || (has('split0') && has('split1'))) || !has('part1')) return null;
  if (Object.values(countRoles(columns)).some((n) => n > 1)) return null;

  const byNo = new Map(table.map((l) => [l.no, l]));
  const numbers: NumberCell[] = [];
  const matched = rows.map((row, i) => {
    const cells = cellsOfRow(row, byNo.get(row.line), unit);
    cells?.forEach((cell, k) => numbers.push({ row: i, value: row.values.filter((v): v is Decimal => v !== null)[k], cell }));
    return cells !== null;
  });
  if (numbers.length === 0) return null;
  // Right-aligned columns share x1; centred ones share the centre. Take whichever gives fewer groups.
  const candidates = [groupsBy(numbers, (c) => c.x1), groupsBy(numbers, (c) => (c.x0 + c.x1) / 2)].filter((g): g is NumberCell[][] => g !== null);
  if (candidates.length === 0) return null;
  const groups = candidates.sort((a, b) => a.length - b.length)[0];

  const roleOfGroup = new Map<NumberCell[], Role | null>();
  const taken = new Set<number>();
  for (const g of groups) {
    const x = g.reduce((n, c) => n + (c.cell.x0 + c.cell.x1) / 2, 0) / g.length;
    const byDistance = columns.map((c, i) => ({ i, d: Math.abs(c.x - x) })).sort((a, b) => a.d - b.d);
    const [best, second] = byDistance;
    if (!best || taken.has(best.i) || (second && best.d > second.d * CLEAR_MARGIN)) return null;
    taken.add(best.i);
    roleOfGroup.set(g, columns[best.i].role);
  }

  const placed = rows.map((row) => ({ ...row }));
  const found = rows.map(() => new Map<Role, Decimal>());
  for (const g of groups) {
    const role = roleOfGroup.get(g);
    if (role) for (const n of g) found[n.row].set(role, n.value);
  }
  rows.forEach((row, i) => {
    if (!matched[i]) return;
    const f = found[i];
    const zero = parseAmount('0')!;
    const get = (r: Role) => f.get(r) ?? zero;
    const split = f.has('split0') || f.has('split1') ? get('split0').plus(get('split1')) : null;
    const part0 = f.get('part0') ?? split ?? zero;
    placed[i] = { ...row, values: [f.get('total') ?? zero, part0, get('part1')], positioned: true };
  });
  return placed;
}

function countRoles(columns: { role: Role | null }[]): Partial<Record<Role, number>> {
  const out: Partial<Record<Role, number>> = {};
  for (const c of columns) if (c.role) out[c.role] = (out[c.role] ?? 0) + 1;
  return out;
}
