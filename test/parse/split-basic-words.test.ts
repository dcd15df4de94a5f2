// A 支出总表 printing 基本支出 as its two halves under a spanning 基本支出 cell, in 浙江's words
// (found on ../shared/corpus2's 湖州 and 杭州 documents; tested on our made-up 温州 fixture with its
// header reworded): 人员支出 for 人员经费, 日常公用支出 for 公用经费, its 出 wrapped onto the next line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { amount } from '../helpers/documents.js';

const file = 'zj_lucheng_scjgj_2025.txt';
const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layouts', file), 'utf8');
const HEADER = '科目编码 科目名称 合计 人员经费 公用经费 项目支出';
const headline = (t: string) => {
  const [d] = parseDocument(t, file);
  return ['basic', 'project', 'personnel', 'public_funds'].map((k) => [amount(d.totals.get(k as never)?.value), d.totals.get(k as never)?.verified, d.totals.get(k as never)?.table]);
};

describe('基本支出 split into 人员/公用 in other words', () => {
  // Read from the 支出预算总表 itself, not only from the 说明 that states them too.
  const want = [['1473.16', true, '支出预算总表'], ['240.00', true, '支出预算总表'], ['1320.36', true, '支出预算总表'], ['152.80', true, '支出预算总表']];

  it.each([
    ['人员支出 | 公用经费 under 基本支出', '基本支出\n科目编码 科目名称 总计 人员支出 公用经费 项目支出'],
    ['人员支出 | 日常公用支/出, the 出 wrapped', '基本支出\n科目编码 科目名称 总计 人员支出 日常公用支 项目支出\n出'],
    // 陕西's 部门综合预算 (西安): 项目 is 专项业务经费, the halves 人员经费支出 | 公用经费支出, a 备注 column after.
    ['人员经费支出 | 公用经费支出 | 专项业务经费支出', '功能科目编码 功能科目名称 合计 人员经费支出 公用经费支出 专项业务经费支出 备注'],
  ])('%s', (_, header) => {
    expect(text).toContain(HEADER);
    expect(headline(text.replace(HEADER, header))).toEqual(want);
  });
});

// The 基本支出表 likewise (湖南's 长沙 documents: 总计 | 人员类 | 公用经费; 山东's 烟台: 小计 | 人员支出 | 日常公用支出).
describe('a 基本支出表 heading its halves in other words', () => {
  const ECONOMIC = /^科目编码 科目名称 合计 人员经费 公用经费$/m;
  it.each([
    ['总计 | 人员类 | 公用经费', '经济科目编码 经济科目名称 总计 人员类 公用经费'],
    ['小计 | 人员支出 | 日常公用支出', '科目编码 科目名称 小计 人员支出 日常公用支出'],
  ])('%s', (_, header) => {
    expect(text).toMatch(ECONOMIC);
    // The 支出总表 prints 基本 as 人员/公用 too: reword it so that only the 基本支出表 gives the halves.
    const t = text.replace(ECONOMIC, header).replace(HEADER, '科目编码 科目名称 合计 基本支出 项目支出').replace(/^(合计 1,713\.16) 1,320\.36 152\.80 240\.00$/m, '$1 1,473.16 240.00');
    const [d] = parseDocument(t, file);
    expect(['personnel', 'public_funds'].map((k) => [amount(d.totals.get(k as never)?.value), d.totals.get(k as never)?.table])).toEqual([['1320.36', '一般公共预算基本支出表'], ['152.80', '一般公共预算基本支出表']]);
  });
});

