// A 决算's narrative states how much of its budget it spent: "2024年度财政拨款支出年初预算为 15,068.55
// 万元，支出决算为 13,733.80 万元，完成年初预算的 91.14%" — for all appropriations, for the general
// budget ("一般公共预算财政拨款支出…") or for the government funds. Read as stated, checked by its own
// arithmetic (the rate is the 决算 over the 预算), and kept apart from the tables' figures.
import { Decimal } from 'decimal.js';
import { parseAmount } from '../amount.js';
import type { Line } from '../front/lines.js';
import type { StatedExecution } from '../types.js';
import { clausesOf } from './narrative.js';

const BUDGETED = /^(.*?)年初预算(?:数)?(?:为|是)?([\d,]+(?:\.\d+)?)万元$/;
const FULL_YEAR = /^(?:全年|调整后的?)预算(?:数)?(?:为|是)?([\d,]+(?:\.\d+)?)万元$/;
const SPENT = /^(?:支出)?决算(?:数)?(?:为|是)?([\d,]+(?:\.\d+)?)万元$/;
const RATE = /^完成(?:年初)?预算(?:数)?的([\d.]+)%$/;

/** The scope a sentence's subject names, by its last words; null for a subject or a part (基本支出, 行政运行). */
function scopeOf(subject: string): StatedExecution['scope'] | null {
  if (/一般公共预算财政拨款(?:支出)?$/.test(subject)) return 'general_budget';
  if (/政府性基金预算财政拨款(?:支出)?$/.test(subject)) return 'gov_fund';
  if (/(?:^|[年度部门单位])财政拨款(?:支出)?$/.test(subject)) return 'fiscal';
  return null;
}

export function statedExecutions(lines: Line[], year: number | null, table: string): StatedExecution[] {
  const clauses = clausesOf(lines);
  const found = new Map<StatedExecution['scope'], StatedExecution>();
  clauses.forEach((c, i) => {
    const b = BUDGETED.exec(c.text);
    if (!b) return;
    const scope = scopeOf(b[1]);
    // "2023年度…" in a 2024 决算 states another year's execution.
    const named = /(20\d{2})年/.exec(b[1]);
    if (!scope || found.has(scope) || (named && year && Number(named[1]) !== year)) return;
    // "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为…": the year's adjusted budget between.
    const inSentence = (k: number) => (clauses[k]?.sentence === c.sentence ? clauses[k].text : '');
    let k = i + 1;
    const full = FULL_YEAR.exec(inSentence(k));
    if (full) k++;
    const f = SPENT.exec(inSentence(k));
    const budget = parseAmount(b[2]);
    const fullYear = full ? parseAmount(full[1]) : null;
    const final = f ? parseAmount(f[1]) : null;
    if (!budget || !final) return;
    const r = RATE.exec(inSentence(k + 1));
    const rate = r ? parseAmount(r[1]) : null;
    // The rate printed is the 决算 over a budget printed (some documents divide by the adjusted one).
    const rateOf = (base: Decimal | null) => !!base && !base.isZero() && final.div(base).times(100).minus(rate!).abs().lte(new Decimal(10).pow(-decimals(r![1])).div(2).plus(0.005));
    const verified = rate === null ? undefined : rateOf(budget) || rateOf(fullYear);
    found.set(scope, { scope, budget, ...(fullYear ? { fullYear } : {}), final, rate, table, line: c.line, ...(verified === false ? { verified } : {}) });
  });
  return [...found.values()];
}

const decimals = (s: string) => (s.split('.')[1] ?? '').length;
