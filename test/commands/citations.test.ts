// A figure the document prints on two lines (one economic code once per 政府经济分类 code) is their
// sum, and its citation names both lines, so whoever checks it finds each printed part.
import { expect, it } from 'vitest';
import { ask, bundledApp } from '../helpers/app.js';
import { disclosureOf } from '../helpers/documents.js';

const app = bundledApp();

it('seed 002 prints 30113 住房公积金 on lines 335 and 336: one row of 18.00 citing both', () => {
  const row = disclosureOf('002_b2ab98c35d1620c6.txt').economicItems.find((r) => r.code === '30113')!;
  expect([row.total?.toFixed(2), row.lines]).toEqual(['18.00', [335, 336]]);
  const r = ask(app, '/subject 30113 凤泉区');
  expect(r.text).toContain('18.00');
  expect(r.text).toContain('002_b2ab98c35d1620c6.txt · 一般公共预算基本支出表 · 第 335、336 行之和');
});
