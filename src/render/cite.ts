// How a citation reads, the same on every platform.
import type { Citation } from '../core/answer.js';
import { printedLinesText } from '../core/format.js';

/** The line or lines cited: "第 335 行", or a sum's lines with what each prints ("第 335 行 7.30 + 第 336 行 10.70"). */
export function citedRows(c: Citation): string {
  if (c.printed && c.printed.length > 1) return printedLinesText(c.printed);
  return c.lines && c.lines.length > 1 ? `第 ${c.lines.join('、')} 行之和` : `第 ${c.line} 行`;
}

export function citationText(c: Citation, withOwner = true): string {
  const rows = citedRows(c);
  const where = c.page ? `${c.file ?? c.source} · ${c.table} · 第 ${c.page} 页` : `${c.source} · ${c.table} · ${rows}`;
  const mark = c.unverified ? ' · 未能与文件其他部分核对' : '';
  return withOwner ? `${where}（${c.department} ${c.year}年${c.scope}）${mark}` : `${where}${mark}`;
}
