// One file holding a 部门 budget and then a unit's (本级) budget: two disclosures, each with its own
// name, scope and figures. Made-up document (sc_wuhou_mzj_2024.txt, ours) in the Sichuan layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { amount } from '../helpers/documents.js';

const file = 'sc_wuhou_mzj_2024.txt';
const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layouts', file), 'utf8');
/** The same file with some lines dropped (1-based, inclusive): the lines after them are renumbered. */
const without = (from: number, to: number) => text.split('\n').filter((_, i) => i + 1 < from || i + 1 > to).join('\n');
const identity = (d: ReturnType<typeof parseDocument>[number]) => [d.department, d.unitName, d.scope, d.year, d.lines[0]];
const headline = (d: ReturnType<typeof parseDocument>[number]) => ['expenditure_total', 'basic', 'project', 'personnel', 'public_funds'].map((k) => amount(d.totals.get(k as never)?.value));

describe('a 部门 budget followed by its 本级 单位 budget in one file', () => {
  const [dept, unit, ...rest] = parseDocument(text, file);

  it('reads two disclosures: the department, then the unit named （本级）', () => {
    expect(rest).toEqual([]);
    expect(identity(dept)).toEqual(['成都市武侯区民政局', null, '部门', 2024, 1]);
    expect(identity(unit)).toEqual(['成都市武侯区民政局', '成都市武侯区民政局（本级）', '单位', 2024, 527]);
    expect(unit.region).toBe('武侯区');
  });

  it('starts the unit part at its heading and cover lines, not at its 表1; the department keeps its running header', () => {
    expect(dept.lines).toEqual([1, 526]);
    // 527 "三、…本级2024年单位预算", 528 "…（本级）", 529 "2024年单位预算", 530 "表1".
    expect(unit.lines).toEqual([527, 958]);
  });

  it('gives each its own figures', () => {
    expect(headline(dept)).toEqual(['2042.34', '977.34', '1050.00', '874.54', '102.80']);
    expect(headline(unit)).toEqual(['1320.14', '605.14', '700.00', '542.34', '62.80']);
  });

  it('takes the unit scope from titles that start with 单位 when there is no cover', () => {
    const [, u] = parseDocument(without(527, 529), file);
    expect(identity(u)).toEqual(['成都市武侯区民政局', '成都市武侯区民政局（本级）', '单位', 2024, 527]);
    expect(headline(u)[0]).toBe('1320.14');
  });

  it('takes the unit scope from a name labelled （本级） when neither cover nor titles say 单位', () => {
    const plain = without(527, 529).replace(/^单位(收支总表|收入总表|支出总表)$/gm, '$1');
    const [, u] = parseDocument(plain, file);
    expect(identity(u)).toEqual(['成都市武侯区民政局', '成都市武侯区民政局（本级）', '单位', 2024, 527]);
  });

  it('keeps two parts it cannot tell apart as two, and says so', () => {
    const same = without(527, 529).replace(/^单位(收支总表|收入总表|支出总表)$/gm, '$1').replaceAll('（本级）', '');
    const [a, b] = parseDocument(same, file);
    expect([identity(a), identity(b)]).toEqual([['成都市武侯区民政局', null, '部门', 2024, 1], ['成都市武侯区民政局', null, '部门', 2024, 527]]);
    expect(headline(b)[0]).toBe('1320.14');
    expect(b.findings.find((f) => f.rule === 'metadata-disagree')?.message).toBe('第527行起的公开与第1行起的公开读出的部门、年度和范围相同，无法区分；两份分别载入');
  });
});
