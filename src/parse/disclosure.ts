// One disclosure from one segment of a document: its metadata, figures and findings, all with
// provenance. Table figures win; the narrative fills what no table prints and is checked against them.
import type { Meta } from './segment/metadata.js';
import { parseProjects } from './read/projects.js';
import { passagesOf, statedAssets, statedChanges, statedClassFigures, statedTotals } from './read/narrative.js';
import {
  ECONOMIC_PARTS, ECONOMIC_ROLES, ECONOMIC_TABLES, firstCodedTable, FUNCTION_PARTS, FUNCTION_ROLES, FUNCTION_TABLES,
  labelValuesOf, readCodedTable, readThreePublic, tablesOf, type CodedTable, type ReadContext,
} from './read/read-tables.js';
import { checkClassLines, checkHierarchy, checkSameCode, checkThreePublic, differ, economicRows, functionRows } from './check/checks.js';
import { bareLabel, findLabel } from './read/label-values.js';
import { agrees, FEN_ROUNDING, ROUNDING, statedPrecision, withRounding, YUAN_ROUNDING } from './amount.js';
import { checkProjectList, corroborate, verifiedRows, type Evidence } from './reconcile/corroborate.js';
import { parentIndexes } from './reconcile/infer-columns.js';
import { TABLE_TOTALS } from './template/catalog.js';
import { ruleOf } from './template/rules.js';
import { totalsFromSummary } from './read/totals.js';
import type { Decimal } from 'decimal.js';
import type { Disclosure, EconomicItem, Finding, FunctionItem, SourceUnit, Total, TotalKey } from './types.js';

export function buildDisclosure(source: string, ctx: ReadContext, meta: Meta & { department: string; year: number }): Disclosure {
  const rounding = dominantUnit(ctx) === '万元' ? ROUNDING : ctx.twoDecimals ? FEN_ROUNDING : YUAN_ROUNDING;
  return withRounding(rounding, () => readDisclosure(source, ctx, meta));
}

function readDisclosure(source: string, ctx: ReadContext, meta: Meta & { department: string; year: number }): Disclosure {
  const findings: Finding[] = [...meta.findings];
  const totals = new Map<TotalKey, Total>();
  const put = (t: Total) => { if (!totals.has(t.key)) totals.set(t.key, t); };

  // The 收支总表 first; the 财政拨款收支总表 and 收入总表 fill what a mangled layout left unread there.
  const summaries = tablesOf(ctx, 'summary', 'fiscal_summary', 'income').map((table) => totalsFromSummary(labelValuesOf(ctx, table), table.title));
  summaries.forEach((read) => read.forEach(put));

  const fn = firstCodedTable(ctx, FUNCTION_TABLES, FUNCTION_ROLES, FUNCTION_PARTS);
  const functionItems: FunctionItem[] = (fn?.rows ?? []).map((r) => ({ code: r.code!, name: r.name, total: r.total, basic: r.parts[0], project: r.parts[1], table: fn!.table.title, line: r.line, ...(r.lines ? { lines: r.lines } : {}) }));
  if (fn?.root) {
    const at = { table: fn.table.title, line: fn.root.line };
    if (fn.root.parts[0]) totals.set('basic', { key: 'basic', value: fn.root.parts[0], ...at });
    if (fn.root.parts[1]) totals.set('project', { key: 'project', value: fn.root.parts[1], ...at });
  }
  if (!totals.has('basic') && !totals.has('project')) splitFromFiscalTable(ctx, summaries.flat()).forEach(put);
  const econ = firstCodedTable(ctx, ECONOMIC_TABLES, ECONOMIC_ROLES, ECONOMIC_PARTS);
  const economicItems: EconomicItem[] = (econ?.rows ?? []).map((r) => ({ code: r.code!, name: r.name, total: r.total, personnel: r.parts[0], publicFunds: r.parts[1], table: econ!.table.title, line: r.line, ...(r.lines ? { lines: r.lines } : {}) }));
  if (econ?.root) {
    const at = { table: econ.table.title, line: econ.root.line };
    if (econ.root.parts[0]) put({ key: 'personnel', value: econ.root.parts[0], ...at });
    if (econ.root.parts[1]) put({ key: 'public_funds', value: econ.root.parts[1], ...at });
  }

  // Labelled totals other tables print (a 决算's "人员经费合计 … 公用经费合计 …"), where the rows gave none.
  for (const entry of TABLE_TOTALS) {
    if (totals.has(entry.key)) continue;
    for (const table of tablesOf(ctx, entry.kind)) {
      const hit = findLabel(labelValuesOf(ctx, table), entry.patterns);
      if (hit?.values[0]) { put({ key: entry.key, value: hit.values[0], table: table.title, line: hit.line }); break; }
    }
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
    const f = differ('narrative-vs-table', assetTable.table, assets.line, '固定资产', ['说明文字', assets.value], ['资产表', assetTable.value], statedPrecision(assets.value));
    if (f) findings.push(f);
  }

  findings.push(...undeclaredUnits(ctx));
  markRows(ctx, fn, functionItems, (i) => [i.basic, i.project]);
  markRows(ctx, econ, economicItems, (i) => [i.personnel, i.publicFunds]);
  const evidence: Evidence = {
    totals, functionRoot: fn?.root?.total ?? null, economicRoot: econ?.root?.total ?? null, stated, threePublic: three?.value ?? null,
    elsewhere: otherTablesCopies(summaries, totals),
    unitsDeclared: ctx.tables.some((t) => t.unitDeclared),
  };
  const { verified, finding: unverifiedNote } = corroborate(evidence, ctx.lines[0]?.no ?? 1);
  for (const t of totals.values()) t.verified = verified.has(t.key);
  if (unverifiedNote) findings.push(unverifiedNote);
  const projectList = checkProjectList(projects.projects, totals.get('project'));
  if (projectList) findings.push(projectList);

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

/**
 * The narrative's figure for a 类 against the class rows of the function tables: it agrees with one of
 * them (the all-funds or the 一般公共预算 table, whichever it speaks of), or both numbers are said.
 */
function checkStatedClasses(ctx: ReadContext): (Finding | null)[] {
  const classRows = [...tablesOf(ctx, 'expenditure'), ...tablesOf(ctx, 'general_budget_expenditure'), ...tablesOf(ctx, 'fiscal_expenditure')]
    .flatMap((t) => readCodedTable(ctx, t, FUNCTION_ROLES, FUNCTION_PARTS).rows.filter((r) => r.code?.length === 3 && r.total).map((r) => ({ ...r, table: t.title })));
  // The 收支总表s print each 类 as an enumerated line too ("二、公共安全支出 13,656.34"): the narrative may speak of those.
  const summaryLines = tablesOf(ctx, 'summary', 'fiscal_summary').flatMap((t) => labelValuesOf(ctx, t).map((p) => ({ ...p, table: t.title })))
    .filter((p) => p.values[0] && /^(?:[一二三四五六七八九十廿]{1,3}、|[（(][一二三四五六七八九十廿]{1,3}[)）])/.test(p.label) && /支出$/.test(bareLabel(p.label)) && !/^(?:基本|项目|本年|当年)/.test(bareLabel(p.label)));
  if (classRows.length === 0 && summaryLines.length === 0) return [];
  return statedClassFigures(ctx.lines, [...classRows.map((r) => r.name), ...summaryLines.map((p) => bareLabel(p.label))]).map((s) => {
    const rows = classRows.filter((r) => r.name.replace(/支出$/, '') === s.name);
    const printed = [...rows.map((r) => r.total!), ...summaryLines.filter((p) => bareLabel(p.label).replace(/支出$/, '') === s.name).map((p) => p.values[0])];
    if (printed.some((v) => agrees(v, s.value, statedPrecision(s.value)))) return null;
    const r = rows[0];
    const line = summaryLines.find((p) => bareLabel(p.label).replace(/支出$/, '') === s.name);
    const [table, where, value] = r ? [r.table, `「${r.table}」科目 ${r.code}`, r.total!] : [line!.table, `「${line!.table}」`, line!.values[0]];
    return differ('narrative-vs-table', table, s.line, `${s.name}（类）支出`, ['说明文字', s.value], [where, value], statedPrecision(s.value));
  });
}

/**
 * Tables that print no unit were read in the unit the document's other tables declare: said, and where
 * no table declares one at all, a warning — the figures then agree with each other whatever the unit.
 */
function undeclaredUnits(ctx: ReadContext): Finding[] {
  const silent = ctx.tables.filter((t) => !t.unitDeclared && !t.empty);
  if (silent.length === 0) return [];
  const line = ctx.lines[silent[0].start].no;
  if (silent.length === ctx.tables.filter((t) => !t.empty).length) {
    return [{ rule: 'unit-undeclared', severity: 'warning', table: '全文', line, message: `文件中的表格都没有注明金额单位，按${silent[0].unit}读取；只有与说明文字一致的数字视为已核对` }];
  }
  return silent.map((t) => ({ rule: 'unit-undeclared', severity: 'info', table: t.title, line: ctx.lines[t.start].no, message: `「${t.title}」未注明金额单位，按文件其他表格的${t.unit}读取` }));
}

/** Marks each coded row verified or not: its own arithmetic, its place in the hierarchy, another table. */
function markRows<T extends { code: string; total: Decimal | null; verified?: boolean }>(ctx: ReadContext, read: CodedTable | null, items: T[], partsOf: (i: T) => [Decimal | null, Decimal | null]): void {
  if (!read) return;
  const rows = [
    ...(read.root ? [{ code: null, total: read.root.total, parts: read.root.parts }] : []),
    ...items.map((i) => ({ code: i.code, total: i.total, parts: partsOf(i) })),
  ];
  const elsewhere = new Map<string, Decimal[]>();
  const kinds = read.table.kind === 'basic_expenditure' ? ['basic_expenditure', 'economic_summary'] as const : ['expenditure', 'general_budget_expenditure', 'fiscal_expenditure'] as const;
  const [roles, parts] = read.table.kind === 'basic_expenditure' ? [ECONOMIC_ROLES, ECONOMIC_PARTS] as const : [FUNCTION_ROLES, FUNCTION_PARTS] as const;
  for (const t of tablesOf(ctx, ...kinds)) {
    if (t === read.table) continue;
    for (const r of readCodedTable(ctx, t, roles, parts).rows) if (r.code && r.total) elsewhere.set(r.code, [...(elsewhere.get(r.code) ?? []), r.total]);
  }
  const ok = verifiedRows(rows, parentIndexes(rows), elsewhere);
  const offset = read.root ? 1 : 0;
  items.forEach((item, i) => { item.verified = ok[i + offset]; });
}

/**
 * 基本/项目 from a fiscal-funds function table (一般公共预算/财政拨款支出表) when the all-funds table does not
 * print them — only where that table's total equals the year's whole spending, so the split covers every
 * fund (a department with other income would otherwise get its fiscal split as its whole one).
 */
function splitFromFiscalTable(ctx: ReadContext, summaryTotals: Total[]): Total[] {
  const spending = summaryTotals.find((t) => t.key === 'expenditure_total')?.value;
  const yearSpending = labelYearSpending(ctx) ?? spending;
  for (const t of [...tablesOf(ctx, 'general_budget_expenditure'), ...tablesOf(ctx, 'fiscal_expenditure')]) {
    const root = readCodedTable(ctx, t, FUNCTION_ROLES, FUNCTION_PARTS).root;
    if (!root?.total || !root.parts[0] || !root.parts[1] || !yearSpending || !agrees(root.total, yearSpending)) continue;
    if (!agrees(root.total, root.parts[0].plus(root.parts[1]))) continue;
    const at = { table: t.title, line: root.line };
    return [{ key: 'basic', value: root.parts[0], ...at }, { key: 'project', value: root.parts[1], ...at }];
  }
  return [];
}

/** 本年支出合计 as the 收支总表 prints it (a 决算's 支出总计 also counts what is carried forward). */
function labelYearSpending(ctx: ReadContext): Decimal | null {
  for (const table of tablesOf(ctx, 'summary')) {
    const hit = findLabel(labelValuesOf(ctx, table), [/^(?:本年|当年)支出合计$/]);
    if (hit?.values[0]) return hit.values[0];
  }
  return null;
}

/** Each total's value as the other summary tables print it (a second table printing the same figure confirms it). */
function otherTablesCopies(summaries: Total[][], totals: Map<TotalKey, Total>): Partial<Record<TotalKey, Decimal[]>> {
  const out: Partial<Record<TotalKey, Decimal[]>> = {};
  for (const read of summaries) {
    for (const t of read) {
      const chosen = totals.get(t.key);
      if (chosen && chosen.table !== t.table) (out[t.key] ??= []).push(t.value);
    }
  }
  return out;
}

function dominantUnit(ctx: ReadContext): SourceUnit {
  const yuan = ctx.tables.filter((t) => t.unit === '元').length;
  return yuan > ctx.tables.length / 2 ? '元' : '万元';
}

/** Each finding once, with the severity the table of rules gives its rule. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.message) && (seen.add(f.message), true)).map((f) => ({ ...f, severity: ruleOf(f.rule)?.severity ?? f.severity }));
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
  out.push(...checkStatedClasses(ctx));
  for (const s of stated) {
    const t = totals.get(s.key);
    const what = NARRATIVE_CHECKED[s.key];
    if (t && what && t.line !== s.line) out.push(differ('narrative-vs-table', t.table, s.line, what, ['说明文字', s.value], [`「${t.table}」`, t.value], statedPrecision(s.value)));
  }
  return out.filter((f): f is Finding => f !== null);
}
