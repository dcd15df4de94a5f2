// The platform-neutral answer every command returns and every renderer formats: a title, a summary
// line, key-value fields, tables, an optional chart, numbered citations and warnings.

export interface Citation {
  source: string;
  department: string;
  year: number;
  scope: string;
  table: string;
  line: number;
  /** For a PDF: the file (part) and page the line is on. */
  file?: string;
  page?: number;
  /** The figure cited is not confirmed by anything else in the document. */
  unverified?: boolean;
}

export interface Field {
  label: string;
  value: string;
  /** 1-based number of the citation that backs the value. */
  cite?: number;
}

export interface AnswerTable {
  title?: string;
  columns: string[];
  rows: string[][];
  /** Which columns hold numbers (right-aligned). */
  numeric?: boolean[];
  /** Per row, the citations that back its figures. */
  cites?: (number | undefined)[][];
}

export interface ChartSpec {
  /** bar: one bar per label; line: one point per label (years, in order), joined. */
  kind: 'bar' | 'line';
  title: string;
  unit: string;
  /** Bar lengths are plotted from `value`; the label printed is `display`, exact. */
  bars: { label: string; value: number; display?: string }[];
}

/** A file that goes with an answer: a chart, a CSV of its tables. */
export interface Attachment {
  name: string;
  contentType: 'image/png' | 'text/csv';
  data: Uint8Array;
}

export interface Answer {
  kind: 'answer' | 'error' | 'help';
  /** How a free-form question was understood ("理解为：…"), shown before everything else. */
  understood?: string;
  title: string;
  summary?: string;
  fields: Field[];
  tables: AnswerTable[];
  chart?: ChartSpec;
  citations: Citation[];
  /** The documents' own inconsistencies that touch the figures shown. */
  warnings: string[];
  notes: string[];
  /** Full tables for the CSV where the chat shows only the first rows (absent: the CSV is `tables`). */
  csvTables?: AnswerTable[];
  /** Show only to the asker (errors, help). */
  ephemeral?: boolean;
}

/** Builds an Answer, numbering citations once each. */
export function createAnswer(title: string, kind: Answer['kind'] = 'answer') {
  const answer: Answer = { kind, title, fields: [], tables: [], citations: [], warnings: [], notes: [] };
  const keys = new Map<string, number>();
  const cite = (c: Citation | null | undefined): number | undefined => {
    if (!c) return undefined;
    const key = `${c.source}|${c.scope}|${c.table}|${c.line}`;
    if (!keys.has(key)) {
      answer.citations.push(c);
      keys.set(key, answer.citations.length);
    }
    return keys.get(key);
  };
  return {
    answer,
    cite,
    field(label: string, value: string, citation?: Citation | null) {
      answer.fields.push({ label, value, cite: cite(citation) });
    },
    table(t: AnswerTable) {
      answer.tables.push(t);
    },
  };
}

export function errorAnswer(message: string, suggestions: string[] = []): Answer {
  const { answer } = createAnswer('无法回答', 'error');
  answer.summary = message;
  // Bounded: a suggestion list must never turn one message into a flood.
  if (suggestions.length) answer.notes.push(`你是不是想问：${suggestions.slice(0, 12).join('、')}${suggestions.length > 12 ? ' 等' : ''}`);
  answer.ephemeral = true;
  return answer;
}
