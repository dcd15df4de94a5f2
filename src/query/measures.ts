// One figure a question can ask for, by the words people use for it: a document total, or a column
// of the 三公 table (which in Jiangsu also prints 会议费 and 培训费). Longest word wins. Data, not code:
// a new column is a row here.
import type { TotalKey } from '../parse/types.js';
import type { ThreePublicColumn } from '../store/queries.js';

/**
 * Figures people ask for by name that are not read as totals of their own (the 财政拨款 spending):
 * asked, they are said not read — never answered with a neighbour (支出总计, 收入总计) — and the printed
 * figure nearest in meaning is offered by name (`nearby`). A total that is read but missing from one
 * document (the 一般公共预算支出表's 合计 where that table is not found) offers its `nearby` the same way.
 */
export type AskedOnlyKey = 'fiscal_expenditure_total' | 'fiscal_income_total';

const ASKED_ONLY: ReadonlySet<string> = new Set<AskedOnlyKey>(['fiscal_expenditure_total', 'fiscal_income_total']);
export const isAskedOnly = (key: string): key is AskedOnlyKey => ASKED_ONLY.has(key);

export type Measure =
  | { kind: 'total'; key: TotalKey | AskedOnlyKey; label: string; nearby?: TotalKey }
  /** `code`: the economic subject that holds the same spending where the 三公 table does not print it. */
  | { kind: 'three'; column: ThreePublicColumn; label: string; code?: string };

export const MEASURES: [Measure, string[]][] = [
  [{ kind: 'total', key: 'expenditure_total', label: '支出总计' }, ['支出总计', '总支出', '支出合计', '总预算', '预算总额', '预算总计', '预算总数', '支出总额']],
  [{ kind: 'total', key: 'income_total', label: '收入总计' }, ['收入总计', '总收入', '收入合计', '收入总额']],
  [{ kind: 'total', key: 'general_budget_appropriation', label: '一般公共预算拨款' }, ['一般公共预算拨款', '一般公共预算拨款收入']],
  // All three funds' appropriations (一般公共预算 + 政府性基金 + 国有资本经营): not one printed line.
  [{ kind: 'total', key: 'fiscal_income_total', label: '财政拨款收入', nearby: 'general_budget_appropriation' }, ['财政拨款收入', '财政拨款收入总计', '财政拨款总额']],
  [{ kind: 'total', key: 'general_budget_expenditure', label: '一般公共预算支出', nearby: 'general_budget_appropriation' }, ['一般公共预算支出', '一般公共预算财政拨款支出', '一般公共预算拨款支出', '公共财政预算支出', '公共财政支出']],
  [{ kind: 'total', key: 'fiscal_expenditure_total', label: '财政拨款支出', nearby: 'general_budget_appropriation' }, ['财政拨款支出', '财政拨款支出总计', '财政拨款安排的支出']],
  [{ kind: 'total', key: 'carryover', label: '上年结转结余' }, ['上年结转结余', '上年结转', '结转结余', '结转']],
  [{ kind: 'total', key: 'basic', label: '基本支出' }, ['基本支出']],
  [{ kind: 'total', key: 'project', label: '项目支出' }, ['项目支出']],
  [{ kind: 'total', key: 'personnel', label: '人员经费' }, ['人员经费', '人员支出']],
  [{ kind: 'total', key: 'public_funds', label: '公用经费' }, ['公用经费', '日常公用经费']],
  [{ kind: 'total', key: 'three_public', label: '“三公”经费' }, ['三公经费', '“三公”经费', '三公']],
  [{ kind: 'total', key: 'procurement_total', label: '政府采购' }, ['政府采购预算', '政府采购']],
  [{ kind: 'total', key: 'assets_total', label: '固定资产' }, ['固定资产', '国有资产']],
  [{ kind: 'total', key: 'operating_cost', label: '机关运行经费' }, ['机关运行经费', '运行经费']],
  [{ kind: 'total', key: 'gov_fund_appropriation', label: '政府性基金预算拨款' }, ['政府性基金预算拨款', '政府性基金预算拨款收入', '政府性基金拨款', '政府性基金收入', '基金拨款']],
  [{ kind: 'total', key: 'state_capital_appropriation', label: '国有资本经营预算拨款' }, ['国有资本经营预算拨款', '国有资本经营预算收入', '国有资本经营收入']],
  [{ kind: 'total', key: 'special_account_income', label: '财政专户管理资金收入' }, ['财政专户管理资金', '财政专户管理资金收入', '财政专户收入', '专户资金']],
  [{ kind: 'total', key: 'business_income', label: '事业收入' }, ['事业收入']],
  [{ kind: 'total', key: 'operating_income', label: '事业单位经营收入' }, ['事业单位经营收入', '经营收入']],
  [{ kind: 'total', key: 'superior_subsidy_income', label: '上级补助收入' }, ['上级补助收入', '上级补助']],
  [{ kind: 'total', key: 'affiliated_income', label: '附属单位上缴收入' }, ['附属单位上缴收入', '附属单位上缴']],
  [{ kind: 'total', key: 'other_income', label: '其他收入' }, ['其他收入']],
  [{ kind: 'total', key: 'unit_funds', label: '单位资金' }, ['单位资金', '单位资金收入']],
  [{ kind: 'total', key: 'year_end_carryover', label: '年末结转结余' }, ['年末结转结余', '年末结转和结余', '年末结转', '年终结转', '结转下年', '结转到下年']],
  [{ kind: 'total', key: 'reserve', label: '单位预留机动经费' }, ['单位预留机动经费', '预留机动经费', '机动经费']],
  [{ kind: 'three', column: 'outbound', label: '因公出国（境）费' }, ['因公出国（境）费', '因公出国(境)费', '因公出国', '出国费', '出国（境）费']],
  [{ kind: 'three', column: 'vehicle', label: '公务用车购置及运行费' }, ['公务用车购置及运行费', '公务用车购置及运行维护费', '公务用车', '公车']],
  [{ kind: 'three', column: 'vehicle_purchase', label: '公务用车购置费' }, ['公务用车购置费', '车辆购置费', '购车费', '公车购置费', '公车购置', '公务用车购置', '买车', '购车', '车辆购置']],
  [{ kind: 'three', column: 'vehicle_operation', label: '公务用车运行维护费' }, ['公务用车运行维护费', '公务用车运行费', '运行维护费', '公车运行维护费', '公车运行费', '公车运维', '公车运行', '公务用车运行']],
  [{ kind: 'three', column: 'reception', label: '公务接待费' }, ['公务接待费', '接待费', '公务接待']],
  [{ kind: 'three', column: 'meeting', label: '会议费', code: '30215' }, ['会议费']],
  [{ kind: 'three', column: 'training', label: '培训费', code: '30216' }, ['培训费']],
];

/** The figure a text names, by its longest word, and that word; null when none. */
export function measureOf(text: string): { measure: Measure; word: string } | null {
  let best: { measure: Measure; word: string } | null = null;
  for (const [measure, words] of MEASURES) for (const w of words) if (text.includes(w) && (!best || w.length > best.word.length)) best = { measure, word: w };
  return best;
}

/** Every figure a text names ("会议费和培训费"), longest words first, not overlapping, in text order. */
export function measuresOf(text: string): { measure: Measure; word: string; at: number }[] {
  const words = MEASURES.flatMap(([measure, ws]) => ws.map((word) => ({ measure, word }))).sort((a, b) => b.word.length - a.word.length);
  const taken: boolean[] = [];
  const out: { measure: Measure; word: string; at: number }[] = [];
  for (const w of words) {
    for (let at = text.indexOf(w.word); at >= 0; at = text.indexOf(w.word, at + 1)) {
      if (taken.slice(at, at + w.word.length).some(Boolean)) continue;
      for (let i = at; i < at + w.word.length; i++) taken[i] = true;
      if (!out.some((o) => o.measure === w.measure)) out.push({ ...w, at });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The field of queries.threePublic() a column is read from. */
export const THREE_FIELD = {
  total: 'total', outbound: 'outbound', vehicle: 'vehicle', vehicle_purchase: 'vehiclePurchase', vehicle_operation: 'vehicleOperation',
  reception: 'reception', meeting: 'meeting', training: 'training',
} as const;
