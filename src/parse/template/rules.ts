// The table of checks (rules.json): what each finding's rule means and its reference id.
import table from './rules.json' with { type: 'json' };

export interface RuleEntry {
  rule: string; id: string; severity: 'error' | 'warning' | 'info'; checks: string;
  /** What a failure says: the document disagrees with itself, the text could not be read unambiguously, or a note. */
  blame: 'document' | 'reading' | 'note';
}

export const RULES: RuleEntry[] = table.rules as RuleEntry[];
const byRule = new Map(RULES.map((r) => [r.rule, r]));

/** The entry of a finding's rule; undefined for a rule missing from the table (a test keeps that from happening). */
export const ruleOf = (rule: string): RuleEntry | undefined => byRule.get(rule);

/** How a finding is introduced to a reader: only the document's own disagreements blame the document. */
export function findingPrefix(rule: string): string {
  const blame = byRule.get(rule)?.blame ?? 'reading';
  return blame === 'document' ? '文件自身不一致：' : blame === 'reading' ? '文本未能确定读出：' : '';
}
