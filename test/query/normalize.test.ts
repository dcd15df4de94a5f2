// How a question is read before the intent rules see it: traditional characters, English, pinyin,
// near misses of department names, and years that are only part of a label (上年结转).
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/query/edit-distance.js';
import { understand } from '../../src/query/intent.js';
import { normalizeQuestion, simplify } from '../../src/query/normalize.js';
import { extractYears } from '../../src/query/years.js';
import { bundledApp } from '../helpers/app.js';

const app = bundledApp();
const catalog = () => app.ctx.catalog;

describe('normalizeQuestion', () => {
  it.each([
    ['竹山縣公用經費', '竹山县公用经费'],
    ['巨鹿縣醫療保障局預算總額', '巨鹿县医疗保障局预算总额'],
  ])('simplifies %s', (typed, read) => expect(simplify(typed)).toBe(read));

  it.each([
    ['zhushan 三公', '竹山三公'],
    ['zhushanxian 三公', '竹山县三公'],
    ['Julu personnel', '巨鹿人员经费'],
    ['total budget of xingtai', '支出总计邢台'],
    ['three public expenses zhushan', '三公经费竹山'],
  ])('reads %s as %s, and says so', (typed, read) => {
    const n = normalizeQuestion(typed, catalog());
    expect(n.text).toBe(read);
    expect(n.corrections).toHaveLength(1);
  });

  it('a department name one character off is read as the loaded one', () => {
    expect(normalizeQuestion('竹山县医疗保账局三公', catalog())).toEqual({ text: '竹山县医疗保障局三公', corrections: ['竹山县医疗保账局 → 竹山县医疗保障局'] });
  });

  it('a question already understood is left alone', () => {
    expect(normalizeQuestion('竹山县医保局三公经费是多少', catalog())).toEqual({ text: '竹山县医保局三公经费是多少', corrections: [] });
  });

  it('edit distance is bounded', () => {
    expect(editDistance('检查院', '检察院')).toBe(1);
    expect(editDistance('办公费', '培训费', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('years inside labels', () => {
  it.each([
    ['上年结转多少', 0],
    ['上年结余', 0],
    ['比上年增加多少', 1],
    ['去年三公', 1],
    ['2019年比2018年', 2],
  ])('%s holds %i year references', (text, n) => expect(extractYears(text).years).toHaveLength(n));
});

describe('intent', () => {
  it.each([
    ['邢台市医保局上年结转多少', 'budget'],
    ['巨鹿县项目支出占总支出比例', 'budget'],
    ['巨鹿县和竹山县哪个人员经费多', 'compare'],
    ['邢台市医保局比去年增加了多少', 'diff'],
    ['哪个部门培训费最多', 'rank'],
    ['会议费', 'subject'],
    ['竹山县近三年支出', 'trend'],
  ])('%s → /%s', (text, command) => expect(understand(text, catalog()).command).toBe(command));
});
