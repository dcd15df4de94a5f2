// Plain-text rendering of an Answer, for the console and the CLI: aligned tables (CJK counts as
// two columns), numbered citation marks, and the sources listed at the end.
import { citationText } from './cite.js';
import type { Answer, AnswerTable } from '../core/answer.js';

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, width: number, right: boolean) => {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? gap + s : s + gap;
};

const mark = (n: number | undefined) => (n ? ` [${n}]` : '');

export function renderTable(t: AnswerTable): string[] {
  const rows = t.rows.map((r, i) => [...r, (t.cites?.[i] ?? []).filter(Boolean).map((n) => `[${n}]`).join('')]);
  const header = [...t.columns, ''];
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, c) => pad(cell, widths[c], t.numeric?.[c] ?? false)).join('  ').trimEnd();
  const out = t.title ? [t.title] : [];
  out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  ').trimEnd(), ...rows.map(line));
  return out;
}

export function renderText(a: Answer): string {
  const out: string[] = [...(a.understood ? [a.understood] : []), a.kind === 'error' ? `⚠ ${a.title}` : a.title];
  if (a.summary) out.push(a.summary);
  if (a.fields.length) {
    out.push('');
    const w = Math.max(...a.fields.map((f) => displayWidth(f.label)));
    for (const f of a.fields) out.push(`  ${pad(f.label, w, false)}  ${f.value}${mark(f.cite)}`);
  }
  for (const t of a.tables) out.push('', ...renderTable(t));
  if (a.chart) out.push('', `（图表：${a.chart.title}）`);
  if (a.warnings.length) out.push('', ...a.warnings.map((w) => `⚠ ${w}`));
  if (a.notes.length) out.push('', ...a.notes);
  if (a.citations.length) {
    out.push('', '出处：');
    a.citations.forEach((c, i) => out.push(`  [${i + 1}] ${citationText(c)}`));
  }
  return out.join('\n');
}
