// Text → numbered lines. Every later stage refers to these line numbers, so they are the source
// file's own (1-based); page breaks (form feeds) split a physical line without renumbering it.
import { foldWidth } from '../amount.js';

export interface Line {
  /** 1-based line number in the source file. */
  no: number;
  /** The line with widths folded and trailing space removed; tabs kept (they separate cells). */
  text: string;
  /** True when a page break (form feed) came right before this line. */
  pageStart: boolean;
  /** Cells with their horizontal extent, when the text came from a PDF's positioned text. */
  cells?: PositionedCell[];
}

export interface PositionedCell {
  text: string;
  x0: number;
  x1: number;
}

export type Layout = 'flowing' | 'cells' | 'tabbed';

/** A line that is only a page number, as printed at a page's foot ("13", "— 13 —", "- 2 -"). */
const PAGE_NUMBER = /^\s*(?:[—\-–]\s*)?\d{1,3}(?:\s*[—\-–])?\s*$/;

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  physical.forEach((raw, i) => {
    // A folio on a line of its own right before the next page's form feed (pdftotext writes "7\n\f…").
    if (PAGE_NUMBER.test(raw) && raw.trim() && nextPrinted(physical, i)?.startsWith('\f')) return;
    const pages = raw.split('\f');
    pages.forEach((segment, j) => {
      const isLastOfPage = j < pages.length - 1;
      // The text before a form feed that is only a number is the previous page's folio.
      if (isLastOfPage && PAGE_NUMBER.test(segment)) return;
      out.push({ no: i + 1, text: foldWidth(segment).trimEnd(), pageStart: j > 0 });
    });
  });
  return out;
}

/**
 * How the extraction laid cells out: one cell per line (each line a tab-led single cell),
 * tab-separated columns, or flowing text where blank cells vanish.
 */
export function detectLayout(lines: Line[]): Layout {
  let tabbedRows = 0;
  let singleCellTabbed = 0;
  for (const { text } of lines) {
    if (!text.includes('\t')) continue;
    const cells = text.split('\t').filter((c) => c.trim() !== '');
    if (cells.length >= 3) tabbedRows++;
    else if (cells.length === 1) singleCellTabbed++;
  }
  if (tabbedRows >= 20) return 'tabbed';
  if (singleCellTabbed >= 100) return 'cells';
  return 'flowing';
}

/** Cells of a tab-separated line, trimmed, keeping empty cells so positions stay meaningful. */
export function cellsOf(text: string): string[] {
  return text.split('\t').map((c) => c.trim().replace(/(\d\.)\s+(\d)/g, '$1$2'));
}

/** The next physical line that is not blank (a form feed alone counts as printed), as printed. */
function nextPrinted(physical: string[], i: number): string | undefined {
  for (let j = i + 1; j < physical.length && j <= i + 3; j++) if (physical[j].startsWith('\f') || physical[j].trim()) return physical[j];
  return undefined;
}

