// Which headline figures the document itself confirms. A figure is verified when at least one
// identity that involves it holds — its own table's arithmetic, another table printing it, or the
// narrative stating it; otherwise it is kept, marked unverified, and every answer showing it says so.
// The identities are data (IDENTITIES below); a failed identity is already a finding elsewhere.
import type { Decimal } from 'decimal.js';
import { agrees, formatAmount, statedPrecision, sum } from '../amount.js';
import type { Finding, Project, ThreePublic, Total, TotalKey } from '../types.js';

/** Figures the identities can refer to: the totals, plus table roots and other tables' copies. */
export interface Evidence {
  totals: Map<TotalKey, Total>;
  /** The 支出总表/功能分类表's 合计 row total. */
  functionRoot: Decimal | null;
  /** The 基本支出表's 合计 total. */
  economicRoot: Decimal | null;
  /** The 一般公共预算支出表's 合计 row: its 基本支出 and 项目支出. */
  generalBudgetParts?: [Decimal | null, Decimal | null];
  /** 人员/公用 were read from that same 合计 row: its own sum then confirms nothing. */
  splitFromEconomicRoot?: boolean;
  /** The same figures as the narrative states them. */
  stated: Total[];
  /** The same label's value in the other summary tables (收入总表, 财政拨款收支总表). */
  elsewhere: Partial<Record<TotalKey, Decimal[]>>;
  threePublic: ThreePublic | null;
  /** False when no table of the document states its unit: identities hold at any scale, so only the narrative can confirm. */
  unitsDeclared: boolean;
}

type Get = (key: TotalKey) => Decimal | null;
interface Identity {
  /** The figures an identity confirms when it holds. */
  confirms: TotalKey[];
  holds: (get: Get, e: Evidence) => boolean | null;
}

const all = (...xs: (Decimal | null | undefined)[]) => xs.every((x) => x !== null && x !== undefined);

/** The 收支总表's income by source: what 收入总计 is made of, besides the carry-over. */
const INCOME_LINES: TotalKey[] = [
  'general_budget_appropriation', 'gov_fund_appropriation', 'state_capital_appropriation', 'special_account_income', 'business_income',
  'operating_income', 'superior_subsidy_income', 'affiliated_income', 'other_income', 'unit_funds',
];

/**
 * The income lines read (at least one besides the appropriation, so the identity says more than the
 * appropriation identity) add up to 收入总计. A line printed but not read makes the sum fall short:
 * the identity then fails and confirms nothing.
 */
function incomeAddsUp(g: Get, withCarryover: boolean): boolean | null {
  const lines = INCOME_LINES.map(g).filter((v): v is Decimal => v !== null);
  const total = g('income_total');
  if (!total || lines.length < 2) return null;
  const carry = g('carryover');
  if (withCarryover && (!carry || carry.isZero())) return null;
  return agrees(total, sum(withCarryover ? [...lines, carry] : lines));
}

/** What a reviewer checks; `null` = the identity does not apply (a figure it needs is absent). */
export const IDENTITIES: Identity[] = [
  { confirms: ['income_total', 'expenditure_total'], holds: (g) => (all(g('income_total'), g('expenditure_total')) ? agrees(g('income_total')!, g('expenditure_total')!) : null) },
  { confirms: ['expenditure_total', 'basic', 'project'], holds: (g) => (all(g('expenditure_total'), g('basic'), g('project')) ? agrees(g('expenditure_total')!, g('basic')!.plus(g('project')!)) : null) },
  { confirms: ['basic', 'personnel', 'public_funds'], holds: (g) => (all(g('basic'), g('personnel'), g('public_funds')) ? agrees(g('basic')!, g('personnel')!.plus(g('public_funds')!)) : null) },
  { confirms: ['basic'], holds: (g, e) => (all(g('basic'), e.economicRoot) ? agrees(g('basic')!, e.economicRoot!) : null) },
  { confirms: ['personnel', 'public_funds'], holds: (g, e) => (all(g('personnel'), g('public_funds'), e.economicRoot) && !e.splitFromEconomicRoot ? agrees(e.economicRoot!, g('personnel')!.plus(g('public_funds')!)) : null) },
  { confirms: ['expenditure_total'], holds: (g, e) => (all(g('expenditure_total'), e.functionRoot) ? agrees(g('expenditure_total')!, e.functionRoot!) : null) },
  // 一般公共预算支出 is confirmed only from outside its own table: a wrong column read there (a prior
  // year's) has 类 rows that add up to it just as well. Its 基本支出 is the 基本支出表's 合计, and the
  // row is its two parts; or —
  {
    confirms: ['general_budget_expenditure'],
    holds: (g, e) => {
      const [basic, project] = e.generalBudgetParts ?? [null, null];
      if (!all(g('general_budget_expenditure'), basic, project, e.economicRoot)) return null;
      return agrees(g('general_budget_expenditure')!, basic!.plus(project!)) && agrees(basic!, e.economicRoot!) ? true : null;
    },
  },
  // — printed again on the income side: the year's 一般公共预算拨款 spent in the year (no carry-over in
  // or out). They differ where there is one, so a difference confirms nothing and refutes nothing.
  { confirms: ['general_budget_expenditure'], holds: (g) => (all(g('general_budget_expenditure'), g('general_budget_appropriation')) && agrees(g('general_budget_expenditure')!, g('general_budget_appropriation')!) ? true : null) },
  // The income lines add up to 收入总计, with or without the carry-over (a 收入合计 of the year alone).
  { confirms: [...INCOME_LINES, 'carryover', 'income_total'], holds: (g) => incomeAddsUp(g, true) },
  { confirms: INCOME_LINES, holds: (g) => incomeAddsUp(g, false) },
  // 支出总计 = the year's spending (the 支出总表's 合计) + what is carried into next year (a blank line: nothing).
  { confirms: ['year_end_carryover'], holds: (g, e) => (all(g('expenditure_total'), g('year_end_carryover'), e.functionRoot) ? agrees(g('expenditure_total')!, e.functionRoot!.plus(g('year_end_carryover')!)) : null) },
  {
    confirms: ['three_public'],
    holds: (g, e) => {
      const t = e.threePublic;
      if (!t || !all(g('three_public'), t.outbound, t.vehicle, t.reception)) return null;
      return agrees(g('three_public')!, sum([t.outbound, t.vehicle, t.reception])) && (!all(t.vehiclePurchase, t.vehicleOperation) || agrees(t.vehicle!, t.vehiclePurchase!.plus(t.vehicleOperation!)));
    },
  },
];

/** The keys an answer shows as headline figures, with their names for the unverified note. */
export const HEADLINE_NAMES: Record<TotalKey, string> = {
  income_total: '收入总计', expenditure_total: '支出总计', general_budget_appropriation: '一般公共预算拨款', carryover: '上年结转',
  basic: '基本支出', project: '项目支出', personnel: '人员经费', public_funds: '公用经费', three_public: '“三公”经费',
  procurement_total: '政府采购', assets_total: '固定资产', operating_cost: '机关运行经费',
  gov_fund_appropriation: '政府性基金预算拨款', state_capital_appropriation: '国有资本经营预算拨款', special_account_income: '财政专户管理资金收入',
  business_income: '事业收入', operating_income: '事业单位经营收入', superior_subsidy_income: '上级补助收入', affiliated_income: '附属单位上缴收入',
  other_income: '其他收入', unit_funds: '单位资金', year_end_carryover: '年末结转结余', reserve: '单位预留机动经费',
  general_budget_expenditure: '一般公共预算支出',
};

/** The keys each total is confirmed by, and the finding naming those that nothing confirms. */
export function corroborate(e: Evidence, docLine: number): { verified: Set<TotalKey>; finding: Finding | null } {
  const get: Get = (k) => e.totals.get(k)?.value ?? null;
  const verified = new Set<TotalKey>();
  if (e.unitsDeclared) for (const id of IDENTITIES) if (id.holds(get, e) === true) id.confirms.forEach((k) => verified.add(k));
  for (const [key, t] of e.totals) {
    // The narrative (a different part of the document) stating the same figure.
    if (e.stated.some((s) => s.key === key && s.line !== t.line && agrees(s.value, t.value, statedPrecision(s.value)))) verified.add(key);
    if (e.unitsDeclared && (e.elsewhere[key] ?? []).some((v) => agrees(v, t.value))) verified.add(key);
  }
  const unverified = [...e.totals.values()].filter((t) => !verified.has(t.key));
  if (unverified.length === 0) return { verified, finding: null };
  return {
    verified,
    finding: {
      rule: 'unverified', severity: 'info', table: '全文', line: docLine,
      message: `未能与文件其他部分核对：${unverified.map((t) => `${HEADLINE_NAMES[t.key]} ${formatAmount(t.value)} 万元（${t.table}第 ${t.line} 行）`).join('、')}`,
    },
  };
}

/** A coded row as the row identities see it. */
export interface CodedRow {
  code: string | null;
  total: Decimal | null;
  parts: [Decimal | null, Decimal | null];
}

/**
 * Which rows of a coded table (by index) the document confirms: the row's total equals its two parts;
 * it is a parent whose children add up to it; it is a child of a parent its siblings and it add up to;
 * or another table prints the same code with the same total. The rest are unverified.
 */
export function verifiedRows(rows: CodedRow[], parents: number[], elsewhere: Map<string, Decimal[]>): boolean[] {
  const ok = rows.map((r) => r.total !== null && r.parts[0] !== null && r.parts[1] !== null && agrees(r.total, r.parts[0].plus(r.parts[1])));
  rows.forEach((p, i) => {
    const kids = rows.flatMap((r, j) => (parents[j] === i ? [j] : []));
    if (kids.length === 0 || p.total === null || kids.some((k) => rows[k].total === null)) return;
    if (!agrees(p.total, sum(kids.map((k) => rows[k].total)))) return;
    ok[i] = true;
    for (const k of kids) ok[k] = true;
  });
  rows.forEach((r, i) => {
    if (r.code && r.total && (elsewhere.get(r.code) ?? []).some((v) => agrees(v, r.total!))) ok[i] = true;
  });
  return ok;
}

/**
 * A project list confirms its amounts when they add up to the document's 项目支出. Where they do not,
 * every amount is unverified and the finding gives both sums — a list that leaves projects out (some
 * amounts blank) is information, one that prints every amount and still differs is a warning.
 */
export function checkProjectList(projects: Project[], projectTotal: Total | undefined): Finding | null {
  const amounts = projects.map((p) => p.amount);
  if (projects.length === 0 || !projectTotal || amounts.every((a) => a === null)) {
    for (const p of projects) p.verified = false;
    return null;
  }
  const listed = sum(amounts);
  const complete = amounts.every((a) => a !== null);
  const holds = complete && agrees(listed, projectTotal.value);
  for (const p of projects) p.verified = holds;
  if (holds) return null;
  return {
    rule: 'project-list-sum', severity: complete ? 'warning' : 'info', table: projects[0].table, line: projects[0].line,
    message: `项目清单 ${projects.length} 个项目${complete ? '' : `（${amounts.filter((a) => a === null).length} 个未列金额）`}合计 ${formatAmount(listed)} 万元，「${projectTotal.table}」项目支出 ${formatAmount(projectTotal.value)} 万元，相差 ${formatAmount(listed.minus(projectTotal.value).abs())} 万元`,
  };
}
