// A 决算's narrative stating its own execution. The sentences are made up, worded as 决算 说明 word
// them; each case is a rule: the scope by the subject's last words, the adjusted budget between, the
// rate checked by its own arithmetic, another year's statement and a 项's statement not taken.
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/parse/front/lines.js';
import { statedExecutions } from '../../src/parse/read/execution.js';

const read = (text: string, year = 2024) =>
  statedExecutions(splitLines(text), year, '说明').map((e) => [e.scope, e.budget.toFixed(2), e.fullYear?.toFixed(2) ?? null, e.final.toFixed(2), e.rate?.toFixed(2) ?? null, e.verified ?? true]);

describe('a 决算 stating its execution', () => {
  it('reads the whole appropriation and the general budget, each once, by the subject\'s last words', () => {
    expect(read('某某局2024年度财政拨款支出年初预算为 1,200.00 万元，支出决算为 1,080.00 万元，完成年初预算的 90.00%。其中：基本支出年初预算为 500.00 万元，支出决算为 520.00 万元。一般公共预算财政拨款支出年初预算为 1,000.00 万元，支出决算为 950.00 万元，完成年初预算的 95.00%。')).toEqual([
      ['fiscal', '1200.00', null, '1080.00', '90.00', true],
      ['general_budget', '1000.00', null, '950.00', '95.00', true],
    ]);
  });

  it('keeps the adjusted budget between, and checks the rate against either budget', () => {
    expect(read('本部门一般公共预算财政拨款支出年初预算为 0 万元，调整后预算为 200.00 万元，支出决算为 190.00 万元，完成年初预算的 95.00%。')).toEqual([['general_budget', '0.00', '200.00', '190.00', '95.00', true]]);
  });

  it('marks a rate that is not the 决算 over the budget', () => {
    expect(read('财政拨款支出年初预算为 100 万元，支出决算为 80 万元，完成年初预算的 88.00%。')).toEqual([['fiscal', '100.00', null, '80.00', '88.00', false]]);
  });

  it('takes neither another year\'s statement nor a 项\'s', () => {
    expect(read('2023年度财政拨款支出年初预算为 100 万元，支出决算为 90 万元。')).toEqual([]);
    expect(read('行政运行（项）。年初预算为 100 万元，支出决算为 90 万元。')).toEqual([]);
  });
});
