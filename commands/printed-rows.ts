// A code a table prints on several lines (seed 002's 基本支出表 lists 30113 once per 政府经济分类 code):
// the answer's figure is the sum, and it says so with each printed line beside it —
// "30113 住房公积金 18.00 万元（第 335 行 7.30 + 第 336 行 10.70）" — in a note and, line by line, in the CSV.
import type { Answer, AnswerTable } from '../src/core/answer.js';
import { printedLinesText, wan, wanUnit } from '../src/core/format.js';
import type { DocRow, ItemRow } from '../src/store/queries.js';
import { docLabel, printedAmounts } from './support.js';

type Shown = { doc: DocRow; row: ItemRow };

const isSummed = (row: ItemRow) => !!row.printed && row.printed.length > 1;

/** "18.00 万元（第 335 行 7.30 + 第 336 行 10.70）": a summed row's figure, each line beside it. */
export function printedSumText(row: ItemRow): string {
  return `${wanUnit(row.total)}（${printedLinesText(printedAmounts(row.printed ?? []))}）`;
}

/** A note per document naming its summed rows among those shown: sum and printed lines. */
export function printedNotes(a: Answer, shown: Shown[], { perDocument = false } = {}): void {
  const summed = shown.filter(({ row }) => isSummed(row));
  const docs = [...new Map(summed.map(({ doc }) => [doc.id, doc])).values()];
  for (const doc of docs) {
    const rows = summed.filter((s) => s.doc.id === doc.id).map(({ row }) => `${row.code} ${row.name} ${printedSumText(row)}`);
    a.notes.push(`${perDocument ? `${docLabel(doc)}：` : ''}表中分行列示的科目，金额为各行之和：${rows.join('；')}。`);
  }
}

/** The CSV's table of summed rows, one line per printed line with its own figures; null when none is shown. */
export function printedCsvTable(shown: Shown[], parts: [string, string], { perDocument = false } = {}): AnswerTable | null {
  const summed = shown.filter(({ row }) => isSummed(row));
  if (!summed.length) return null;
  const who = (doc: DocRow) => (perDocument ? [doc.unitName ?? doc.department, `${doc.year}`] : []);
  return {
    title: `分行列示的科目（每行所印，${parts.join('、')}）`,
    columns: [...(perDocument ? ['部门', '年度'] : []), '科目编码', '科目名称', '行', '合计', ...parts],
    numeric: [...(perDocument ? [false, false] : []), false, false, true, true, true, true],
    rows: summed.flatMap(({ doc, row }) => row.printed!.map((p) => [...who(doc), row.code, p.name, `${p.line}`, wan(p.total), wan(p.parts[0]), wan(p.parts[1])])),
  };
}

/** Adds tables to the CSV only, after the answer's own (taken as they are now: call once all are in). */
export function addCsvTables(a: Answer, extra: (AnswerTable | null)[]): void {
  const tables = extra.filter((t): t is AnswerTable => t !== null);
  if (tables.length) a.csvTables = [...(a.csvTables ?? a.tables.map((t) => ({ ...t, cites: undefined }))), ...tables];
}
