// The 三公 table, printed two ways: as a list of named rows, or as one row of numbers under a
// two-level header (Jiangsu adds 会议费 and 培训费 beside them, and its 合计 includes those two).
// Blank cells are placed by the table's arithmetic; a tie is broken only by the same figure printed
// elsewhere in the document (the 公务用车运行维护费 line of the basic-expenditure table).
import type { Decimal } from 'decimal.js';
import { agrees, sum, ZERO } from '../amount.js';
import { bareLabel, findLabel, type LabelValue } from './label-values.js';
import type { PositionedCell } from '../front/lines.js';
import { headerColumns } from './header-columns.js';
import type { Finding, ThreePublic } from '../types.js';

export interface ThreePublicResult {
  value: ThreePublic;
  findings: Finding[];
  /** 机关运行经费, where the table prints it as its last column (Shanghai's “三公”经费和机关运行经费预算表). */
  operating?: Decimal;
}

const LABELS = {
  subtotal: [/^“?三公”?经费(?:小计|合计)$/, /^三公经费(?:小计|合计)$/, /^(?:财政拨款)?三公经费(?:支出)?$/],
  // The column headings run into the first row's label when no number stands between them.
  total: [/^合计$/, /^(?:单位[:：]万?元)?(?:项目|名称|预算数|决算数|金额)+合计$/],
  // 广东 words the items as 支出 ("（一）因公出国（境）支出", "（三）公务接待费支出").
  outbound: [/^因公出国[（(]境[)）](?:费(?:用)?(?:支出)?|支出)$/],
  vehicle: [/^公务用车购置及运[行维]/],
  vehiclePurchase: [/^公务用车购置费?$/],
  vehicleOperation: [/^公务用车运行(?:维护)?费$/, /^公务用车运维费$/],
  reception: [/^公务接待费(?:支出)?$/, /^公务接待支出$/],
};

/**
 * Named rows: each figure is the first number after its label; a label with none is blank (0). Under a
 * 决算 header of 预算数 then 决算数 (`paired`), a row's two numbers are its 预算数 and 决算数; a row that
 * printed only one cannot say which it is, and both stay unknown.
 */
export function threePublicFromList(pairs: LabelValue[], table: string, line: number, paired = false, columns?: ListColumns): ThreePublicResult {
  // Which printed number of a row is the figure asked for: `column` of `width` numbers a row.
  const width = paired ? 2 : columns?.width ?? null;
  const own = paired ? 1 : columns?.current ?? null;
  const at = (res: RegExp[], column: number | null) => {
    const hit = findLabel(pairs, res);
    if (!hit) return null;
    if (column === null || width === null) return { v: hit.values[0] ?? ZERO, line: hit.line };
    // A row printing fewer numbers than the header has columns lost blanks: which is which is unknown.
    // A label with no number: blank in the year's own column (0), unknown in a 预算数 beside a 决算.
    const v = hit.values.length === width ? hit.values[column] : hit.values.length === 0 && column === own ? ZERO : null;
    return { v, line: hit.line };
  };
  const read = (column: number | null) => {
    const get = (res: RegExp[]) => at(res, column);
    // A table that lists 机关运行经费 beside the 三公 (Yunnan's 决算) has a 合计 that is not the 三公's.
    const withOperating = pairs.some((p) => /^机关运行经费/.test(bareLabel(p.label)));
    const subtotal = get(LABELS.subtotal) ?? (withOperating ? null : get(LABELS.total));
    const vehicle = get(LABELS.vehicle);
    const purchase = get(LABELS.vehiclePurchase);
    const operation = get(LABELS.vehicleOperation);
    return {
      line: subtotal?.line ?? line,
      total: subtotal?.v ?? null,
      outbound: get(LABELS.outbound)?.v ?? null,
      vehicle: vehicle?.v ?? null,
      vehiclePurchase: purchase?.v ?? (vehicle?.v && operation?.v && agrees(vehicle.v, operation.v) ? ZERO : null),
      vehicleOperation: operation?.v ?? null,
      reception: get(LABELS.reception)?.v ?? null,
    };
  };
  const { line: at0, ...final } = read(paired ? 1 : columns?.current ?? null);
  const budget = paired ? (({ line: _, ...b }) => b)(read(0)) : undefined;
  return { value: { table, line: at0, ...final, ...(budget ? { budget } : {}) }, findings: [] };
}

/** A list's numeric columns, from its header: how many, and which is the document's year. */
export interface ListColumns { width: number; current: number }

/**
 * The columns of a 三公 list printing several years ("项目 2024年预算数 2025年预算数 增减额"): the
 * later year (or 本年) is the document's. Null when the header names one figure column only.
 */
export function listColumns(header: string): ListColumns | null {
  const flat = header.replace(/\s/g, '');
  let heads = [...flat.matchAll(/(20\d{2})年度?(?:预算|执行|决算)数?|(上年|本年)(?:预算|执行|决算)?数?|增减(?:额|率|%)?|比上年增减/g)];
  // A side-by-side table (收入 | 支出) repeats its headings: one side's are the columns of a row.
  const half = heads.length / 2;
  if (heads.length >= 4 && Number.isInteger(half) && heads.slice(0, half).every((m, i) => m[0] === heads[half + i][0])) heads = heads.slice(0, half);
  const years = heads.map((m) => (m[1] ? Number(m[1]) : m[2] === '本年' ? Infinity : m[2] === '上年' ? -Infinity : null));
  const dated = years.filter((y): y is number => y !== null);
  if (dated.length < 2 || new Set(dated).size !== dated.length) return null;
  return { width: heads.length, current: years.indexOf(Math.max(...dated)) };
}

type Slot = 'grand' | 'subtotal' | 'outbound' | 'vehicle' | 'purchase' | 'operation' | 'reception' | 'meeting' | 'training' | 'operating';

/** Column orders of the one-row form: with 会议费/培训费 and a grand total (Jiangsu), or without. */
const WITH_MEETINGS: Slot[] = ['grand', 'subtotal', 'outbound', 'vehicle', 'purchase', 'operation', 'reception', 'meeting', 'training'];
const THREE_ONLY: Slot[] = ['subtotal', 'outbound', 'vehicle', 'purchase', 'operation', 'reception'];
/** 会议费/培训费 beside the 三公 columns with no grand total (苏州/无锡: "“三公”经费合计 … 会议费 培训费"). */
const MEETINGS_NO_GRAND: Slot[] = ['subtotal', 'outbound', 'vehicle', 'purchase', 'operation', 'reception', 'meeting', 'training'];

/** The column order a header declares: whether it prints 会议费/培训费, and a 合计 that covers them. */
function slotsOf(header: string, anyFirst = false): Slot[] {
  const flat = header.replace(/[\s“”"]/g, '');
  const base = !/会议费|培训费/.test(flat) ? THREE_ONLY : /合计/.test(flat.replace(/三公经费合计/g, '')) ? WITH_MEETINGS : MEETINGS_NO_GRAND;
  // A table of the 三公 and 机关运行经费 together prints the latter as its last column: its own figure, in no 三公 sum.
  const slots = /机关运行经费/.test(flat) ? [...base, 'operating' as const] : base;
  return inHeaderOrder(withoutUnprintedSubtotals(slots, flat), header, anyFirst);
}

/**
 * A header that prints no 小计 and no "公务用车购置及运行费" heading has no vehicle subtotal column (购置
 * and 运行 stand alone), and beside a grand 合计 with 会议费/培训费 no 三公 subtotal either: those
 * figures are the sums of their parts (see derived()).
 */
function withoutUnprintedSubtotals(slots: Slot[], flat: string): Slot[] {
  if (/小计|购置及运[行维]|购置和运[行维]|三公经费合计/.test(flat) || !/购置/.test(flat) || !/运[行维]/.test(flat)) return slots;
  return slots.filter((s) => s !== 'vehicle' && !(s === 'subtotal' && slots.includes('grand')));
}

/** The subtotals a header does not print, from their parts. */
function derived(half: Partial<Record<Slot, Decimal>>, slots: Slot[]): Partial<Record<Slot, Decimal>> {
  const out = { ...half };
  if (!slots.includes('vehicle') && (out.purchase || out.operation)) out.vehicle = (out.purchase ?? ZERO).plus(out.operation ?? ZERO);
  if (!slots.includes('subtotal') && slots.includes('grand') && out.outbound !== undefined) {
    out.subtotal = sum([out.outbound, out.vehicle ?? ZERO, out.reception ?? ZERO]);
  }
  return out;
}

/**
 * A header laid out with spaces (pdftotext -layout keeps each word at its column) tells where each
 * item's heading sits even when they are stacked on different lines: its display column (a Chinese
 * character is two wide). Null for text without such layout.
 */
function byLayoutColumn(header: string): { group: Slot[]; index: number }[] | null {
  const lines = header.split('\n');
  if (!lines.some((l) => /\S {3,}\S/.test(l))) return null;
  const width = (s: string) => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! > 0x2e80 ? 2 : 1), 0);
  const at = GROUPS.map(([group, re]) => {
    const l = lines.find((x) => re.test(x));
    return { group, index: l ? width(l.slice(0, l.search(re))) : -1 };
  });
  return at.every((g) => g.index >= 0) ? at : null;
}

/** The slots with the three items' columns in the order given, the grand total and 会议费/培训费 kept in place. */
function inOrder(slots: Slot[], items: Slot[]): Slot[] {
  const first = slots.indexOf('outbound');
  return [...slots.slice(0, first), ...items.filter((s) => slots.includes(s)), ...slots.filter((s) => s === 'meeting' || s === 'training' || s === 'operating')];
}

/** Where each of the three items' columns starts in a header, by its words. */
const GROUPS: [Slot[], RegExp][] = [
  [['outbound'], /因公出国/],
  [['vehicle', 'purchase', 'operation'], /公务用车|车辆/],
  [['reception'], /公务接待|接待费/],
];

/**
 * The three items in the order the header prints them: most templates print 出国, 车辆, 接待, but
 * some (北京) print 接待 before 车辆. Only a header line naming all three says so (stacked headers
 * put a wrapped heading's words on another line); otherwise the template order stands.
 */
function inHeaderOrder(slots: Slot[], header: string, anyFirst = false): Slot[] {
  const line = header.split('\n').map((l) => l.replace(/[\s“”"]/g, '')).find((l) => GROUPS.every(([, re]) => re.test(l)));
  const at = line ? GROUPS.map(([group, re]) => ({ group, index: line.search(re) })) : byLayoutColumn(header);
  if (!at) return slots;
  // Most templates print 出国 first; a line where it is not may be a stacked header's words run
  // together — read that way only when asked (anyFirst: the template order fitted no arithmetic).
  if (!anyFirst && (at[0].index > at[1].index || at[0].index > at[2].index)) return slots;
  return inOrder(slots, [...at].sort((a, b) => a.index - b.index).flatMap((g) => g.group));
}

/** A header line, or the layout, names the three items' order (see inHeaderOrder). */
function headerSaysOrder(header: string): boolean {
  return header.split('\n').map((l) => l.replace(/[\s“”"]/g, '')).some((l) => GROUPS.every(([, re]) => re.test(l))) || byLayoutColumn(header) !== null;
}

function consistent(a: Partial<Record<Slot, Decimal>>, slots: Slot[]): boolean {
  const v = (s: Slot) => a[s] ?? ZERO;
  const ok = (x: Decimal, parts: Slot[]) => agrees(x, sum(parts.map(v)));
  return (
    ok(v('subtotal'), ['outbound', 'vehicle', 'reception']) &&
    ok(v('vehicle'), ['purchase', 'operation']) &&
    (!slots.includes('grand') || ok(v('grand'), ['subtotal', 'meeting', 'training']))
  );
}

/** Every way of choosing which slots the printed numbers fill, in order. */
function placements(n: number, k: number): number[][] {
  const out: number[][] = [];
  const walk = (start: number, acc: number[]) => {
    if (acc.length === k) { out.push(acc); return; }
    for (let i = start; i <= n - (k - acc.length); i++) walk(i + 1, [...acc, i]);
  };
  walk(0, []);
  return out;
}

/** What each column's header reads, once its stacked words are joined top to bottom. */
const SLOT_HEADERS: [Slot, RegExp][] = [
  ['grand', /^合计$/],
  ['outbound', /因公出国/],
  ['purchase', /购置费?$/],
  ['operation', /运行(?:维护)?费$|运维费$/],
  ['reception', /接待费?$/],
  ['meeting', /会议费?$/],
  ['training', /培训费?$/],
];

/** Header cells that span several columns ("公务用车购置及运行维护费", "“三公”经费"): not a column's own. */
const SPANNING = /及|^“?三公”?经费$/;

/**
 * Numbers placed under the header columns they are printed beneath (PDF positions). The two 小计
 * columns are the 三公 subtotal (left) and the vehicle subtotal (right). Null when the header does
 * not name every column or two numbers would share one.
 */
export function placeByPosition(values: Decimal[], centers: number[], header: PositionedCell[][], slots: Slot[]): Partial<Record<Slot, Decimal>> | null {
  const columns = headerColumns(header, { spanning: SPANNING });
  const at = new Map<Slot, number>();
  for (const [slot, re] of SLOT_HEADERS) {
    const col = columns.find((c) => re.test(c.text));
    if (col && slots.includes(slot)) at.set(slot, col.x);
  }
  const subtotals = columns.filter((c) => /^小计$/.test(c.text));
  if (subtotals.length === 2) {
    at.set('subtotal', subtotals[0].x);
    at.set('vehicle', subtotals[1].x);
  } else if (subtotals.length === 1 && !slots.includes('grand')) at.set('vehicle', subtotals[0].x);
  if (slots.some((s) => !at.has(s))) return null;
  const placed: Partial<Record<Slot, Decimal>> = {};
  for (const [i, v] of values.entries()) {
    const nearest = [...at.entries()].sort((a, b) => Math.abs(a[1] - centers[i]) - Math.abs(b[1] - centers[i]))[0][0];
    if (placed[nearest] !== undefined) return null;
    placed[nearest] = v;
  }
  return placed;
}

/**
 * Which half of a 决算's 预算数/决算数 pair a column belongs to; a budget's columns are all 'final',
 * except a prior year's printed beside them ('prior': read to place the row, never reported).
 */
type Half = 'budget' | 'final' | 'prior';
interface Column { half: Half; slot: Slot }
type Placed = Record<Half, Partial<Record<Slot, Decimal>>>;

/**
 * The columns a row of `count` numbers is printed under. A 决算 prints 预算数 beside 决算数 either as two
 * halves (every 预算数 column, then every 决算数 column: one "预算数 … 决算数" heading) or interleaved
 * (Shanghai: "预算数 决算数" under each 三公 column).
 */
function columnsOf(header: string, slots: Slot[], count: number): Column[] {
  const flat = header.replace(/\s/g, '');
  const final = slots.map((slot): Column => ({ half: 'final', slot }));
  const budget = slots.map((slot): Column => ({ half: 'budget', slot }));
  if ((flat.match(/预算数决算数/g) ?? []).length === slots.length) return slots.flatMap((_, i) => [budget[i], final[i]]);
  if (count > slots.length && /预算数.*决算数/.test(flat)) return [...budget, ...final];
  const years = yearHalves(flat);
  // A header naming two years has both halves even when the row printed fewer numbers than one half
  // has columns (blank cells lost, 烟台): the arithmetic places them, never the first half by default.
  if (years && count >= 2) {
    const prior = slots.map((slot): Column => ({ half: 'prior', slot }));
    return years === 'prior-first' ? [...prior, ...final] : [...final, ...prior];
  }
  return final;
}

/**
 * A budget's 三公 table printing last year's figures beside this year's ("2023年预算数 … 2024年预算数",
 * "上年预算数 … 本年预算数"): which comes first. The later year is the document's own.
 */
function yearHalves(flat: string): 'prior-first' | 'current-first' | null {
  const years = [...flat.matchAll(/(20\d{2})年(?:度)?(?:预算数?|执行数?|决算数?)/g)].map((m) => Number(m[1]));
  if (years.length === 2 && years[0] !== years[1]) return years[0] < years[1] ? 'prior-first' : 'current-first';
  const prior = flat.search(/上年(?:预算|执行|决算)/);
  const current = flat.search(/本年(?:预算|执行|决算)/);
  if (prior >= 0 && current >= 0) return prior < current ? 'prior-first' : 'current-first';
  return null;
}

function placedOf(pos: number[], values: Decimal[], columns: Column[]): Placed {
  const out: Placed = { budget: {}, final: {}, prior: {} };
  pos.forEach((p, i) => { out[columns[p].half][columns[p].slot] = values[i]; });
  const slots = [...new Set(columns.map((c) => c.slot))];
  return { budget: derived(out.budget, slots), final: derived(out.final, slots), prior: derived(out.prior, slots) };
}

const SLOT_NAMES: Partial<Record<Slot, string>> = { outbound: '因公出国（境）费', purchase: '公务用车购置费', operation: '公务用车运行维护费', reception: '公务接待费', subtotal: '合计', vehicle: '公务用车购置及运行费' };

/** One row of numbers under a header. `evidence.vehicleOperation` is that figure from another table. */
export function threePublicFromRow(
  printed: Decimal[], header: string, table: string, line: number, evidence: { vehicleOperation?: Decimal },
  positions?: { centers: number[]; header: PositionedCell[][] },
  anyFirst = false,
): ThreePublicResult {
  const slots = slotsOf(header, anyFirst);
  const values = printed;
  const columns = columnsOf(header, slots, values.length);
  const paired = columns.some((c) => c.half === 'budget');
  const withPrior = columns.some((c) => c.half === 'prior');
  if (values.length > columns.length) {
    return {
      value: { table, line, total: null, outbound: null, vehicle: null, vehiclePurchase: null, vehicleOperation: null, reception: null },
      findings: [{ rule: 'three-public-columns', severity: 'warning', table, line, message: `“三公”经费表印出 ${values.length} 个数字，多于已知的 ${columns.length} 栏，无法对应，未予采用` }],
    };
  }
  const fitsBoth = (a: Placed) => consistent(a.final, slots) && (!paired || consistent(a.budget, slots)) && (!withPrior || consistent(a.prior, slots));
  // Positions, where the text came with them, decide before arithmetic has to (one set of columns only).
  const byPosition = !paired && !withPrior && positions && positions.centers.length === values.length ? placeByPosition(values, positions.centers, positions.header, slots) : null;
  const fitsOf = (cols: Column[]) => placements(cols.length, values.length).map((pos) => placedOf(pos, values, cols)).filter(fitsBoth);
  let fits: Placed[] = byPosition && consistent(byPosition, slots) ? [{ budget: {}, final: byPosition, prior: {} }] : fitsOf(columns);
  // A stacked header whose words do not say the items' order: where the template's order (出国, 车辆,
  // 接待) fits no placement, the other order printed (出国, 接待, 车辆: Shanghai) is tried — never in
  // place of an order that fits.
  if (fits.length === 0 && !headerSaysOrder(header)) {
    const swapped = fitsOf(columnsOf(header, inOrder(slots, ['outbound', 'reception', 'vehicle', 'purchase', 'operation']), values.length));
    if (swapped.length) fits = swapped;
  }
  if (fits.length > 1 && evidence.vehicleOperation) {
    // The 基本支出表's 30231 is the year's own figure: it speaks for the 决算数 (or the budget's) columns.
    const op = evidence.vehicleOperation;
    const narrowed = fits.filter((a) => agrees(a.final.operation ?? ZERO, op));
    if (narrowed.length > 0) fits = narrowed;
  }
  // 湖南 prints 小计 | 公务接待费 | 因公出国 | 车辆…: where the template order fits no arithmetic, the
  // order the header line prints is tried, and taken only where its arithmetic decides the row.
  const headerOrderDiffers = !anyFirst && slotsOf(header, true).join() !== slots.join();
  if (fits.length === 0 && headerOrderDiffers) {
    const byHeader = threePublicFromRow(printed, header, table, line, evidence, positions, true);
    if (byHeader.value.total !== null && byHeader.findings.length === 0) return byHeader;
  }
  // Where both orders add up (blank cells lost) and give an item different figures, that item is not
  // known: left blank with a finding, never the template's guess.
  if (fits.length > 0 && headerOrderDiffers) {
    const mine = threePublicFromRow(printed, header, table, line, evidence, positions, true);
    const base = fromFits();
    const items = ['outbound', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleOperation'] as const;
    const differ = items.filter((k) => (mine.value[k]?.toFixed(4) ?? null) !== (base.value[k]?.toFixed(4) ?? null));
    if (mine.value.total !== null && differ.length > 0) {
      for (const k of differ) base.value[k] = null;
      base.findings.push({ rule: 'three-public-columns', severity: 'warning', table, line, message: `“三公”经费表有空白栏，表头的栏目次序（${header.includes('接待') ? '公务接待费在因公出国（境）费之前' : '非通常次序'}）与通常次序都满足勾稽，无法判定${differ.map((k) => SLOT_NAMES[ITEM_SLOT[k]]).join('、')}各是多少` });
    }
    return base;
  }
  return fromFits();

  function fromFits(): ThreePublicResult {
  const findings: Finding[] = [];
  const decided = fits.length === 1 ? fits[0] : null;
  // Slots every consistent placement agrees on are known; `blank` is what an unfilled slot reads as.
  const agreed = (half: Half, s: Slot, blank: Decimal | null) => {
    const seen = new Set(fits.map((a) => (a[half][s] ?? blank)?.toFixed(4) ?? 'blank'));
    return fits.length > 0 && seen.size === 1 ? fits[0][half][s] ?? blank : null;
  };
  // A prior year's columns printed for comparison are read to place the row; what they leave open is not reported.
  const openOwn = fits.length === 0 ? [] : columns.filter((c) => c.half !== 'prior' && agreed(c.half, c.slot, ZERO) === null);
  if (!decided && (fits.length === 0 || openOwn.length > 0)) {
    const open = openOwn;
    const names = [...new Set(open.map((c) => `${paired ? (c.half === 'budget' ? '预算数' : '决算数') : ''}${SLOT_NAMES[c.slot] ?? c.slot}`))];
    findings.push({
      rule: 'three-public-columns', severity: 'warning', table, line,
      message: fits.length === 0
        ? `“三公”经费表的数字（${values.map((v) => v.toFixed(2)).join('、')}）无论如何对应栏目都不满足 小计 = 出国 + 车辆 + 接待`
        : `“三公”经费表有空白栏，表内勾稽无法判定${names.join('、')}各是多少`,
    });
  }
  // A 三公 cell the arithmetic leaves empty reads as 0 (the long-standing reading of the one-row form);
  // the 预算数 beside a 决算 keeps a blank cell blank, so an execution rate is never taken against a 0 not printed.
  const pick = (s: Slot) => agreed('final', s, ZERO);
  // 会议费/培训费: a cell no placement fills was left blank in the document, and stays blank (null).
  const blankOr = (s: Slot) => (slots.includes(s) ? agreed('final', s, null) : undefined);
  const budgetOf = (s: Slot) => agreed('budget', s, null);
  const operating = slots.includes('operating') && !paired ? agreed('final', 'operating', null) : null;
  return {
    ...(operating ? { operating } : {}),
    value: {
      table, line, meeting: blankOr('meeting'), training: blankOr('training'),
      total: pick('subtotal'), outbound: pick('outbound'), vehicle: pick('vehicle'), vehiclePurchase: pick('purchase'),
      vehicleOperation: pick('operation'), reception: pick('reception'),
      ...(paired ? {
        budget: {
          total: budgetOf('subtotal'), outbound: budgetOf('outbound'), vehicle: budgetOf('vehicle'), vehiclePurchase: budgetOf('purchase'),
          vehicleOperation: budgetOf('operation'), reception: budgetOf('reception'),
        },
      } : {}),
    },
    findings,
  };
  }
}

const ITEM_SLOT = { outbound: 'outbound', reception: 'reception', vehicle: 'vehicle', vehiclePurchase: 'purchase', vehicleOperation: 'operation' } as const;
