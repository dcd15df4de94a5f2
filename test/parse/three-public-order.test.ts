// A 三公 table printing 公务接待费 before 因公出国 (湖南's template, found on ../shared/corpus2's 长沙
// documents): where the usual order fits no arithmetic, the header line's order is tried and taken
// when its arithmetic decides the row. Tested on our made-up 温州 fixture with its 三公 table reworded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';

const file = 'zj_lucheng_scjgj_2025.txt';
const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layouts', file), 'utf8');

it('reads 小计 | 公务接待费 | 因公出国 | 车辆 | 购置 | 运行 in the order its header prints', () => {
  const table = /项目 2024年预算数 2025年预算数 增减额\n[\s\S]*?3\.公务接待费 10\.50 9\.00 -1\.50\n/;
  expect(text).toMatch(table);
  const wide = text
    .replace(table, '                    三公经费预算数（财政拨款）\n部门名称        小计     公务接待费     因公出国（境）费     公务用车购置及运行费     其中：公务用车购置费     其中：公务用车运行费\n合计 38.00 8.00 7.00 23.00 3.00 20.00\n')
    // The 说明 states the 三公 too: without it, the figure must come from the table.
    .replace(/2025年“三公”经费预算数为38\.00万元[^\n]*\n公务接待费[^\n]*\n/, '');
  const [d] = parseDocument(wide, file);
  const t = d.threePublic!;
  expect([t.total, t.reception, t.outbound, t.vehicle, t.vehiclePurchase, t.vehicleOperation].map((v) => v?.toFixed(2))).toEqual(['38.00', '8.00', '7.00', '23.00', '3.00', '20.00']);
  expect(d.totals.get('three_public')).toMatchObject({ verified: true, table: '一般公共预算“三公”经费支出表' });
});

it('leaves 出国 and 接待 blank when the blanks are lost and both orders add up (小计 8 | 接待 3 | 车辆 5 = 2 + 3)', () => {
  const table = /项目 2024年预算数 2025年预算数 增减额\n[\s\S]*?3\.公务接待费 10\.50 9\.00 -1\.50\n/;
  const wide = text
    .replace(table, '                    三公经费预算数（财政拨款）\n部门名称        小计     公务接待费     因公出国（境）费     公务用车购置及运行费     其中：公务用车购置费     其中：公务用车运行费\n合计 8.00 3.00 5.00 2.00 3.00\n')
    .replace(/2025年“三公”经费预算数为38\.00万元[^\n]*\n公务接待费[^\n]*\n/, '');
  const [d] = parseDocument(wide, file);
  const t = d.threePublic!;
  expect([t.total, t.outbound, t.reception, t.vehicle].map((v) => v?.toFixed(2) ?? null)).toEqual(['8.00', null, null, '5.00']);
  expect(d.findings.some((f) => f.rule === 'three-public-columns' && f.message.includes('无法判定因公出国（境）费、公务接待费'))).toBe(true);
});

it('never takes an unlabelled 栏次 row (1 2 3 … 6, as 决算 print under their headers) for the amounts', () => {
  const table = /项目 2024年预算数 2025年预算数 增减额\n[\s\S]*?3\.公务接待费 10\.50 9\.00 -1\.50\n/;
  const wide = text
    .replace(table, '合计     因公出国（境）费     公务用车购置及运行维护费     公务用车购置费     公务用车运行维护费     公务接待费\n1     2     3     4     5     6\n38.00 6.00 23.00 0.00 23.00 9.00\n')
    .replace(/2025年“三公”经费预算数为38\.00万元[^\n]*\n公务接待费[^\n]*\n/, '');
  const [d] = parseDocument(wide, file);
  expect(d.threePublic!.total?.toFixed(2)).toBe('38.00');
  expect(d.totals.get('three_public')).toMatchObject({ verified: true, table: '一般公共预算“三公”经费支出表' });
});

it('reads a 三公 list whose items are worded …支出 (广东: "（一）因公出国（境）支出", "（三）公务接待费支出")', () => {
  const list = text
    .replace('1.因公出国（境）费 8.00 6.00 -2.00', '其中：（一）因公出国（境）支出 8.00 6.00 -2.00')
    .replace('3.公务接待费 10.50 9.00 -1.50', '（三）公务接待费支出 10.50 9.00 -1.50')
    .replace(/2025年“三公”经费预算数为38\.00万元[^\n]*\n公务接待费[^\n]*\n/, '');
  expect(list).toContain('（三）公务接待费支出');
  const t = parseDocument(list, file)[0].threePublic!;
  expect([t.total, t.outbound, t.vehicle, t.reception].map((v) => v?.toFixed(2) ?? null)).toEqual(['38.00', '6.00', '23.00', '9.00']);
});

it('a two-year 三公 row with its blank cells lost (烟台: four numbers under 2024年 | 2025年) gives this year\'s total', () => {
  const table = /项目 2024年预算数 2025年预算数 增减额\n[\s\S]*?3\.公务接待费 10\.50 9\.00 -1\.50\n/;
  const wide = text
    .replace(table, '                2024年预算数                                          2025年预算数\n  合计   因公出国（境）费   公务用车购置及运行维护费   公务接待费   合计   因公出国（境）费   公务用车购置及运行维护费   公务接待费\n  9.00   9.00   8.00   8.00\n')
    .replace(/2025年“三公”经费预算数为38\.00万元[^\n]*\n公务接待费[^\n]*\n/, '');
  const [d] = parseDocument(wide, file);
  expect(d.threePublic!.total?.toFixed(2)).toBe('8.00');
  expect(d.totals.get('three_public')?.value.toFixed(2)).toBe('8.00');
  // The finding names the items left open, not 购置/运行 by default.
  expect(d.findings.find((f) => f.rule === 'three-public-columns')?.message).toBe('“三公”经费表有空白栏，表内勾稽无法判定因公出国（境）费、公务接待费各是多少');
});
