// /diff of a year's 预算 against its 决算 ("/diff 乐昌市市场监督管理局 2021 预算 决算"): which two
// documents, said exactly when one of them is not loaded, and the 三公 table of each side by side.
import type { createAnswer } from '../src/core/answer.js';
import { signed, wan } from '../src/core/format.js';
import { ZERO } from '../src/parse/amount.js';
import type { ThreePublicFigures } from '../src/parse/types.js';
import { UserError } from '../src/errors.js';
import type { Department } from '../src/query/catalog.js';
import { resolveYear, type YearRef } from '../src/query/years.js';
import type { DocRow, Queries } from '../src/store/queries.js';
import { executionRate } from './budget-execution.js';
import type { Sides } from './diff.js';
import { citation, latestYear } from './support.js';

type Builder = ReturnType<typeof createAnswer>;

/** The words that ask for the comparison, taken out before the department name is resolved. */
export function withoutKindWords(text: string): string {
  return text.replace(/预决算|预算|决算|\bvs\b|对比|比较|对照/gi, ' ');
}

export const KIND_SIDES = (budget: DocRow, final: DocRow): Sides => {
  const name = final.unitName ?? final.department;
  return { from: '预算', to: '决算', title: `${name} ${final.year}年：预算 vs 决算`, chart: `${name} ${final.year}年 决算与预算相差最大的科目`, rate: 'execution' };
};

/**
 * The 预算 and the 决算 of one year (the latest year that has both when none is named), of one scope
 * (部门 first). One of them missing is said exactly, with the years that do have both.
 */
export function budgetAndFinal(dep: Department, ref: YearRef | undefined): { budget: DocRow; final: DocRow } {
  const paired = (year: number) => {
    for (const scope of ['部门', '单位']) {
      const budget = dep.docs.find((d) => d.year === year && d.scope === scope && d.kind === '预算');
      const final = dep.docs.find((d) => d.year === year && d.scope === scope && d.kind === '决算');
      if (budget && final) return { budget, final };
    }
    return null;
  };
  const bothYears = [...new Set(dep.docs.map((d) => d.year))].filter((y) => paired(y));
  const year = ref ? resolveYear(ref, latestYear(dep)) : bothYears.at(-1) ?? latestYear(dep);
  const pair = paired(year);
  if (pair) return pair;
  const has = (kind: string) => dep.docs.some((d) => d.year === year && d.kind === kind);
  const missing = ['预算', '决算'].filter((k) => !has(k));
  const loaded = dep.docs.map((d) => `${d.year}年${d.kind}`);
  const said = missing.length === 2
    ? `${dep.name} 没有载入 ${year} 年的预算和决算`
    : `${dep.name} 没有载入 ${year} 年的${missing[0]}（只载入了 ${year} 年的${missing[0] === '预算' ? '决算' : '预算'}），无法比较预算与决算`;
  const both = bothYears.length ? `；预算和决算都已载入的年份：${bothYears.join('、')}` : '';
  throw new UserError(`${said}。已载入：${[...new Set(loaded)].join('、')}${both}。`, bothYears.map((y) => `/diff ${dep.name} ${y} 预算 决算`), 'not-loaded');
}

const ROWS: [string, keyof ThreePublicFigures][] = [
  ['“三公”经费合计', 'total'], ['因公出国（境）费', 'outbound'], ['公务用车购置及运行费', 'vehicle'],
  ['其中：公务用车购置费', 'vehiclePurchase'], ['　　　公务用车运行维护费', 'vehicleOperation'], ['公务接待费', 'reception'],
];

/** The 三公 table of the 预算 beside the 决算's, after the totals; and whether the 决算's own 预算数 agrees. */
export function threePublicAgainstBudget(b: Builder, q: Queries, budget: DocRow, final: DocRow): void {
  const [x, y] = [q.threePublic(budget.id), q.threePublic(final.id)];
  if (!x && !y) return;
  const cites = [b.cite(citation(budget, x)), b.cite(citation(final, y))];
  const table = {
    title: '“三公”经费：预算 vs 决算',
    columns: ['项目', '预算', '决算', '差额', '执行率'],
    numeric: [false, true, true, true, true],
    rows: ROWS.map(([label, k]) => {
      const [a, c] = [x?.[k] ?? null, y?.[k] ?? null];
      return [label, wan(a), wan(c), a || c ? signed((c ?? ZERO).minus(a ?? ZERO)) : '—', executionRate(a, c)];
    }),
    cites: ROWS.map(() => cites),
  };
  b.answer.tables.splice(1, 0, table);
  b.answer.csvTables?.splice(1, 0, { ...table, cites: undefined });
  // The 决算 prints the 预算数 it was held to: a figure adjusted during the year differs from the 预算's.
  const own = y?.budget?.total;
  if (own && x?.total) {
    b.answer.notes.push(own.minus(x.total).abs().lte(0.005)
      ? `决算表所列“三公”经费预算数 ${wan(own)} 万元，与${budget.year}年部门预算一致。`
      : `决算表所列“三公”经费预算数 ${wan(own)} 万元，与${budget.year}年部门预算（${wan(x.total)} 万元）不同：年中可能调整过预算。`);
  }
}
