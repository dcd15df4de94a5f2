// Decides which column each printed number belongs to when flowing text dropped the blank cells.
// Only the table's own arithmetic decides: a parent equals the sum of its children in every
// column, and a row's total equals its parts. What the arithmetic leaves open stays unknown and
// becomes a finding; nothing is guessed.
import type { Decimal } from 'decimal.js';
import { agrees, sum, ZERO } from '../amount.js';
import type { SubjectRow } from '../read/subject-rows.js';
import type { PrintedRow } from '../types.js';

export interface Placed {
  code: string | null;
  name: string;
  line: number;
  /** Every line the figure was added up from, where the table prints the code on several lines. */
  lines?: number[];
  /** Those lines' own figures, as printed (the row's figures are their sum). */
  printed?: PrintedRow[];
  total: Decimal | null;
  parts: [Decimal | null, Decimal | null];
  /** One amount printed, its halves placed by panel or class (SubjectRow.onePrinted). */
  onePrinted?: boolean;
}

interface Candidate {
  total: Decimal | null;
  parts: [Decimal | null, Decimal | null];
}

export interface Undecided {
  row: Placed;
  printed: Decimal[];
}

/** Every placement of a row's printed numbers that its own layout allows. */
function candidatesOf(row: SubjectRow): Candidate[] {
  const v = row.values;
  if (row.positioned) return [{ total: v[0] ?? null, parts: [v[1] ?? null, v[2] ?? null] }];
  const nums = v.filter((x): x is Decimal => x !== null);
  if (nums.length === 0) return [{ total: null, parts: [null, null] }];
  if (nums.length >= 3) {
    // Some extractions print a row's total after its parts (mixed fonts: "合计 2,336.91 603.14" / "2,940.05").
    // Only the arithmetic may say so: the last number is the sum of the two before it, the first is not.
    const totalLast = nums.length === 3 && agrees(nums[2], nums[0].plus(nums[1])) && !agrees(nums[0], nums[1].plus(nums[2]));
    return totalLast ? [{ total: nums[2], parts: [nums[0], nums[1]] }] : [{ total: nums[0], parts: [nums[1], nums[2]] }];
  }
  // One part printed (or only the total): it is in the first part column or in the second.
  const part = nums[1] ?? nums[0];
  if (part.isZero()) return [{ total: nums[0], parts: [ZERO, ZERO] }];
  return [
    { total: nums[0], parts: [part, ZERO] },
    { total: nums[0], parts: [ZERO, part] },
  ];
}

/** Index of each row's parent: the nearest earlier-listed row whose code is a prefix of its own. */
export function parentIndexes(rows: { code: string | null }[]): number[] {
  const rootIndex = rows.findIndex((r) => r.code === null);
  return rows.map((r, i) => {
    if (r.code === null) return -1;
    let best = rootIndex;
    let bestLen = 0;
    rows.forEach((p, j) => {
      if (j === i || p.code === null) return;
      if (r.code!.startsWith(p.code) && p.code.length < r.code!.length && p.code.length > bestLen) {
        best = j;
        bestLen = p.code.length;
      }
    });
    return best;
  });
}

const MAX_COMBINATIONS = 4096;

function tolerance(n: number): Decimal {
  return ZERO.plus(0.01).plus(ZERO.plus(0.005).times(Math.max(0, n - 2)));
}

function sumsMatch(parent: Candidate, kids: Candidate[]): boolean {
  return [0, 1].every((k) => {
    const p = parent.parts[k];
    if (p === null) return true;
    return agrees(p, sum(kids.map((c) => c.parts[k])), tolerance(kids.length));
  });
}

/** Cartesian product of candidate lists, or null when it would be too large to try. */
function combinations(lists: Candidate[][]): Candidate[][] | null {
  const size = lists.reduce((n, l) => n * l.length, 1);
  if (size > MAX_COMBINATIONS) return null;
  let out: Candidate[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((c) => [...prefix, c]));
  return out;
}

export function placeColumns(rows: SubjectRow[]): { placed: Placed[]; undecided: Undecided[] } {
  const cands = rows.map(candidatesOf);
  const parents = parentIndexes(rows);
  const children = rows.map((_, i) => parents.flatMap((p, j) => (p === i ? [j] : [])));
  let progress = true;
  while (progress) {
    progress = false;
    rows.forEach((_, p) => {
      const kids = children[p];
      if (kids.length === 0) return;
      // Top-down: a decided parent fixes the children whose placement all valid combinations share.
      if (cands[p].length === 1) {
        // A column the parent has at zero is zero in every child: settles wide tables without enumerating.
        [0, 1].forEach((k) => {
          if (!cands[p][0].parts[k]?.isZero()) return;
          for (const kid of kids) {
            const kept = cands[kid].filter((c) => c.parts[k] === null || c.parts[k]!.isZero());
            if (kept.length > 0 && kept.length < cands[kid].length) {
              cands[kid] = kept;
              progress = true;
            }
          }
        });
        const open = kids.filter((k) => cands[k].length > 1);
        if (open.length === 0) return;
        const combos = combinations(kids.map((k) => cands[k]));
        if (!combos) return;
        const valid = combos.filter((combo) => sumsMatch(cands[p][0], combo));
        if (valid.length === 0) return;
        for (const k of open) {
          const pos = kids.indexOf(k);
          const chosen = new Set(valid.map((combo) => combo[pos]));
          if (chosen.size === 1) {
            cands[k] = [...chosen];
            progress = true;
          }
        }
        return;
      }
      // Bottom-up: decided children fix the parent.
      if (kids.every((k) => cands[k].length === 1)) {
        const fitting = cands[p].filter((c) => sumsMatch(c, kids.map((k) => cands[k][0])));
        if (fitting.length === 1) {
          cands[p] = fitting;
          progress = true;
        }
      }
    });
  }
  const placed: Placed[] = [];
  const undecided: Undecided[] = [];
  rows.forEach((row, i) => {
    const c = cands[i];
    const base = { code: row.code, name: row.name, line: row.line, ...(row.onePrinted ? { onePrinted: true } : {}) };
    if (c.length === 1) {
      placed.push({ ...base, ...c[0] });
    } else {
      const p: Placed = { ...base, total: c[0].total, parts: [null, null] };
      placed.push(p);
      undecided.push({ row: p, printed: row.values.filter((x): x is Decimal => x !== null) });
    }
  });
  return { placed, undecided };
}
