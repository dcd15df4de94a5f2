// The data lines of one table: its header, the header each continuation page repeats, the
// document's running page header and its "- 15 -" folios removed. Without this, a repeated "450 巨鹿县医疗保障局 预算年度：2023"
// or "栏次 1 2 3" line would be read as numbers of the row it interrupts, and a running header
// ("川平县农业农村局2023年度部门决算") or a folio ("--") as the end of that row's name.
import type { Line } from '../front/lines.js';
import type { TableBlock } from './tables.js';

const COLUMN_INDEX = /^栏次(\s+\d+)+$|^(\*\*|\d{1,2})$/;
/** A page's folio, printed at its foot: the next line starts a page even without a form feed. */
const FOLIO = /^(?:[—\-–]\s*)?\d{1,3}(?:\s*[—\-–])?$/;
/** A folio between dashes ("- 15 -"): never a cell, unlike a bare number. */
const FOLIO_CHARACTERS = /^[\s\d—\-–]*$/;
const DASHED_FOLIO = /^[—\-–]\d{1,3}[—\-–]$/;
/** What a running header says: the publisher and "2023年度部门决算" / "…预算公开", or the publisher alone. */
const HEADER_WORDS = /20\d{2}年度?[\u4e00-\u9fa5（）()]{0,20}(?:预算|决算)(?:公开)?$|(?:局|厅|委员会|委|院|办公室|办|部|中心|所|站|队|处|署|馆)(?:（本级）|本级|机关)?$/;

const headerCache = new WeakMap<Line[], Set<string>>();

/**
 * The document's running headers: a line worded like one and printed at the top of two pages or
 * more (after a form feed or a folio line). A real row is never among them: it carries an amount,
 * a code or a subject's name, and is not printed on every page.
 */
export function runningHeaders(lines: Line[]): Set<string> {
  const cached = headerCache.get(lines);
  if (cached) return cached;
  const counts = new Map<string, number>();
  let afterFolio = true;
  for (const line of lines) {
    const pageTop = line.pageStart || afterFolio;
    // Below a page's top only a folio matters, and a folio holds nothing but digits, dashes and
    // spaces: any other line is neither, with no copy made of it (most lines of a document).
    if (!pageTop && !FOLIO_CHARACTERS.test(line.text)) {
      afterFolio = false;
      continue;
    }
    const t = line.text.replace(/\s+/g, '');
    if (!t) continue;
    afterFolio = FOLIO.test(t);
    if (!pageTop || t.length < 5 || t.length > 60 || /\d[.,]\d|^\d{3,}/.test(t) || !HEADER_WORDS.test(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const headers = new Set([...counts].filter(([, n]) => n >= 2).map(([t]) => t));
  headerCache.set(lines, headers);
  return headers;
}

const bodyCache = new WeakMap<TableBlock, { lines: Line[]; body: Line[] }>();

/** A table's data lines; several readers ask for the same table's, so each is cut once. */
export function tableBody(lines: Line[], table: TableBlock): Line[] {
  const cached = bodyCache.get(table);
  if (cached?.lines === lines) return cached.body;
  const body = cutBody(lines, table);
  bodyCache.set(table, { lines, body });
  return body;
}

function cutBody(lines: Line[], table: TableBlock): Line[] {
  const headers = runningHeaders(lines);
  const all = lines.slice(table.start + 1, table.end).filter((l) => {
    const t = l.text.replace(/\s+/g, '');
    return !headers.has(t) && !DASHED_FOLIO.test(t);
  });
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
  return COLUMN_INDEX.test(text.trim()) || isNumberingRow(text);
}

/**
 * A 栏次 row printed without its label: the column numbers 1 2 3 … 12 in order (a 决算's 三公 table).
 * No row of amounts counts up by one from 1 without decimals.
 */
function isNumberingRow(text: string): boolean {
  const parts = text.trim().split(/\s+/);
  return parts.length >= 4 && parts.every((p, i) => p === String(i + 1));
}
