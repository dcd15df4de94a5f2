// Answers sized for chat: a table longer than a chat message shows its first rows, the CSV keeps every
// row, the note says exactly what was left out, and only citations of what is shown stay (renumbered).
import type { Answer, AnswerTable } from '../src/core/answer.js';

/** Rows a table shows in chat; with one citation line per row this keeps an answer near 40 lines. */
export const CHAT_ROWS = 10;

export function fitForChat(a: Answer, rows = CHAT_ROWS): Answer {
  // Several tables (行政运行 under four codes) share the budget of rows, each showing at least 4.
  const maxRows = a.tables.length > 1 ? Math.max(4, Math.min(rows, Math.floor((2 * rows) / a.tables.length))) : rows;
  const long = a.tables.filter((t) => t.rows.length > maxRows);
  if (!long.length) return a;
  // The CSV gets the tables as they were (unless the command already chose what the CSV holds).
  a.csvTables ??= a.tables.map((t) => ({ ...t, cites: undefined }));
  const original = a.tables;
  a.tables = a.tables.map((t): AnswerTable => (t.rows.length > maxRows ? { ...t, rows: t.rows.slice(0, maxRows), cites: t.cites?.slice(0, maxRows) } : t));
  for (const t of long) {
    a.notes.push(`${t.title ? `「${t.title}」` : '表格'}共 ${t.rows.length} 行，只列出前 ${maxRows} 行；加 --all 显示全部，或见 CSV（加 --csv）。`);
  }
  // The rows left out are one button away (显示全部 re-runs with --all).
  a.more ??= { shown: maxRows, total: Math.max(...long.map((t) => t.rows.length)), page: 1, pages: 1 };
  // Renumber: a citation goes only when every row citing it was cut (one cited by the summary stays).
  const used = new Set<number>();
  for (const f of a.fields) if (f.cite) used.add(f.cite);
  for (const t of a.tables) for (const r of t.cites ?? []) for (const n of r) if (n) used.add(n);
  const cut = new Set<number>();
  for (const t of original.filter((x) => x.rows.length > maxRows)) for (const r of t.cites?.slice(maxRows) ?? []) for (const n of r) if (n && !used.has(n)) cut.add(n);
  const renumber = new Map<number, number>();
  a.citations.forEach((_, i) => { if (!cut.has(i + 1)) renumber.set(i + 1, renumber.size + 1); });
  a.citations = a.citations.filter((_, i) => !cut.has(i + 1));
  a.fields = a.fields.map((f) => ({ ...f, cite: f.cite ? renumber.get(f.cite) : undefined }));
  a.tables = a.tables.map((t) => ({ ...t, cites: t.cites?.map((r) => r.map((n) => (n ? renumber.get(n) : undefined))) }));
  return a;
}
