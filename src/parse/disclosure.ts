// One disclosure from one segment of a document: its metadata, figures and findings, all with
// provenance. Table figures win; the narrative fills what no table prints and is checked against them.
import type { Meta } from './segment/metadata.js';
import { parseProjects } from './read/projects.js';
import { passagesOf, statedAssets, statedChanges, statedTotals } from './read/narrative.js';
import {
  ECONOMIC_PARTS, ECONOMIC_ROLES, ECONOMIC_TABLES, firstCodedTable, FUNCTION_PARTS, FUNCTION_ROLES, FUNCTION_TABLES,
  labelValuesOf, readCodedTable, readThreePublic, tablesOf, yearColumnsOf, type CodedTable, type ReadContext,
} from './read/read-tables.js';
import { checkHierarchy, checkThreePublic, differ, economicRows, functionRows } from './check/checks.js';
import { findLabel } from './read/label-values.js';
import { agrees, FEN_ROUNDING, ROUNDING, statedPrecision, withRounding, YUAN_ROUNDING } from './amount.js';
import { checkProjectList, corroborate, IDENTITIES, verifiedRows, type Evidence } from './reconcile/corroborate.js';
import { parentIndexes, type Placed } from './reconcile/infer-columns.js';
import { TABLE_TOTALS } from './template/catalog.js';
import { ruleOf } from './template/rules.js';
import { totalsFromSummary } from './read/totals.js';
import { statedExecutions } from './read/execution.js';
import { crossChecks, undeclaredUnits } from './check/cross-checks.js';
import { singleFund } from './reconcile/funds.js';
import type { Decimal } from 'decimal.js';
import type { Disclosure, EconomicItem, Finding, FunctionItem, SourceUnit, Total, TotalKey } from './types.js';

export function buildDisclosure(source: string, ctx: ReadContext, meta: Meta & { department: string; year: number }): Disclosure {
  const rounding = dominantUnit(ctx) === '万元' ? ROUNDING : ctx.twoDecimals ? FEN_ROUNDING : YUAN_ROUNDING;
  return withRounding(rounding, () => readDisclosure(source, ctx, meta));
}

/** A row the table prints on several lines: every line cited, and each line's own figures kept. */
const repeatedOf = (r: Placed) => (r.printed ? { lines: r.lines, printedRows: r.printed } : {});

function readDisclosure(source: string, ctx: ReadContext, meta: Meta & { department: string; year: number }): Disclosure {
  const findings: Finding[] = [...meta.findings];
  const totals = new Map<TotalKey, Total>();
  const put = (t: Total) => { if (!totals.has(t.key)) totals.set(t.key, t); };

  // The 收支总表 first; the 财政拨款收支总表 and 收入总表 fill what a mangled layout left unread there.
  const summaryTables = tablesOf(ctx, 'summary', 'fiscal_summary', 'income');
  const summaries = summaryTables.map((table) => totalsFromSummary(labelValuesOf(ctx, table), table.title, yearColumnsOf(ctx, table), table.kind));
  // The 财政拨款收支总表 covers appropriations only: where a 收支总表 is printed, its 总计 is not the department's.
  // (Unless the two agree on the year's spending: then every yuan is appropriated and the totals are one.)
  const spendingOf = (kind: string) => summaries.find((_, i) => summaryTables[i].kind === kind)?.find((t) => t.key === 'expenditure_total')?.value;
  const [whole, fiscal] = [spendingOf('summary'), spendingOf('fiscal_summary')];
  const partial = summaryTables.some((t) => t.kind === 'summary') && !(whole && fiscal && agrees(whole, fiscal));
  summaryTables.forEach((table, i) => {
    const wholeOnly = partial && table.kind === 'fiscal_summary';
    summaries[i].filter((t) => !(wholeOnly && WHOLE_DEPARTMENT.includes(t.key))).forEach(put);
  });

  const fn = firstCodedTable(ctx, FUNCTION_TABLES, FUNCTION_ROLES, FUNCTION_PARTS);
  const functionItems: FunctionItem[] = (fn?.rows ?? []).map((r) => ({ code: r.code!, name: r.name, total: r.total, basic: r.parts[0], project: r.parts[1], table: fn!.table.title, line: r.line, ...repeatedOf(r) }));
  if (fn?.root) {
    const at = { table: fn.table.title, line: fn.root.line };
    if (fn.root.parts[0]) totals.set('basic', { key: 'basic', value: fn.root.parts[0], ...at });
    if (fn.root.parts[1]) totals.set('project', { key: 'project', value: fn.root.parts[1], ...at });
  }
  if (!totals.has('basic') && !totals.has('project')) splitFromFiscalTable(ctx, summaries.flat()).forEach(put);
  // 一般公共预算支出: the 合计 of its own table (the function table itself where no 支出总表 came first).
  // Never a 决算's 一般公共预算财政拨款收入支出决算表: its columns are 结转, 收入 and 支出 side by side,
  // and a 收入 column read as the total would even agree with the income side's 一般公共预算拨款.
  const generalTable = tablesOf(ctx, 'general_budget_expenditure').find((t) => !/收入/.test(t.title));
  const general = generalTable && (fn?.table === generalTable ? fn : readCodedTable(ctx, generalTable, FUNCTION_ROLES, FUNCTION_PARTS));
  if (general?.root?.total) put({ key: 'general_budget_expenditure', value: general.root.total, table: general.table.title, line: general.root.line });
  const generalBudgetParts = general?.root?.parts;
  const econ = firstCodedTable(ctx, ECONOMIC_TABLES, ECONOMIC_ROLES, ECONOMIC_PARTS);
  const economicItems: EconomicItem[] = (econ?.rows ?? []).map((r) => ({ code: r.code!, name: r.name, total: r.total, personnel: r.parts[0], publicFunds: r.parts[1], table: econ!.table.title, line: r.line, ...repeatedOf(r) }));
  // The all-funds 支出总表's own 人员/公用 split first: the 基本支出表 may cover appropriations only.
  if (fn?.rootSplit && fn.root && fn.table.kind === 'expenditure') {
    const at = { table: fn.table.title, line: fn.root.line };
    put({ key: 'personnel', value: fn.rootSplit[0], ...at });
    put({ key: 'public_funds', value: fn.rootSplit[1], ...at });
  }
  if (econ?.root) {
    const at = { table: econ.table.title, line: econ.root.line };
    if (econ.root.parts[0]) put({ key: 'personnel', value: econ.root.parts[0], ...at });
    if (econ.root.parts[1]) put({ key: 'public_funds', value: econ.root.parts[1], ...at });
  }

  // Labelled totals other tables print (a 决算's "人员经费合计 … 公用经费合计 …"), where the rows gave none.
  for (const entry of TABLE_TOTALS) {
    if (totals.has(entry.key)) continue;
    for (const table of tablesOf(ctx, entry.kind)) {
      // A section label counts below the table's 合计 row only (above it, the same words head columns).
      const totalLine = entry.belowTotal ? readCodedTable(ctx, table, ECONOMIC_ROLES, ECONOMIC_PARTS).root?.line : undefined;
      if (entry.belowTotal && totalLine === undefined) continue;
      const hit = findLabel(labelValuesOf(ctx, table).filter((p) => p.values.length > 0 && (totalLine === undefined || p.line > totalLine)), entry.patterns);
      if (hit?.values[0]) { put({ key: entry.key, value: hit.values[0], table: table.title, line: hit.line }); break; }
    }
  }

  const vehicleOperation = economicItems.find((e) => e.code === '30231')?.total ?? undefined;
  const three = readThreePublic(ctx, { vehicleOperation });
  if (three?.value.total) put({ key: 'three_public', value: three.value.total, table: three.value.table, line: three.value.line });
  if (three?.operating) put({ key: 'operating_cost', value: three.operating, table: three.value.table, line: three.value.line });

  // The 机关运行经费 table's 合计 (its rows are economic subjects already read elsewhere). The header
  // may run into the 合计 row's label; the citation is the line that prints 合计.
  for (const table of tablesOf(ctx, 'operating_cost')) {
    const hit = labelValuesOf(ctx, table).find((p) => /合计$/.test(p.label.replace(/\s+/g, '')) && p.values[0]);
    const line = ctx.lines.slice(table.start, table.end).find((l) => /^合计/.test(l.text.trim()))?.no ?? hit?.line;
    if (hit && line) put({ key: 'operating_cost', value: hit.values[0], table: table.title, line });
  }

  const narrativeTitle = `${meta.year}年${meta.kind}情况说明`;
  const stated = statedTotals(ctx.lines, narrativeTitle, { year: meta.year, kind: meta.kind });
  // The 基本支出表 may cover appropriations only: where its 合计 is not the department's 基本支出 and the
  // narrative states a 人员/公用 pair adding up to that 基本支出, the pair is the department's.
  preferWholeSplit(totals, econ, stated);

  // A figure stated for one fund fills a gap only where the department has no other funds, or where
  // an identity with the department's own figures shows it is the whole (人员 + 公用 = the 总表's 基本).
  const oneFund = singleFund(totals);
  for (const t of stated) if (['procurement_total', 'assets_total'].includes(t.key) || (!totals.has(t.key) && (!t.fundsOnly || oneFund))) put(t);
  for (const t of fundsOnlyMatchingTheWhole(stated, totals)) put(t);
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
    totals, functionRoot: fn?.root?.total ?? null, economicRoot: econ?.root?.total ?? null, generalBudgetParts, stated, threePublic: three?.value ?? null,
    splitFromEconomicRoot: Boolean(econ?.root && totals.get('personnel')?.table === econ.table.title && totals.get('personnel')?.line === econ.root.line),
    elsewhere: otherTablesCopies(summaries, totals),
    // A narrative states each amount with its unit: without tables, its figures' identities hold at their own scale.
    unitsDeclared: ctx.tables.length === 0 || ctx.tables.some((t) => t.unitDeclared),
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
    ...(meta.kind === '决算' ? { executions: statedExecutions(ctx.lines, meta.year, narrativeTitle) } : {}),
    findings: dedupe(findings),
    passages: passagesOf(ctx.lines.filter((l) => !tableLines.has(l.no))),
    tables: ctx.tables.map((t) => ({ title: t.title, kind: t.kind, line: ctx.lines[t.start].no, empty: t.empty })),
  };
}

/** Totals of the department's every fund, which a table of appropriations alone does not state. */
const WHOLE_DEPARTMENT: TotalKey[] = ['income_total', 'expenditure_total', 'basic', 'project'];

const CORE_FIGURES: [TotalKey, string][] = [
  ['income_total', '收入总计'], ['expenditure_total', '支出总计'], ['basic', '基本支出'], ['project', '项目支出'], ['three_public', '“三公”经费'],
];

/** Marks each coded row verified or not: its own arithmetic, its place in the hierarchy, another table. */
function markRows<T extends { code: string; total: Decimal | null; verified?: boolean }>(ctx: ReadContext, read: CodedTable | null, items: T[], partsOf: (i: T) => [Decimal | null, Decimal | null]): void {
  if (!read) return;
  const onePrinted = new Set(read.rows.filter((r) => r.onePrinted && r.code).map((r) => r.code!));
  const rows = [
    ...(read.root ? [{ code: null, total: read.root.total, parts: read.root.parts }] : []),
    // A row of one printed amount whose halves its panel placed (total = itself + 0) is not its own check.
    ...items.map((i) => ({ code: i.code, total: i.total, parts: onePrinted.has(i.code) ? [null, null] as [null, null] : partsOf(i) })),
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


/** One-fund statements that an identity with figures already read shows to be the department's whole. */
function fundsOnlyMatchingTheWhole(stated: Total[], totals: Map<TotalKey, Total>): Total[] {
  const open = stated.filter((t) => t.fundsOnly && !totals.has(t.key));
  if (open.length === 0) return [];
  const trial = new Map(totals);
  for (const t of open) trial.set(t.key, t);
  const get = (k: TotalKey) => trial.get(k)?.value ?? null;
  const evidence: Evidence = { totals: trial, functionRoot: null, economicRoot: null, stated: [], elsewhere: {}, threePublic: null, unitsDeclared: true };
  // Only an identity that also involves a figure read from elsewhere says anything.
  return open.filter((t) => IDENTITIES.some((id) => id.confirms.includes(t.key) && id.confirms.some((k) => totals.has(k)) && id.holds(get, evidence) === true));
}

/** The narrative's 人员/公用 in place of a 基本支出表's that covers less than the department's 基本支出. */
function preferWholeSplit(totals: Map<TotalKey, Total>, econ: CodedTable | null, stated: Total[]): void {
  const basic = totals.get('basic')?.value;
  const [personnel, publicFunds] = [totals.get('personnel'), totals.get('public_funds')];
  if (!basic || !econ?.root?.total || !personnel || !publicFunds || agrees(econ.root.total, basic)) return;
  if (personnel.table !== econ.table.title || publicFunds.table !== econ.table.title) return;
  const [p, f] = (['personnel', 'public_funds'] as const).map((k) => stated.find((t) => t.key === k && !t.fundsOnly));
  if (!p || !f || !agrees(p.value.plus(f.value), basic)) return;
  totals.set('personnel', p);
  totals.set('public_funds', f);
}

