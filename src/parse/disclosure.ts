// One disclosure from one segment of a document: its metadata, figures and findings, all with
// provenance. Table figures win; the narrative fills what no table prints and is checked against them.
import type { Meta } from './detect.js';
import { parseProjects } from './projects.js';
import { passagesOf, statedAssets, statedChanges, statedTotals } from './narrative.js';
import {
  ECONOMIC_PARTS, ECONOMIC_ROLES, ECONOMIC_TABLES, firstCodedTable, FUNCTION_PARTS, FUNCTION_ROLES, FUNCTION_TABLES,
  labelValuesOf, readCodedTable, readThreePublic, tablesOf, type CodedTable, type ReadContext,
} from './read-tables.js';
import { checkClassLines, checkHierarchy, checkSameCode, checkThreePublic, differ, economicRows, functionRows } from './reconcile.js';
import { totalsFromSummary } from './totals.js';
import type { Disclosure, EconomicItem, Finding, FunctionItem, SourceUnit, Total, TotalKey } from './types.js';

export function buildDisclosure(source: string, ctx: ReadContext, meta: Meta & { department: string; year: number }): Disclosure {
  const findings: Finding[] = [];
  const totals = new Map<TotalKey, Total>();
  const put = (t: Total) => { if (!totals.has(t.key)) totals.set(t.key, t); };

  // The 收支总表 first; the 财政拨款收支总表 and 收入总表 fill what a mangled layout left unread there.
  for (const table of tablesOf(ctx, 'summary', 'fiscal_summary', 'income')) {
    totalsFromSummary(labelValuesOf(ctx, table), table.title).forEach(put);
  }

  const fn = firstCodedTable(ctx, FUNCTION_TABLES, FUNCTION_ROLES, FUNCTION_PARTS);
  const functionItems: FunctionItem[] = (fn?.rows ?? []).map((r) => ({ code: r.code!, name: r.name, total: r.total, basic: r.parts[0], project: r.parts[1], table: fn!.table.title, line: r.line }));
  if (fn?.root) {
    const at = { table: fn.table.title, line: fn.root.line };
    if (fn.root.parts[0]) totals.set('basic', { key: 'basic', value: fn.root.parts[0], ...at });
    if (fn.root.parts[1]) totals.set('project', { key: 'project', value: fn.root.parts[1], ...at });
  }
  const econ = firstCodedTable(ctx, ECONOMIC_TABLES, ECONOMIC_ROLES, ECONOMIC_PARTS);
  const economicItems: EconomicItem[] = (econ?.rows ?? []).map((r) => ({ code: r.code!, name: r.name, total: r.total, personnel: r.parts[0], publicFunds: r.parts[1], table: econ!.table.title, line: r.line }));
  if (econ?.root) {
    const at = { table: econ.table.title, line: econ.root.line };
    if (econ.root.parts[0]) put({ key: 'personnel', value: econ.root.parts[0], ...at });
    if (econ.root.parts[1]) put({ key: 'public_funds', value: econ.root.parts[1], ...at });
  }

  const vehicleOperation = economicItems.find((e) => e.code === '30231')?.total ?? undefined;
  const three = readThreePublic(ctx, { vehicleOperation });
  if (three?.value.total) put({ key: 'three_public', value: three.value.total, table: three.value.table, line: three.value.line });

  // The 机关运行经费 table's 合计 (its rows are economic subjects already read elsewhere). The header
  // may run into the 合计 row's label; the citation is the line that prints 合计.
  for (const table of tablesOf(ctx, 'operating_cost')) {
    const hit = labelValuesOf(ctx, table).find((p) => /合计$/.test(p.label.replace(/\s+/g, '')) && p.values[0]);
    const line = ctx.lines.slice(table.start, table.end).find((l) => /^合计/.test(l.text.trim()))?.no ?? hit?.line;
    if (hit && line) put({ key: 'operating_cost', value: hit.values[0], table: table.title, line });
  }

  const narrativeTitle = `${meta.year}年${meta.kind}情况说明`;
  const stated = statedTotals(ctx.lines, narrativeTitle);
  for (const t of stated) if (['procurement_total', 'assets_total'].includes(t.key) || !totals.has(t.key)) put(t);
  const projects = parseProjects(ctx.lines, ctx.layout, dominantUnit(ctx), tablesOf(ctx, 'projects').map((t) => ({ title: t.title, start: t.start, end: t.end })));

  findings.push(...fn?.findings ?? [], ...econ?.findings ?? [], ...three?.findings ?? []);
  findings.push(...crossChecks(ctx, totals, fn, econ, stated));
  if (fn) findings.push(...checkHierarchy(functionRows(functionItems, fn.root && { total: fn.root.total, basic: fn.root.parts[0], project: fn.root.parts[1], line: fn.root.line }), FUNCTION_PARTS, 'function'));
  if (econ) findings.push(...checkHierarchy(economicRows(economicItems, econ.root && { total: econ.root.total, personnel: econ.root.parts[0], publicFunds: econ.root.parts[1], line: econ.root.line }), ECONOMIC_PARTS, 'economic'));
  if (three) findings.push(...checkThreePublic(three.value));
  const assets = statedAssets(ctx.lines);
  const assetTable = totals.get('assets_total');
  if (assets && assetTable && assetTable.line !== assets.line) {
    const f = differ('narrative-vs-table', assetTable.table, assets.line, '固定资产', ['说明文字', assets.value], ['资产表', assetTable.value]);
    if (f) findings.push(f);
  }

  // Say what could not be read rather than leave a silent gap.
  const unread = CORE_FIGURES.filter(([key]) => !totals.has(key)).map(([, name]) => name);
  if (fn === null) unread.push('支出功能分类明细');
  if (unread.length) {
    findings.push({ rule: 'not-read', severity: 'warning', table: '全文', line: ctx.lines[0]?.no ?? 1, message: `未能从文件中读出：${unread.join('、')}` });
  }

  const tableLines = new Set(ctx.tables.flatMap((t) => ctx.lines.slice(t.start, t.end).map((l) => l.no)));
  return {
    source, department: meta.department, unitName: meta.unitName, region: meta.region, year: meta.year,
    kind: meta.kind, scope: meta.scope, unit: dominantUnit(ctx),
    lines: [ctx.lines[0]?.no ?? 1, ctx.lines[ctx.lines.length - 1]?.no ?? 1],
    totals, functionItems, economicItems, threePublic: three?.value ?? null,
    projects: projects.projects, targets: projects.targets,
    changes: statedChanges(ctx.lines, meta.year, narrativeTitle),
    findings: dedupe(findings),
    passages: passagesOf(ctx.lines.filter((l) => !tableLines.has(l.no))),
    tables: ctx.tables.map((t) => ({ title: t.title, kind: t.kind, line: ctx.lines[t.start].no, empty: t.empty })),
  };
}

const CORE_FIGURES: [TotalKey, string][] = [
  ['income_total', '收入总计'], ['expenditure_total', '支出总计'], ['basic', '基本支出'], ['project', '项目支出'], ['three_public', '“三公”经费'],
];

const NARRATIVE_CHECKED: Partial<Record<TotalKey, string>> = {
  personnel: '人员经费', public_funds: '公用经费', basic: '基本支出', project: '项目支出', expenditure_total: '支出总计', three_public: '“三公”经费',
};

function dominantUnit(ctx: ReadContext): SourceUnit {
  const yuan = ctx.tables.filter((t) => t.unit === '元').length;
  return yuan > ctx.tables.length / 2 ? '元' : '万元';
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.message) && (seen.add(f.message), true));
}

/** Checks across tables, and of the narrative against the tables. */
function crossChecks(ctx: ReadContext, totals: Map<TotalKey, Total>, fn: CodedTable | null, econ: CodedTable | null, stated: Total[]): Finding[] {
  const out: (Finding | null)[] = [];
  const income = totals.get('income_total');
  const spend = totals.get('expenditure_total');
  if (income && spend) out.push(differ('income-expenditure', income.table, income.line, '收支总表', ['收入总计', income.value], ['支出总计', spend.value]));
  const basic = totals.get('basic');
  const appropriation = totals.get('general_budget_appropriation');
  // The basic-expenditure table covers fiscal appropriations only; where the document also has other
  // funds, it may be smaller than the all-funds 基本支出, never larger.
  const otherFunds = income && appropriation && !income.value.minus(totals.get('carryover')?.value ?? 0).minus(appropriation.value).abs().lte(0.01);
  if (basic && econ?.root?.total && (!otherFunds || econ.root.total.gt(basic.value.plus(0.01)))) {
    out.push(differ('basic-vs-economic', econ.table.title, econ.root.line, '基本支出', [`「${basic.table}」`, basic.value], [`「${econ.table.title}」合计`, econ.root.total]));
  }
  // The summary tables' class lines against the coded rows of the table covering the same funds.
  const allFunds = firstCodedTable(ctx, ['expenditure'], FUNCTION_ROLES, FUNCTION_PARTS);
  const fiscal = firstCodedTable(ctx, ['general_budget_expenditure', 'fiscal_expenditure'], FUNCTION_ROLES, FUNCTION_PARTS);
  for (const [kind, coded] of [['summary', allFunds], ['fiscal_summary', fiscal]] as const) {
    if (!coded || coded.rows.length === 0) continue;
    for (const table of tablesOf(ctx, kind)) out.push(...checkClassLines(labelValuesOf(ctx, table), table.title, coded));
  }
  // The same codes in the other function tables.
  if (fn) {
    for (const t of [...tablesOf(ctx, 'general_budget_expenditure'), ...tablesOf(ctx, 'fiscal_expenditure')]) {
      if (t === fn.table) continue;
      const other = readCodedTable(ctx, t, FUNCTION_ROLES, FUNCTION_PARTS);
      const asItems = (c: CodedTable) => c.rows.map((r) => ({ code: r.code!, name: r.name, total: r.total, table: c.table.title, line: r.line }));
      out.push(...checkSameCode(asItems(fn), asItems(other)));
    }
  }
  for (const s of stated) {
    const t = totals.get(s.key);
    const what = NARRATIVE_CHECKED[s.key];
    if (t && what && t.line !== s.line) out.push(differ('narrative-vs-table', t.table, s.line, what, ['说明文字', s.value], [`「${t.table}」`, t.value]));
  }
  return out.filter((f): f is Finding => f !== null);
}
