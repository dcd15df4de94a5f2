// Execution asked of a 决算 ("一般公共预算执行率", "财政拨款预算完成情况"): the document's own statement
// of 年初预算, 决算 and 完成率 where its narrative makes one, cited to the sentence and marked as stated;
// where it makes none for what was asked, said so — never another table's rate in its place.
import { createAnswer, type Answer } from '../src/core/answer.js';
import { wanUnit } from '../src/core/format.js';
import type { DocRow, Queries } from '../src/store/queries.js';
import { citation, docLabel, understoodAs } from './support.js';

type Scope = 'fiscal' | 'general_budget' | 'gov_fund';

/** Words naming whose execution is asked, most specific first (data: a new wording is a row). */
const SCOPE_WORDS: [Scope, RegExp, string][] = [
  ['general_budget', /一般公共预算/, '一般公共预算财政拨款支出'],
  ['gov_fund', /政府性基金/, '政府性基金预算财政拨款支出'],
  ['fiscal', /财政拨款|总体|整体|全部|全年|部门预算|单位预算/, '财政拨款支出'],
];

/** The scope the words name, or null when they name none. */
export function executionScopeOf(text: string): Scope | null {
  return SCOPE_WORDS.find(([, re]) => re.test(text))?.[0] ?? null;
}

export const scopeName = (scope: Scope): string => SCOPE_WORDS.find(([s]) => s === scope)![2];

/**
 * The stated execution of a scope (or, with none named, the broadest one stated) as an answer;
 * null when the document states none for it.
 */
export function statedExecutionAnswer(q: Queries, doc: DocRow, scope: Scope | null): Answer | null {
  const stated = q.executions(doc.id);
  const order: Scope[] = scope ? [scope] : ['fiscal', 'general_budget', 'gov_fund'];
  const e = order.map((s) => stated.find((x) => x.scope === s)).find((x) => !!x);
  if (!e) return null;
  const name = scopeName(e.scope);
  const label = docLabel(doc);
  const b = createAnswer(`${label} · ${name}预算执行`);
  b.answer.understood = understoodAs(label, `${name}的预算执行（文件所述）`);
  const at = citation(doc, e);
  const rate = e.rate ? `${e.rate}%` : '未列示';
  b.answer.summary = `文件说明中所述：${name}年初预算 ${wanUnit(e.budget)}${e.fullYear ? `，全年预算 ${wanUnit(e.fullYear)}` : ''}，决算 ${wanUnit(e.final)}，完成年初预算的 ${rate}${e.verified === false ? '（未核实：与两数相除不符）' : ''}。`;
  b.field('年初预算', wanUnit(e.budget), at);
  if (e.fullYear) b.field('全年预算', wanUnit(e.fullYear), at);
  b.field('决算', wanUnit(e.final), at);
  b.field('完成率（文件所述）', rate, at);
  b.answer.notes.push('以上是文件说明中的文字所述，表格中没有单列这些数。');
  return b.answer;
}
