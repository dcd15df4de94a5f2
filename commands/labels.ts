// What each document total is called in answers, shared by the commands that list totals.
import type { TotalKey } from '../src/parse/types.js';
import { HEADLINE_NAMES } from '../src/parse/reconcile/corroborate.js';

export const TOTAL_LABELS: Record<TotalKey, string> = { ...HEADLINE_NAMES, carryover: '上年结转结余' };

/** The totals a comparison lists, in order. */
export const COMPARED_TOTALS: TotalKey[] = ['income_total', 'expenditure_total', 'basic', 'project', 'personnel', 'public_funds', 'three_public'];
