// Coded tables that print more amounts a row than their three roles (合计, and the two parts): a
// central department's 支出表 leads with last year's 执行数 and ends with 增减额 ("700.00 | 750.00
// 300.00 450.00 | 50.00"). Read from the left, its rows would give last year's figure as this year's
// total. The role columns are the three consecutive amounts whose first is the sum of the other two,
// at the same place in every row that prints all its cells; a row that lost a blank cell keeps only
// what every placement consistent with that agrees on.
import type { Decimal } from 'decimal.js';
import { agrees, ZERO } from '../amount.js';
import type { SubjectRow } from '../read/subject-rows.js';

const numbersOf = (r: SubjectRow) => r.values.filter((v): v is Decimal => v !== null);

/** Offsets k where the row's k-th amount is the sum of the next two, not all three zero. */
function tripleOffsets(nums: Decimal[]): number[] {
  const out: number[] = [];
  for (let k = 0; k + 2 < nums.length; k++) {
    if (nums[k].isZero() && nums[k + 1].isZero() && nums[k + 2].isZero()) continue;
    if (agrees(nums[k], nums[k + 1].plus(nums[k + 2]))) out.push(k);
  }
  return out;
}

/** The table's width (amounts in a complete row) and the offset of its role columns, or null. */
export function roleOffset(rows: SubjectRow[], headerSaysWider = false): { width: number; offset: number } | null {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(numbersOf(r).length, (counts.get(numbersOf(r).length) ?? 0) + 1);
  const width = Math.max(...counts.keys());
  if (width <= 3) return null;
  const complete = rows.filter((r) => numbersOf(r).length === width);
  // One row with a stray number (a folio run into it) does not make a table wider.
  const printing = rows.filter((r) => numbersOf(r).length > 0).length;
  // (Unless the header names the extra columns: then few rows printing every cell are enough.)
  if (complete.length < 2 || (!headerSaysWider && complete.length * 4 < printing)) return null;
  // Every complete row must allow the offset; rows of zeros allow anything and say nothing.
  let shared: number[] | null = null;
  for (const r of complete) {
    const nums = numbersOf(r);
    if (nums.every((n) => n.isZero())) continue;
    const ks = tripleOffsets(nums);
    shared = shared === null ? ks : shared.filter((k) => ks.includes(k));
  }
  if (!shared || shared.length !== 1) return null;
  return { width, offset: shared[0] };
}

/**
 * Rows of such a table reduced to their role columns. A row with all `width` amounts is positioned;
 * one that lost blank cells is tried with the blanks at every place: the total every consistent
 * placement shares is kept, with its one printed part left for the arithmetic to place; otherwise the
 * row keeps no figure at all. Tables whose rows print three amounts or fewer come back unchanged.
 */
export function keepRoleColumns(rows: SubjectRow[], headerSaysWider = false): SubjectRow[] {
  const layout = roleOffset(rows, headerSaysWider);
  if (!layout) return rows;
  const { width, offset } = layout;
  return rows.map((row) => {
    const nums = numbersOf(row);
    if (nums.length === width) return { ...row, values: nums.slice(offset, offset + 3), positioned: true };
    const triples = blanksAt(nums, width).map((full) => full.slice(offset, offset + 3))
      .filter(([t, a, b]) => t !== null && !t.isZero() && agrees(t, (a ?? ZERO).plus(b ?? ZERO)));
    const totals = new Set(triples.map(([t]) => t!.toFixed(6)));
    if (triples.length === 0 || totals.size !== 1) return { ...row, values: [] };
    if (triples.length === 1) return { ...row, values: triples[0].map((v) => v ?? ZERO), positioned: true };
    // The total is sure; when every placement gives its one non-zero part the same amount, the table's
    // sums say which column that is. Anything else keeps no figure.
    const parts = new Set(triples.map(([, a, b]) => (a && !a.isZero() ? a : b ?? ZERO).toFixed(6)));
    const onePart = triples.every(([, a, b]) => !(a && !a.isZero() && b && !b.isZero()));
    if (!onePart || parts.size !== 1) return { ...row, values: [] };
    const part = triples.map(([, a, b]) => (a && !a.isZero() ? a : b ?? ZERO))[0];
    return { ...row, values: [triples[0][0], part], positioned: false };
  });
}

/** Every way of putting `width - nums.length` blank cells among the printed amounts. */
function blanksAt(nums: Decimal[], width: number): (Decimal | null)[][] {
  const missing = width - nums.length;
  if (missing <= 0 || missing > 3) return [];
  const out: (Decimal | null)[][] = [];
  const walk = (i: number, left: number, acc: (Decimal | null)[]) => {
    if (acc.length === width) { if (left === 0) out.push(acc); return; }
    if (left > 0) walk(i, left - 1, [...acc, null]);
    if (i < nums.length) walk(i + 1, left, [...acc, nums[i]]);
  };
  walk(0, missing, []);
  return out;
}

/**
 * A table printing 单位预留机动经费 after 基本 and 项目: where its 合计 row holds a reserve (合计 = 基本 +
 * 项目 + 机动, 机动 ≠ 0), a row of three amounts may end in its 项目 or its 机动 — the blank between is
 * lost — so only its total is kept. Where the 合计 row holds none, no row does, and rows stay as read.
 */
export function withoutReserveGuess(rows: SubjectRow[]): SubjectRow[] {
  const root = rows.find((r) => r.code === null);
  const n = root ? numbersOf(root) : [];
  const holdsReserve = n.length === 4 && !n[3].isZero() && agrees(n[0], n[1].plus(n[2]).plus(n[3]));
  if (!holdsReserve) return rows;
  return rows.map((r) => {
    const nums = numbersOf(r);
    if (r.positioned) return r;
    if (nums.length >= 4) return { ...r, values: nums.slice(0, 3), positioned: true };
    if (nums.length === 3 && !nums[2].isZero()) return { ...r, values: [nums[0], null, null], positioned: true };
    return r;
  });
}

