// How a citation reads, the same on every platform.
import type { Citation } from '../core/answer.js';

export function citationText(c: Citation, withOwner = true): string {
  const rows = c.lines && c.lines.length > 1 ? `第 ${c.lines.join('、')} 行之和` : `第 ${c.line} 行`;
  const where = c.page ? `${c.file ?? c.source} · ${c.table} · 第 ${c.page} 页` : `${c.source} · ${c.table} · ${rows}`;
  const mark = c.unverified ? ' · 未能与文件其他部分核对' : '';
  return withOwner ? `${where}（${c.department} ${c.year}年${c.scope}）${mark}` : `${where}${mark}`;
}
