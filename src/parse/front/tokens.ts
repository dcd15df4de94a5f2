// Lines → a stream of number and text tokens, each with its line. Extraction splits numbers and
// codes across lines ("3526." / "22", "2101" / "501", "320.0" / "0", "3,60" / "8.00"); the joins happen here, once.
import type { Layout, Line } from './lines.js';

export interface Token {
  kind: 'num' | 'text';
  s: string;
  line: number;
}

const NUMERIC = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?$/;

/** An amount glued to the text after it ("2,940.05使用非财政拨款结余"): two cells the extractor joined. */
const AMOUNT_THEN_TEXT = /^(-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,2})(?=[\u4e00-\u9fa5“（(])/;

function pieces(line: Line, layout: Layout): string[] {
  if (layout === 'cells' || layout === 'tabbed') return line.text.split('\t').map((c) => c.trim()).filter(Boolean);
  return line.text.trim().split(/\s+/).filter(Boolean).flatMap((p) => {
    const m = AMOUNT_THEN_TEXT.exec(p);
    return m ? [m[1], p.slice(m[1].length)] : [p];
  });
}

/**
 * True when the document prints amounts with exactly two decimals (so "320.0" followed by "0" is
 * one number broken by wrapping, not two). A percentage printed without its "%" in a table's last
 * column ("合计 10,867.64 11,101.86 102.2") is not an amount with one decimal and does not count.
 */
export function printsTwoDecimals(lines: Line[]): boolean {
  let two = 0;
  let other = 0;
  lines.forEach((l, i) => {
    const ps = l.text.trim().split(/\s+/);
    ps.forEach((p, k) => {
      if (!/^\d[\d,]*\.\d+$/.test(p)) return;
      if (/\.\d\d$/.test(p)) two++;
      else if (!isPercentCell(p, k === ps.length - 1 ? ps.slice(0, k) : null, lines[i + 1]?.text)) other++;
    });
  });
  return two > 20 && other / (two + other) < 0.05;
}

/**
 * A one-decimal figure below 1000 ending a line of two-decimal amounts, where the next line does
 * not start with a lone digit (which would make it an amount wrapped after its first decimal).
 */
function isPercentCell(p: string, before: string[] | null, nextLine: string | undefined): boolean {
  if (!before || !/^\d{1,3}\.\d$/.test(p)) return false;
  if (!before.some((b) => /^\d[\d,]*\.\d\d$/.test(b))) return false;
  return !/^\s*\d(?:\s|$)/.test(nextLine ?? '');
}

/** An amount cut after a thousands separator ("3,60" / "8.00", "1," / "206.33"): its head. */
const CUT_AT_COMMA = /^-?\d{1,3}(?:,\d{3})*,\d{0,2}$/;

/** Pieces of each line, with an amount cut at a thousands separator rejoined across the line break. */
function linePieces(lines: Line[], layout: Layout): string[][] {
  const all = lines.map((l) => pieces(l, layout));
  if (layout !== 'flowing') return all;
  for (let i = 0; i + 1 < all.length; i++) {
    const cur = all[i];
    const next = all[i + 1];
    const head = cur[cur.length - 1];
    if (head === undefined || next.length === 0 || !CUT_AT_COMMA.test(head)) continue;
    const joined = head + next[0];
    if (!NUMERIC.test(joined)) continue;
    cur[cur.length - 1] = joined;
    next.shift();
  }
  return all;
}

const WHOLE = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)$/;
const LOOSE_DECIMALS = /^\.\d{1,2}$/;

export function tokenize(lines: Line[], layout: Layout, twoDecimals: boolean): Token[] {
  const raw: Token[] = [];
  const split = linePieces(lines, layout);
  for (const [n, line] of lines.entries()) {
    for (const p of split[n]) {
      const kind = NUMERIC.test(p) ? 'num' : 'text';
      const prev = raw[raw.length - 1];
      // Adjacent text pieces on one line are one cell of Chinese text that had a space in it.
      // Not so a fraction cut off its amount (".50 .00"): each is rejoined on its own below.
      if (kind === 'text' && prev?.kind === 'text' && prev.line === line.no && layout === 'flowing' && !LOOSE_DECIMALS.test(p) && !LOOSE_DECIMALS.test(prev.s)) prev.s += p;
      else raw.push({ kind, s: p, line: line.no });
    }
  }
  return layout === 'flowing' ? joinSplitNumbers(joinLooseDecimals(raw, twoDecimals), twoDecimals) : raw;
}


/**
 * Decimals the extractor cut off their amount: "1,713 .16" on one line, or a line of ".16" (".36")
 * under a line whose amounts lack them. No amount is printed as ".16": it is the fraction of the
 * whole amount before it on its line, or — a line of fractions alone, in a document printing two
 * decimals — of the whole amounts of the line above, in order, when their counts match. Anything
 * else stays as printed (and the row's arithmetic says so).
 */
function joinLooseDecimals(tokens: Token[], twoDecimals: boolean): Token[] {
  if (!tokens.some((t) => t.kind === 'text' && LOOSE_DECIMALS.test(t.s))) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = out[out.length - 1];
    if (t.kind === 'text' && LOOSE_DECIMALS.test(t.s) && prev?.kind === 'num' && prev.line === t.line && WHOLE.test(prev.s)) {
      out[out.length - 1] = { ...prev, s: prev.s + t.s };
      continue;
    }
    // A line of fractions alone: its tokens from i while on t.line.
    if (twoDecimals && t.kind === 'text' && LOOSE_DECIMALS.test(t.s) && (i === 0 || tokens[i - 1].line !== t.line)) {
      let j = i;
      while (j < tokens.length && tokens[j].line === t.line && tokens[j].kind === 'text' && LOOSE_DECIMALS.test(tokens[j].s)) j++;
      const lineDone = j === tokens.length || tokens[j].line !== t.line;
      const above = prev ? out.filter((x) => x.line === prev.line) : [];
      // A subject code (a whole number before its name) is no amount.
      const wholes = above.filter((x, k) => x.kind === 'num' && WHOLE.test(x.s) && x.s.replace(/[-,]/g, '').length >= 2 && !(/^[235]\d{2}(?:\d{2}){0,2}$/.test(x.s) && above[k + 1]?.kind === 'text'));
      if (lineDone && wholes.length === j - i && wholes.length > 0) {
        wholes.forEach((w, k) => { w.s += tokens[i + k].s; });
        i = j - 1;
        continue;
      }
    }
    out.push({ ...t });
  }
  return out;
}

function joinSplitNumbers(tokens: Token[], twoDecimals: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = { ...tokens[i] };
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    if (t.kind === 'num' && next?.kind === 'num') {
      const brokenDecimals = /\d\.$/.test(t.s) && /^\d{1,2}$/.test(next.s);
      const brokenLastDigit = twoDecimals && /^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d$/.test(t.s) && /^\d$/.test(next.s);
      // No subject code has four digits: "2101" then "501" and a name is the code 2101501 wrapped.
      const brokenCode = /^[23]\d{3}$/.test(t.s) && /^(?:\d|\d{3})$/.test(next.s) && after?.kind === 'text';
      if (brokenDecimals || brokenLastDigit || brokenCode) {
        t.s += next.s;
        i++;
      } else if (/^[235]\d{2}$/.test(t.s) && /^\d{2}$/.test(next.s) && (after?.kind === 'text' || (/^\d{2}$/.test(after?.s ?? '') && tokens[i + 3]?.kind === 'text'))) {
        // A code printed in its 类/款/项 columns ("201 05 06 统计管理"): one code.
        t.s += next.s;
        i++;
        if (after?.kind === 'num') { t.s += after.s; i++; }
      }
    }
    out.push(t);
  }
  return out;
}

export function isNum(t: Token | undefined): t is Token {
  return t?.kind === 'num';
}
