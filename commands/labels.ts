// What each document total is called in answers, shared by the commands that list totals.
import type { TotalKey } from '../src/parse/types.js';

export const TOTAL_LABELS: Record<TotalKey, string> = {
  income_total: '收入总计', expenditure_total: '支出总计', general_budget_appropriation: '一般公共预算拨款', carryover: '上年结转结余',
  basic: '基本支出', project: '项目支出', personnel: '人员经费', public_funds: '公用经费', three_public: '“三公”经费',
  procurement_total: '政府采购', assets_total: '固定资产', operating_cost: '机关运行经费',
};

/** The totals a comparison lists, in order. */
export const COMPARED_TOTALS: TotalKey[] = ['income_total', 'expenditure_total', 'basic', 'project', 'personnel', 'public_funds', 'three_public'];
