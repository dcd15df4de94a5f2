// The checks that look across tables, and at the narrative against the tables: each failure a
// finding with both figures (the per-table checks are in checks.ts). Pure: read tables in, findings out.
import { agrees, statedPrecision } from '../amount.js';
import { mixedFunds, singleFund } from '../reconcile/funds.js';
import { statedClassFigures } from '../read/narrative.js';
import { bareLabel } from '../read/label-values.js';
import {
  FUNCTION_PARTS, FUNCTION_ROLES, firstCodedTable, labelValuesOf, readCodedTable, tablesOf, type CodedTable, type ReadContext,
} from '../read/read-tables.js';
import { checkClassLines, checkSameCode, differ } from './checks.js';
import type { Finding, Total, TotalKey } from '../types.js';

const NARRATIVE_CHECKED: Partial<Record<TotalKey, string>> = {
  personnel: '人员经费', public_funds: '公用经费', basic: '基本支出', project: '项目支出', expenditure_total: '支出总计', three_public: '“三公”经费',
};

/**
 * The narrative's figure for a 类 against the class rows of the function tables: it agrees with one of
 * them (the all-funds or the 一般公共预算 table, whichever it speaks of), or both numbers are said.
 */
function checkStatedClasses(ctx: ReadContext): (Finding | null)[] {
  const classRows = [...tablesOf(ctx, 'expenditure'), ...tablesOf(ctx, 'general_budget_expenditure'), ...tablesOf(ctx, 'fiscal_expenditure')]
    .flatMap((t) => readCodedTable(ctx, t, FUNCTION_ROLES, FUNCTION_PARTS).rows.filter((r) => r.code?.length === 3 && r.total).map((r) => ({ ...r, table: t.title })));
  // The 收支总表s print each 类 as an enumerated line too ("二、公共安全支出 13,656.34"): the narrative may speak of those.
  const summaryLines = tablesOf(ctx, 'summary', 'fiscal_summary').flatMap((t) => labelValuesOf(ctx, t).map((p) => ({ ...p, table: t.title })))
    .filter((p) => p.values[0] && /^(?:[一二三四五六七八九十廿]{1,3}、|[（(][一二三四五六七八九十廿]{1,3}[)）])/.test(p.label) && /支出$/.test(bareLabel(p.label)) && !/^(?:基本|项目|本年|当年)/.test(bareLabel(p.label)));
  if (classRows.length === 0 && summaryLines.length === 0) return [];
  return statedClassFigures(ctx.lines, [...classRows.map((r) => r.name), ...summaryLines.map((p) => bareLabel(p.label))]).map((s) => {
    const rows = classRows.filter((r) => r.name.replace(/支出$/, '') === s.name);
    const printed = [...rows.map((r) => r.total!), ...summaryLines.filter((p) => bareLabel(p.label).replace(/支出$/, '') === s.name).map((p) => p.values[0])];
    if (printed.some((v) => agrees(v, s.value, statedPrecision(s.value)))) return null;
    const r = rows[0];
    const line = summaryLines.find((p) => bareLabel(p.label).replace(/支出$/, '') === s.name);
    const [table, where, value] = r ? [r.table, `「${r.table}」科目 ${r.code}`, r.total!] : [line!.table, `「${line!.table}」`, line!.values[0]];
    return differ('narrative-vs-table', table, s.line, `${s.name}（类）支出`, ['说明文字', s.value], [where, value], statedPrecision(s.value));
  });
}

/**
 * Tables that print no unit were read in the unit the document's other tables declare: said, and where
 * no table declares one at all, a warning — the figures then agree with each other whatever the unit.
 */
export function undeclaredUnits(ctx: ReadContext): Finding[] {
  const silent = ctx.tables.filter((t) => !t.unitDeclared && !t.empty);
  if (silent.length === 0) return [];
  const line = ctx.lines[silent[0].start].no;
  if (silent.length === ctx.tables.filter((t) => !t.empty).length) {
    return [{ rule: 'unit-undeclared', severity: 'warning', table: '全文', line, message: `文件中的表格都没有注明金额单位，按${silent[0].unit}读取；只有与说明文字一致的数字视为已核对` }];
  }
  return silent.map((t) => ({ rule: 'unit-undeclared', severity: 'info', table: t.title, line: ctx.lines[t.start].no, message: `「${t.title}」未注明金额单位，按文件其他表格的${t.unit}读取` }));
}

/** Checks across tables, and of the narrative against the tables. */
export function crossChecks(ctx: ReadContext, totals: Map<TotalKey, Total>, fn: CodedTable | null, econ: CodedTable | null, stated: Total[]): Finding[] {
  const out: (Finding | null)[] = [];
  const income = totals.get('income_total');
  const spend = totals.get('expenditure_total');
  if (income && spend) out.push(differ('income-expenditure', income.table, income.line, '收支总表', ['收入总计', income.value], ['支出总计', spend.value]));
  const basic = totals.get('basic');
  const appropriation = totals.get('general_budget_appropriation');
  // The basic-expenditure table covers fiscal appropriations only; where the document also has other
  // funds, it may be smaller than the all-funds 基本支出, never larger.
  const mixed = mixedFunds(totals);
  const otherFunds = income && appropriation && !singleFund(totals);
  if (basic && econ?.root?.total && (!otherFunds || econ.root.total.gt(basic.value.plus(0.01)))) {
    out.push(differ('basic-vs-economic', econ.table.title, econ.root.line, '基本支出', [`「${basic.table}」`, basic.value], [`「${econ.table.title}」合计`, econ.root.total]));
  }
  // The summary tables' class lines against the coded rows of the table covering the same funds.
  const allFunds = firstCodedTable(ctx, ['expenditure'], FUNCTION_ROLES, FUNCTION_PARTS);
  const fiscal = firstCodedTable(ctx, ['general_budget_expenditure', 'fiscal_expenditure'], FUNCTION_ROLES, FUNCTION_PARTS);
  for (const [kind, coded] of [['summary', allFunds], ['fiscal_summary', fiscal]] as const) {
    if (!coded || coded.rows.length === 0) continue;
    for (const table of tablesOf(ctx, kind)) out.push(...checkClassLines(labelValuesOf(ctx, table), table.title, coded, mixed));
  }
  // The same codes in the other function tables.
  if (fn) {
    for (const t of [...tablesOf(ctx, 'general_budget_expenditure'), ...tablesOf(ctx, 'fiscal_expenditure')]) {
      if (t === fn.table) continue;
      const other = readCodedTable(ctx, t, FUNCTION_ROLES, FUNCTION_PARTS);
      const asItems = (c: CodedTable) => c.rows.map((r) => ({ code: r.code!, name: r.name, total: r.total, table: c.table.title, line: r.line }));
      // The all-funds 支出总表 against an appropriations-only table, where the department has other funds.
      const part = fn.table.kind === 'expenditure' && mixed;
      out.push(...checkSameCode(asItems(fn), asItems(other), part));
    }
  }
  out.push(...checkStatedClasses(ctx));
  for (const s of stated) {
    const t = totals.get(s.key);
    const what = NARRATIVE_CHECKED[s.key];
    if (!t || !what || t.line === s.line) continue;
    // One fund's figure says nothing against the whole where the department has other funds.
    if (s.fundsOnly && mixed) continue;
    // "支出预算 1,350 万元" may state 本年支出 where the 总表's 支出总计 adds 结转下年: the 支出表's 合计 settles it.
    const yearSpending = s.key === 'expenditure_total' ? fn?.root?.total : null;
    if (yearSpending && !differ('narrative-vs-table', t.table, s.line, what, ['说明文字', s.value], ['', yearSpending], statedPrecision(s.value))) continue;
    out.push(differ('narrative-vs-table', t.table, s.line, what, ['说明文字', s.value], [`「${t.table}」`, t.value], statedPrecision(s.value)));
  }
  return out.filter((f): f is Finding => f !== null);
}
