// The parsed shape of one budget disclosure: what src/parse produces and src/store persists.
// Amounts are decimal.js values normalised to 万元; nothing here is a JS float.
import type { Decimal } from 'decimal.js';

export type Kind = '预算' | '决算';
export type Scope = '部门' | '单位';
export type SourceUnit = '万元' | '元';

/** Where a figure came from: the table's title and the 1-based line in the source file. */
export interface Provenance {
  table: string;
  line: number;
  /** Several lines where the figure is their sum (one code printed on several rows of a table). */
  lines?: number[];
}

/**
 * One of the lines a table prints a code on where it prints it more than once (002's 基本支出表 lists
 * 30113 once per 政府经济分类 code): that line's own figures. The item holds their sum.
 */
export interface PrintedRow {
  line: number;
  name: string;
  total: Decimal | null;
  /** 基本/项目 for a function item, 人员/公用 for an economic item. */
  parts: [Decimal | null, Decimal | null];
}

/** A row summed from several printed lines: each line as printed, in the table's order. */
export interface Repeated {
  printedRows?: PrintedRow[];
}

export interface FunctionItem extends Provenance, Repeated {
  code: string;
  name: string;
  total: Decimal | null;
  basic: Decimal | null;
  project: Decimal | null;
  /** False when no identity in the document confirms the row (corroborate.ts verifiedRows). */
  verified?: boolean;
}

export interface EconomicItem extends Provenance, Repeated {
  code: string;
  name: string;
  total: Decimal | null;
  personnel: Decimal | null;
  publicFunds: Decimal | null;
  verified?: boolean;
}

/** The 三公 figures of one column set: a budget's, or one half of a 决算's 预算数/决算数 pair. */
export interface ThreePublicFigures {
  total: Decimal | null;
  outbound: Decimal | null;
  /** 公务用车购置及运行费, the sum of the two below. */
  vehicle: Decimal | null;
  vehiclePurchase: Decimal | null;
  vehicleOperation: Decimal | null;
  reception: Decimal | null;
}

export interface ThreePublic extends Provenance, ThreePublicFigures {
  /** 会议费 and 培训费 where the table prints them beside the 三公 columns (Jiangsu); null where left blank. */
  meeting?: Decimal | null;
  training?: Decimal | null;
  /**
   * A 决算's 预算数 columns, printed beside its 决算数 (the figures above): absent where the table prints
   * no 预算数; a cell left blank, or one the arithmetic cannot place, is null — never 0.
   */
  budget?: ThreePublicFigures;
}

export interface Project extends Provenance {
  name: string;
  amount: Decimal | null;
  /** False when the project list does not add up to the document's 项目支出 (corroborate.ts). */
  verified?: boolean;
}

/** One performance indicator (绩效指标) row, kept as text for search. */
export interface Target extends Provenance {
  project: string | null;
  text: string;
}

/** A change against the prior year as the narrative states it ("较2022年增加73.81万元"). */
export interface StatedChange extends Provenance {
  metric: 'expenditure_total' | 'income_total' | 'basic' | 'project' | 'three_public';
  priorYear: number;
  change: Decimal;
  percent: Decimal | null;
}

/**
 * A 决算's statement of its own execution ("财政拨款支出年初预算为 A 万元，支出决算为 B 万元，完成年初预算的
 * C%"): of all appropriations (fiscal), of the general budget's or of the government funds'.
 */
export interface StatedExecution extends Provenance {
  scope: 'fiscal' | 'general_budget' | 'gov_fund';
  budget: Decimal;
  /** The year's adjusted budget (全年预算), where the sentence states it beside the 年初 one. */
  fullYear?: Decimal;
  final: Decimal;
  /** The rate as printed, in percent; null when the sentence gives none. */
  rate: Decimal | null;
  /** False when the printed rate is not B ÷ A (to the precision printed). */
  verified?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding extends Provenance {
  rule: string;
  severity: Severity;
  message: string;
}

export type TotalKey =
  | 'income_total' | 'expenditure_total' | 'general_budget_appropriation' | 'carryover'
  | 'basic' | 'project' | 'personnel' | 'public_funds' | 'three_public'
  | 'procurement_total' | 'assets_total'
  /** The 收支总表's other lines: income by source, year-end carry-over, the reserve (单位预留机动经费). */
  | 'gov_fund_appropriation' | 'state_capital_appropriation' | 'special_account_income' | 'business_income'
  | 'operating_income' | 'superior_subsidy_income' | 'affiliated_income' | 'other_income' | 'unit_funds'
  | 'year_end_carryover' | 'reserve'
  /** 机关运行经费: the total of its own table, where the template prints one (Jiangsu). */
  | 'operating_cost'
  /** 一般公共预算支出: the 合计 of the 一般公共预算（财政拨款）支出表, one fund's spending by function. */
  | 'general_budget_expenditure';

export interface Total extends Provenance {
  key: TotalKey;
  value: Decimal;
  /** False when no identity in the document confirms it (see corroborate.ts); set once parsing ends. */
  verified?: boolean;
  /** Stated by the narrative for one fund only ("一般公共预算财政拨款基本支出…"), not the department's whole. */
  fundsOnly?: boolean;
}

/** A paragraph of narrative text, kept for full-text search. */
export interface Passage {
  line: number;
  text: string;
}

export interface Disclosure {
  source: string;
  department: string;
  /** The budget unit's own name where the document is a 单位 budget ("…本级"). */
  unitName: string | null;
  region: string | null;
  year: number;
  kind: Kind;
  scope: Scope;
  unit: SourceUnit;
  /** First and last line of the source file this disclosure was read from. */
  lines: [number, number];
  totals: Map<TotalKey, Total>;
  functionItems: FunctionItem[];
  economicItems: EconomicItem[];
  threePublic: ThreePublic | null;
  projects: Project[];
  targets: Target[];
  changes: StatedChange[];
  /** A 决算's stated execution of its budget; absent where the narrative states none. */
  executions?: StatedExecution[];
  findings: Finding[];
  passages: Passage[];
  /** For a PDF: the first line of each page, so citations can give the file and page. */
  pages?: { line: number; file: string; page: number }[];
  /** Tables recognised, for reporting what was and was not read. */
  tables: { title: string; kind: string; line: number; empty: boolean }[];
}
