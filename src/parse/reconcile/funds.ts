// Whether a department spends only general-budget appropriations, or has other funds too (事业收入,
// 政府性基金…): tables of appropriations alone then cover less than the whole, and a figure stated
// for one fund is not the department's.
import type { Total, TotalKey } from '../types.js';

const within = (x: { abs(): { lte(n: number): boolean } }) => x.abs().lte(0.01);

/** Every yuan of the year is general-budget appropriation: 收入总计 = 上年结转 + 一般公共预算拨款. */
export function singleFund(totals: Map<TotalKey, Total>): boolean {
  const income = totals.get('income_total')?.value;
  const appropriation = totals.get('general_budget_appropriation')?.value;
  if (!income || !appropriation) return false;
  return within(income.minus(totals.get('carryover')?.value ?? 0).minus(appropriation));
}

/** 收入总计 is more than the appropriation (carry-over counted as another fund). */
export function mixedFunds(totals: Map<TotalKey, Total>): boolean {
  const income = totals.get('income_total')?.value;
  const appropriation = totals.get('general_budget_appropriation')?.value;
  return Boolean(income && appropriation && !within(income.minus(appropriation)));
}
