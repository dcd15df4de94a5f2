// Columns of a PDF table's header, from where its words are printed. A header stacks its words over
// several lines ("公务用车" / "运行维护费"), and group headings span the columns below them
// ("基本支出" over 人员经费 and 公用经费): cells are gathered by horizontal centre, each column's
// text read top to bottom, and a cell that covers the centres of two others is a group heading.
import type { PositionedCell } from '../front/lines.js';

export interface HeaderColumn {
  /** The column's stacked words, top to bottom, without spaces or quotes. */
  text: string;
  /** Each stacked cell's own words, top to bottom. */
  words: string[];
  x: number;
}

const centre = (c: PositionedCell) => (c.x0 + c.x1) / 2;
const squash = (s: string) => s.replace(/[\s“”"]/g, '');

/** The department and unit line above a header is not part of it. */
const DEPARTMENT_LINE = (line: PositionedCell[]) => line.some((c) => /^(部\s*门|单\s*位|编制单位)/.test(c.text) && /[：:]/.test(c.text));

export interface HeaderOptions {
  /** Headings that are never a column's own, by their words ("公务用车购置及运行维护费" over its 小计). */
  spanning?: RegExp;
  /** Whether a cell covering the centres of two others is a group heading (coded tables). */
  groupsByExtent?: boolean;
}

/** Columns left to right. */
export function headerColumns(header: PositionedCell[][], { spanning, groupsByExtent = false }: HeaderOptions = {}, tolerance = 14): HeaderColumn[] {
  const cells = header.filter((line) => !DEPARTMENT_LINE(line)).flat().filter((c) => squash(c.text));
  const covers = (c: PositionedCell) => cells.filter((o) => o !== c && o.x0 >= c.x0 - 1 && o.x1 <= c.x1 + 1 && centre(o) > c.x0 && centre(o) < c.x1).length;
  const cols: { cells: PositionedCell[]; x: number }[] = [];
  for (const c of cells) {
    if (spanning?.test(squash(c.text)) || (groupsByExtent && covers(c) >= 2)) continue;
    const x = centre(c);
    const col = cols.find((k) => Math.abs(k.x - x) <= tolerance);
    if (col) {
      col.cells.push(c);
      col.x = col.cells.reduce((n, k) => n + centre(k), 0) / col.cells.length;
    } else cols.push({ cells: [c], x });
  }
  return cols
    .map((k) => ({ text: k.cells.map((c) => squash(c.text)).join(''), words: k.cells.map((c) => squash(c.text)), x: k.x }))
    .sort((a, b) => a.x - b.x);
}
