// The table of checks (rules.json): what each finding's rule means and its reference id.
import table from './rules.json' with { type: 'json' };

export interface RuleEntry { rule: string; id: string; severity: 'error' | 'warning' | 'info'; checks: string }

export const RULES: RuleEntry[] = table.rules as RuleEntry[];
const byRule = new Map(RULES.map((r) => [r.rule, r]));

/** The entry of a finding's rule; undefined for a rule missing from the table (a test keeps that from happening). */
export const ruleOf = (rule: string): RuleEntry | undefined => byRule.get(rule);
