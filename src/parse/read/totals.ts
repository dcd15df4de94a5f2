// Document-level totals read from the 收支总表 (and, where a layout prints them only there, the
// 财政拨款收支总表): income and expenditure totals, the general-budget appropriation, carry-over,
// and — where the template lists 支出用途 beside the functions (Jiangsu) — 基本 and 项目.
import { ZERO } from '../amount.js';
import { findLabel, type LabelValue } from './label-values.js';
import { TOTALS, type TableKind } from '../template/catalog.js';
import type { Total } from '../types.js';


/**
 * `years`: the table prints last year's figure beside this year's; a row's value is the document's
 * year's column, and a row that lost a cell (fewer numbers than columns) gives none.
 */
export function totalsFromSummary(pairs: LabelValue[], table: string, years: { width: number; current: number } | null = null, kind: TableKind | null = null): Total[] {
  const out: Total[] = [];
  for (const spec of TOTALS) {
    if (spec.tables && !(kind && spec.tables.includes(kind))) continue;
    const hit = findLabel(spec.last ? [...pairs].reverse() : pairs, spec.patterns);
    if (!hit) continue;
    const printed = years ? (hit.values.length === years.width ? hit.values[years.current] : hit.values.length === 0 ? undefined : null) : hit.values[0];
    if (printed === null) continue;
    const value = printed ?? (spec.blankIsZero ? ZERO : null);
    if (value) out.push({ key: spec.key, value, table, line: hit.line });
  }
  return out;
}
