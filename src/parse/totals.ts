// Document-level totals read from the 收支总表 (and, where a layout prints them only there, the
// 财政拨款收支总表): income and expenditure totals, the general-budget appropriation, carry-over,
// and — where the template lists 支出用途 beside the functions (Jiangsu) — 基本 and 项目.
import { ZERO } from './amount.js';
import { findLabel, type LabelValue } from './label-values.js';
import type { Total, TotalKey } from './types.js';

/** `last`: take the last pair matching (a side-by-side table's right side: the second bare "总计" is 支出总计). */
type Spec = { key: TotalKey; patterns: RegExp[]; blankIsZero?: boolean; last?: boolean };

const SPECS: Spec[] = [
  { key: 'income_total', patterns: [/^收入总计$/, /^收入合计$/, /^总计$/, /^(?:本年|当年)收入合计$/] },
  { key: 'expenditure_total', patterns: [/^支出总计$/, /^支出合计$/, /^总计$/, /^(?:本年|当年)支出合计$/], last: true },
  {
    key: 'general_budget_appropriation',
    patterns: [/^一般公共预算(?:拨款)?(?:收入)?$/, /^一般公共预算(?:财政)?拨款(?:收入)?$/, /^公共财政拨款/],
  },
  { key: 'carryover', patterns: [/^上年结转(?:结余|资金|和结余)?$/, /^上年结余结转$/, /^年初(?:财政拨款)?结转和结余$/], blankIsZero: true },
  { key: 'basic', patterns: [/^基本支出$/] },
  { key: 'project', patterns: [/^项目支出$/] },
];

export function totalsFromSummary(pairs: LabelValue[], table: string): Total[] {
  const out: Total[] = [];
  for (const spec of SPECS) {
    const hit = findLabel(spec.last ? [...pairs].reverse() : pairs, spec.patterns);
    if (!hit) continue;
    const value = hit.values[0] ?? (spec.blankIsZero ? ZERO : null);
    if (value) out.push({ key: spec.key, value, table, line: hit.line });
  }
  return out;
}
