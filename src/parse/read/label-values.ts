// Label → value pairs, for tables whose rows are named items rather than codes: the 收支总表
// ("一、一般公共预算拨款收入 534.80 一、一般公共服务支出"), the 三公 table as a list, and the like.
// Each number belongs to the label printed before it; a label followed by no number is blank.
import type { Decimal } from 'decimal.js';
import { parseAmount } from '../amount.js';
import type { Layout, Line } from '../front/lines.js';
import { tokenize } from '../front/tokens.js';
import type { SourceUnit } from '../types.js';

export interface LabelValue {
  label: string;
  values: Decimal[];
  line: number;
  /** While reading: the line each value was printed on. */
  valueLines?: number[];
}

/** Where one text token holds two labels: an enumeration marker or a known row name starts the next. */
const LABEL_START = /(?<![一二三四五六七八九十廿])(?=[一二三四五六七八九十廿]{1,3}、)|(?=[（(][一二三四五六七八九十]{1,3}[)）])|(?=\d{1,2}[.．、](?!\d))|(?<!本年|当年)(?=(?:本年|当年)?(?:收入|支出)(?:合计|总计|小计))|(?<=^总计)(?=总计$)|(?=年终结转|年末|结转下年)|(?=其中[：:])/;

const LABEL_START_AT_0 = /^(?:[一二三四五六七八九十廿]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、]|其中)/;

export function parseLabelValues(lines: Line[], layout: Layout, unit: SourceUnit, twoDecimals: boolean, hasRowNumbers: boolean): LabelValue[] {
  const cleaned = lines.map((l, i) => ({
    ...l,
    // A row's 序号 leads its line; on its own line it is nothing but the number — unless the line
    // above ends in an amount missing its last digits ("总计 40 5,086.2" / "5"): then it is those digits.
    text: hasRowNumbers && !continuesAmount(lines[i - 1]?.text, l.text, twoDecimals) ? l.text.replace(/^\s*\d{1,2}(?:\s+|$)(?=\D|$)/, '') : l.text,
  }));
  const out: LabelValue[] = [];
  const tokens = tokenize(cleaned, layout, twoDecimals);
  for (const [i, t] of tokens.entries()) {
    // A 栏次 (row number) printed after the label ("本年支出合计 58 14,572.53"): never the amount.
    if (t.kind === 'num' && hasRowNumbers && /^\d{1,3}$/.test(t.s) && (twoDecimals || tokens[i + 1]?.kind === 'num')) continue;
    if (t.kind === 'num') {
      const last = out[out.length - 1];
      const v = parseAmount(t.s, unit);
      if (last && v) { last.values.push(v); (last.valueLines ??= []).push(t.line); }
      continue;
    }
    const parts = t.s.split(LABEL_START).map((p) => p.replace(/[\s:：]+$/, '')).filter(Boolean);
    const last = out[out.length - 1];
    // A short fragment on the next line finishes a wrapped label ("…国有资本经营预算支" / "出").
    if (layout === 'flowing' && last && last.values.length === 0 && last.line !== t.line && parts.length === 1 && parts[0].length <= 3 && !LABEL_START_AT_0.test(parts[0])) {
      last.label += parts[0];
      continue;
    }
    for (const p of parts) out.push({ label: p, values: [], line: t.line });
  }
  return layout === 'flowing' ? pairLabelRowsWithValueRows(out) : out;
}

/** A line of one or two digits finishing the amount the line above was cut in ("1,942." / "54", "3,60" / "8"). */
function continuesAmount(above: string | undefined, line: string, twoDecimals: boolean): boolean {
  if (above === undefined || !/^\s*\d{1,2}\s*$/.test(line)) return false;
  const end = above.trimEnd();
  return /\d\.$|(?:^|\s)\d{1,3}(?:,\d{3})*,\d{0,2}$/.test(end) || (twoDecimals && /\d\.\d$/.test(end));
}

/**
 * Side-by-side tables whose extraction prints a line of labels and then, on the next line, their
 * values ("本年收入合计 本年支出合计" / "2,946.25 2,940.05"): every value went to the last label.
 * Where the count of values equals the count of labels on the line above, they pair in order.
 */
function pairLabelRowsWithValueRows(pairs: LabelValue[]): LabelValue[] {
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    while (j + 1 < pairs.length && pairs[j + 1].line === pairs[i].line) j++;
    const row = pairs.slice(i, j + 1);
    const last = row[row.length - 1];
    const valuesOnNextLine = last.valueLines?.every((l) => l !== last.line) ?? false;
    if (row.length >= 2 && row.slice(0, -1).every((p) => p.values.length === 0) && valuesOnNextLine && last.values.length === row.length) {
      row.forEach((p, k) => { p.values = [last.values[k]]; });
    }
    i = j + 1;
  }
  return pairs.map(({ valueLines: _, ...p }) => p);
}

/** Strips enumeration and "其中：" so labels compare by their words. */
const bareCache = new Map<string, string>();

export function bareLabel(label: string): string {
  const hit = bareCache.get(label);
  if (hit !== undefined) return hit;
  const bare = stripLabel(label);
  if (bareCache.size > 50_000) bareCache.clear();
  bareCache.set(label, bare);
  return bare;
}

function stripLabel(label: string): string {
  let bare = label.replace(/[“”"\s]/g, '');
  // "其中：（1）公务用车购置费": an enumerator and 其中 in either order.
  for (let i = 0; i < 2; i++) {
    bare = bare
      .replace(/^(?:[一二三四五六七八九十廿]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]|\d{1,2}[.．、])/, '')
      .replace(/^其中[：:]?/, '');
  }
  return bare;
}

/** The first pair whose bare label matches, tried pattern by pattern in order of preference. */
export function findLabel(pairs: LabelValue[], patterns: RegExp[]): LabelValue | undefined {
  for (const re of patterns) {
    const hit = pairs.find((p) => re.test(bareLabel(p.label)));
    if (hit) return hit;
  }
  return undefined;
}
