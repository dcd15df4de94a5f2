// The data lines of one table: its header, and the header each continuation page repeats, removed.
// Without this, a repeated "450 巨鹿县医疗保障局 预算年度：2023" or "栏次 1 2 3" line would be
// read as numbers of the row it interrupts.
import type { Line } from '../front/lines.js';
import type { TableBlock } from './tables.js';

const COLUMN_INDEX = /^栏次(\s+\d+)+$|^(\*\*|\d{1,2})$/;

export function tableBody(lines: Line[], table: TableBlock): Line[] {
  const all = lines.slice(table.start + 1, table.end);
  const headerEnd = all.findIndex((l, i) => i < 80 && /^栏次/.test(l.text.trim()));
  if (headerEnd < 0) return all;
  const firstHeader = all.find((l) => l.text.trim() !== '')?.text.trim();
  const body: Line[] = [];
  let skipping = false;
  for (const line of all.slice(headerEnd + 1)) {
    const t = line.text.trim();
    if (!skipping && (t === firstHeader || /预算年度|决算年度|单位[：:]\s*万?元/.test(t))) skipping = true;
    if (skipping) {
      if (/^栏次/.test(t)) skipping = false;
      continue;
    }
    body.push(line);
  }
  return body;
}

/** True for the column-number lines some layouts print under the header ("栏次 1 2 3", "**"). */
export function isColumnIndexLine(text: string): boolean {
  return COLUMN_INDEX.test(text.trim());
}
