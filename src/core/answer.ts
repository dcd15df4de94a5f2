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
  /** The figure is the sum of these lines (one code printed on several rows). */
  lines?: number[];
  /** Those lines with the amount each prints (its 合计), as shown: "7.30". */
  printed?: { line: number; amount: string }[];
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
  bars: { label: string; value: number; display?: string; series?: string }[];
  /** Grouped bars: one bar per series under each label, coloured by series, with a legend. */
  series?: string[];
}

/** A file that goes with an answer: a chart, a CSV of its tables. */
export interface Attachment {
  name: string;
  contentType: 'image/png' | 'text/csv';
  data: Uint8Array;
  /** For a chart: the picture in words, for screen readers. */
  altText?: string;
}

/**
 * A follow-up the asker can press: the same request re-run with a view flag (all rows, a page, a
 * year, CSV, full sources). Platform-neutral; each renderer draws it as a button.
 */
export interface AnswerAction {
  kind: 'all' | 'next-page' | 'prev-page' | 'prev-year' | 'next-year' | 'csv' | 'sources' | 'source-image' | 'choose';
  label: string;
  request: ActionRequest;
}

/** What a pressed action dispatches: a command, its options and free text (flags included). */
export interface ActionRequest {
  command: string;
  options?: Record<string, string | number>;
  text: string;
}

/** Rows a command left out, so the platforms can offer 显示全部 / 下一页. */
export interface MoreRows {
  shown: number;
  total: number;
  page: number;
  pages: number;
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
  /** Set by a command that showed only part of its rows. */
  more?: MoreRows;
  /** Set by a command about one year of one department: the years it could show instead. */
  years?: { year: number; available: number[] };
  /** Buttons, attached by dispatch from `more`, `years` and the tables. */
  actions?: AnswerAction[];
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
      // An unverified figure is marked where it is printed, not only in a footnote.
      const marked = citation?.unverified && /\d/.test(value) && !value.includes('未核实') ? `${value}（未核实）` : value;
      answer.fields.push({ label, value: marked, cite: cite(citation) });
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
