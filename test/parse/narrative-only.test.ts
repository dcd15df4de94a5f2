// A disclosure published without its tables (the tables issued as images or a spreadsheet): the
// narrative's figures are still the document's, cited to it and checked against each other, and the
// document says it has no tables. The document is made up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError, parseDocument } from '../../src/parse/index.js';
import { amount } from '../helpers/documents.js';

const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'unseen', 'narrative_only_2023_budget.txt'), 'utf8');

describe('a 说明 published without its tables', () => {
  const [d] = parseDocument(text, 'narrative_only_2023_budget.txt');

  it('loads, with its department and year', () => {
    expect([d.department, d.year, d.kind]).toEqual(['某某县文化和旅游局', 2023, '预算']);
  });

  it('takes the stated whole-budget figures, confirmed by their own arithmetic (基本 + 项目 = 支出)', () => {
    const t = (k: string) => d.totals.get(k as never)!;
    expect(['expenditure_total', 'basic', 'project', 'three_public'].map((k) => amount(t(k).value))).toEqual(['1250.40', '820.40', '430.00', '12.50']);
    expect(['expenditure_total', 'basic', 'project'].map((k) => t(k).verified)).toEqual([true, true, true]);
    expect(t('basic').table).toBe('2023年预算情况说明');
  });

  it('does not take the appropriations\' 人员/公用 for the department\'s (they add up to 800.40, not its 820.40)', () => {
    expect(d.totals.has('personnel')).toBe(false);
    expect(d.totals.has('public_funds')).toBe(false);
  });

  it('says it read the narrative only', () => {
    expect(d.findings.map((f) => f.rule)).toContain('narrative-only');
  });

  it('still refuses text that is not a disclosure', () => {
    expect(() => parseDocument('会议纪要\n今天讨论了工作安排。', 'x.txt')).toThrow(DocumentError);
    expect(() => parseDocument('某某县文化和旅游局2023年部门预算\n详见附件。', 'x.txt')).toThrow(/没有读到主要数字/);
  });
});
