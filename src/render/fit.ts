// Text that fits a terminal: lines wrapped by display width (CJK and emoji take two columns, as the
// string-width library measures them) and tables narrowed to the width — the widest text column is
// cut first; a table that still does not fit is shown one record per block instead.
import { createRequire } from 'node:module';
import type { AnswerTable } from '../core/answer.js';

/**
 * Text made only of characters whose width string-width gives without context: printable ASCII and
 * the narrow punctuation of Chinese text (· ‘ ’ “ ” — …) one column, CJK ideographs, CJK punctuation
 * and full-width forms two. Nearly every answer is such text; measuring it directly spares a one-shot
 * `ask` loading string-width and building its grapheme and emoji tables (≈0.2 s).
 * test/render/display-width.test.ts checks every one of these characters against string-width.
 */
const SIMPLE = /^[\x20-\x7e\u00b7\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u3029\u3030-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6]*$/;

let stringWidth: ((s: string) => number) | undefined;

export function displayWidth(s: string): number {
  if (!SIMPLE.test(s)) {
    stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (s: string) => number }).default;
    return stringWidth(s);
  }
  let width = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    width += c < 0x2000 || (c >= 0x2014 && c <= 0x2026) ? 1 : 2;
  }
  return width;
}

/** Splits a line into pieces no wider than `width` columns, keeping an indent on the continuations. */
export function wrapLine(line: string, width: number): string[] {
  if (width < 8 || displayWidth(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0].slice(0, 4);
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const seg of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(line)) {
    const cw = displayWidth(seg.segment);
    if (w + cw > width) {
      // Break after a space or bracket near the end rather than inside a number or a word.
      const at = Math.max(cur.lastIndexOf(' '), cur.lastIndexOf('（'), cur.lastIndexOf('·'));
      const keep = at > cur.length * 0.6 ? cur.slice(0, at) : cur;
      const carry = at > cur.length * 0.6 ? cur.slice(at).trimStart() : '';
      out.push(keep.trimEnd());
      cur = indent + carry;
      w = displayWidth(cur);
    }
    cur += seg.segment;
    w += cw;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/** Cuts text to `width` columns, marking the cut with "…". */
export function clipWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const seg of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)) {
    if (displayWidth(out + seg.segment) > width - 1) break;
    out += seg.segment;
  }
  return `${out}…`;
}

/** The widths the table's columns get within `width`, or null when it cannot fit as a table. */
export function fitColumns(natural: number[], numeric: boolean[], width: number, gap = 2): number[] | null {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  const MIN = 10;
  while (total() > width) {
    // Narrow the widest text column a column at a time, so wide columns end up balanced; numbers are never cut.
    let widest = -1;
    widths.forEach((w, i) => { if (!numeric[i] && w > MIN && (widest < 0 || w > widths[widest])) widest = i; });
    if (widest < 0) return null;
    widths[widest] -= 1;
  }
  return widths;
}

/** A table as one block per row ("列名：值"), for terminals too narrow for its columns. */
export function tableAsRecords(t: AnswerTable, width: number): string[] {
  const out = t.title ? [t.title] : [];
  t.rows.forEach((r, i) => {
    const marks = (t.cites?.[i] ?? []).filter(Boolean).map((n) => `[${n}]`).join('');
    out.push(`· ${r[0]}${marks ? ` ${marks}` : ''}`);
    for (let c = 1; c < r.length; c++) out.push(...wrapLine(`    ${t.columns[c]}：${r[c]}`, width));
  });
  return out;
}
