// Slack's native table block, used where it fits better than a code block: an answer's only table
// (Slack allows one per message), at most 100 rows with the header and 20 columns. Cells are raw
// text, so nothing is escaped and nothing is cut mid-entity; numbers align right.
import type { AnswerTable } from '../core/answer.js';
import { clip } from './limits.js';

export const TABLE_ROWS = 100;
export const TABLE_COLUMNS = 20;
const CELL = 2000;

interface RawText { type: 'raw_text'; text: string }
export interface SlackTableBlock { type: 'table'; rows: RawText[][]; column_settings: { align: 'left' | 'right'; is_wrapped: boolean }[] }

export function fitsTableBlock(tables: AnswerTable[]): boolean {
  if (tables.length !== 1) return false;
  const [t] = tables;
  return t.rows.length > 0 && t.rows.length + 1 <= TABLE_ROWS && t.columns.length + 1 <= TABLE_COLUMNS;
}

export function slackTableBlock(t: AnswerTable): SlackTableBlock {
  const marks = (i: number) => (t.cites?.[i] ?? []).filter(Boolean).map((n) => `[${n}]`).join('');
  const withCites = !!t.cites?.some((c) => c.some(Boolean));
  // Slack refuses an empty cell's text: an em dash stands in.
  const cell = (text: string): RawText => ({ type: 'raw_text', text: clip(text || '—', CELL) });
  const header = [...t.columns, ...(withCites ? ['出处'] : [])].map(cell);
  const rows = t.rows.map((r, i) => [...t.columns.map((_, c) => cell(r[c] ?? '')), ...(withCites ? [cell(marks(i))] : [])]);
  return {
    type: 'table',
    rows: [header, ...rows],
    column_settings: header.map((_, c) => ({ align: t.numeric?.[c] ? 'right' : 'left', is_wrapped: !t.numeric?.[c] })),
  };
}
