// Plain-text rendering of an Answer, for the console and the CLI: aligned tables (CJK counts as
// two columns), numbered citation marks, and the sources listed at the end. Given a width (the
// console's terminal), every line fits it.
import { citationText } from './cite.js';
import type { Answer, AnswerTable } from '../core/answer.js';
import { clipWidth, displayWidth, fitColumns, tableAsRecords, wrapLine } from './fit.js';

export { displayWidth };

const pad = (s: string, width: number, right: boolean) => {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? gap + s : s + gap;
};

const mark = (n: number | undefined) => (n ? ` [${n}]` : '');

export function renderTable(t: AnswerTable, width = Infinity): string[] {
  const rows = t.rows.map((r, i) => [...r, (t.cites?.[i] ?? []).filter(Boolean).map((n) => `[${n}]`).join('')]);
  const header = [...t.columns, ''];
  const natural = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const numeric = header.map((_, c) => c === header.length - 1 || (t.numeric?.[c] ?? false));
  const widths = Number.isFinite(width) ? fitColumns(natural, numeric, width) : natural;
  if (!widths) return tableAsRecords(t, width);
  const line = (cells: string[]) => cells.map((cell, c) => pad(clipWidth(cell, widths[c]), widths[c], t.numeric?.[c] ?? false)).join('  ').trimEnd();
  const out = t.title ? [t.title] : [];
  out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  ').trimEnd(), ...rows.map(line));
  return out;
}

export function renderText(a: Answer, { width = Infinity }: { width?: number } = {}): string {
  const lines = renderLines(a, width);
  return (Number.isFinite(width) ? lines.flatMap((l) => wrapLine(l, width)) : lines).join('\n');
}

function renderLines(a: Answer, width: number): string[] {
  const out: string[] = [...(a.understood ? [a.understood] : []), a.kind === 'error' ? `⚠ ${a.title}` : a.title];
  if (a.summary) out.push(a.summary);
  if (a.fields.length) {
    out.push('');
    const w = Math.max(...a.fields.map((f) => displayWidth(f.label)));
    for (const f of a.fields) out.push(`  ${pad(f.label, w, false)}  ${f.value}${mark(f.cite)}`);
  }
  for (const t of a.tables) out.push('', ...renderTable(t, width));
  if (a.chart) out.push('', `（图表：${a.chart.title}）`);
  if (a.warnings.length) out.push('', ...a.warnings.map((w) => `⚠ ${w}`));
  if (a.notes.length) out.push('', ...a.notes);
  if (a.citations.length) {
    out.push('', '出处：');
    a.citations.forEach((c, i) => out.push(`  [${i + 1}] ${citationText(c)}`));
  }
  return out;
}
