// A 决算's 三公 figures beside the 预算数 it prints, with the execution rate (执行率 = 决算数 ÷ 预算数):
// what "三公经费执行率" and "预算执行情况" ask. A 预算数 printed as 0 or left blank has no rate ("—").
import type { Decimal } from 'decimal.js';
import type { createAnswer } from '../src/core/answer.js';
import { wan, wanUnit } from '../src/core/format.js';
import type { ThreePublicFigures } from '../src/parse/types.js';
import type { DocRow, Queries } from '../src/store/queries.js';
import { citation } from './support.js';

type Builder = ReturnType<typeof createAnswer>;
type ThreeRow = NonNullable<ReturnType<Queries['threePublic']>>;

/** 决算数 ÷ 预算数 as a percentage with one decimal; "—" where either is blank or the 预算数 is 0. */
export function executionRate(budget: Decimal | null | undefined, final: Decimal | null | undefined): string {
  if (!budget || !final || budget.isZero()) return '—';
  return `${final.div(budget).times(100).toFixed(1)}%`;
}

const ROWS: [string, keyof ThreePublicFigures][] = [
  ['“三公”经费合计', 'total'], ['因公出国（境）费', 'outbound'], ['公务用车购置及运行费', 'vehicle'],
  ['其中：公务用车购置费', 'vehiclePurchase'], ['　　　公务用车运行维护费', 'vehicleOperation'], ['公务接待费', 'reception'],
];

/** The 三公 table of a 决算 that prints its 预算数: both columns and the rate, every row cited. */
export function threePublicExecution(b: Builder, doc: DocRow, t: ThreeRow & { budget: ThreePublicFigures }): void {
  const cite = b.cite(citation(doc, t));
  b.table({
    title: '“三公”经费预算执行（决算表所列预算数与决算数）',
    columns: ['项目', '预算数', '决算数', '执行率'],
    numeric: [false, true, true, true],
    rows: ROWS.map(([label, k]) => [label, wan(t.budget[k]), wan(t[k]), executionRate(t.budget[k], t[k])]),
    cites: ROWS.map(() => [cite]),
  });
  b.answer.summary = `“三公”经费预算数 ${wanUnit(t.budget.total)}，决算数 ${wanUnit(t.total)}，执行率 ${executionRate(t.budget.total, t.total)}。`;
  if (t.budget.total === null || t.total === null) b.answer.notes.push('表中有未能读出或空白的栏目（“—”），其执行率无法计算。');
}
