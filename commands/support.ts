// What several commands share: choosing the document a question is about, citing figures, and
// attaching the document's own findings as warnings.
import { findingPrefix } from '../src/parse/template/rules.js';
import type { Citation } from '../src/core/answer.js';
import { wan } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import type { Catalog, Department } from '../src/query/catalog.js';
import { findDepartment, requireDepartment } from '../src/query/resolve.js';
import { extractYears, resolveYear, type YearRef } from '../src/query/years.js';
import type { DocRow, PrintedLine, Queries } from '../src/store/queries.js';

/** Each printed line of a summed row with the amount shown for it: its 合计, else the part it prints. */
export function printedAmounts(printed: PrintedLine[]): { line: number; amount: string }[] {
  return printed.map((p) => ({ line: p.line, amount: wan(p.total ?? p.parts[0] ?? p.parts[1]) }));
}

export function citation(doc: DocRow, at: { table: string; line: number; verified?: boolean; lines?: number[]; printed?: PrintedLine[] } | null | undefined): Citation | null {
  if (!at) return null;
  const c: Citation = { source: doc.source, department: doc.unitName ?? doc.department, year: doc.year, scope: doc.scope, table: at.table, line: at.line };
  if (at.verified === false) c.unverified = true;
  if (at.lines && at.lines.length > 1) c.lines = at.lines;
  if (at.printed && at.printed.length > 1) c.printed = printedAmounts(at.printed);
  // A PDF's lines are ours; the reader wants the file and page.
  const page = doc.pages?.filter((p) => p.line <= at.line).at(-1);
  return page ? { ...c, file: page.file, page: page.page } : c;
}

export function docLabel(doc: DocRow): string {
  return `${doc.unitName ?? doc.department} ${doc.year}年${doc.scope}${doc.kind}`;
}

export function latestYear(dep: Department): number {
  return dep.docs[dep.docs.length - 1].year;
}

/** The department's document for a year (latest when none is named); 部门 scope unless a unit was named. */
export function pickDocument(dep: Department, ref: YearRef | undefined, unitName?: string | null, scope?: string | null, kind?: '预算' | '决算' | null): DocRow {
  const year = resolveYear(ref, latestYear(dep));
  const all = dep.docs.filter((d) => d.year === year);
  // A year with both its 预算 and its 决算 loaded: the one asked for, else the 预算 (what the bot answered before).
  const wanted = all.filter((d) => d.kind === (kind ?? '预算'));
  const ofYear = wanted.length ? wanted : all;
  if (ofYear.length === 0) {
    const years = [...new Set(dep.docs.map((d) => d.year))].join('、');
    throw new UserError(`${dep.name} 没有载入 ${year} 年的预算，已载入的年份：${years}`, [...new Set(dep.docs.map((d) => `${d.year}`))], 'unknown-year');
  }
  return ofYear.find((d) => unitName && d.unitName === unitName) ?? ofYear.find((d) => scope && d.scope === scope) ?? ofYear.find((d) => d.scope === '部门') ?? ofYear[0];
}

/** 本级 / 单位预算 ask for the unit's own budget; 汇总 / 部门预算 for the department's consolidated one. */
export function scopeOf(text: string): '单位' | '部门' | null {
  return /本级|单位预算/.test(text) ? '单位' : /汇总|部门预算|部门整体/.test(text) ? '部门' : null;
}

/** Words asking how a 决算 went against its 预算: they ask for the 决算 and its 执行率. */
export const EXECUTION = /预算执行情况|预算完成情况|执行情况|执行率|预算执行|完成预算|完成率/;

/** 决算 (final accounts) asked for by name or by asking for execution; null when the text does not say. */
export function kindOf(text: string): '决算' | null {
  return /决算/.test(text) || EXECUTION.test(text) ? '决算' : null;
}

/** The "理解为" line: the parts understood, in order, blanks dropped. */
export function understoodAs(...parts: (string | null | undefined | false)[]): string {
  return `理解为：${parts.filter(Boolean).join(' · ')}`;
}

export interface Target {
  department: Department;
  doc: DocRow;
  /** The text left once department and years were taken out. */
  rest: string;
  years: YearRef[];
}

/** Department and year named in a text (or in the given options), resolved to one document. */
export function targetOf(text: string, catalog: Catalog, opts: { department?: string; year?: string | number; topic?: string } = {}): Target {
  const { years, rest } = extractYears(`${opts.year ?? ''} ${text}`);
  const depText = opts.department ?? rest;
  const department = requireDepartment(depText, catalog);
  const match = findDepartment(depText, catalog);
  const matched = match.kind === 'none' ? '' : match.matched;
  const unitName = department.docs.map((d) => d.unitName).find((u) => u && depText.replace(/\s+/g, '').includes(u)) ?? null;
  const doc = pickDocument(department, years[0], unitName, scopeOf(depText), kindOf(`${rest} ${opts.topic ?? ''}`));
  let remaining = rest.replace(/\s+/g, '');
  for (const w of matched ? [matched] : []) remaining = remaining.replace(w, ' ');
  return { department, doc, rest: remaining, years };
}

/** The document's findings as warning lines, those mentioning any of `about` first. */
export function warningsFor(q: Queries, doc: DocRow, about: string[] = [], max = 3): string[] {
  const all = q.findings(doc.id);
  const relevant = about.length ? all.filter((f) => about.some((a) => f.message.includes(a) || f.rule.includes(a))) : all;
  // The unverified note first: it qualifies the figures shown, where the others qualify the document.
  const ordered = [...relevant.filter((f) => f.rule === 'unverified'), ...relevant.filter((f) => f.rule !== 'unverified')];
  // Only a rule that finds the document disagreeing with itself says so; a lost cell or an unplaced column is the reading's.
  const shown = ordered.slice(0, max).map((f) => (f.rule === 'unverified' ? f.message : `${findingPrefix(f.rule)}${f.message}（${f.table}，第 ${f.line} 行）`));
  if (relevant.length > max) shown.push(`另有 ${relevant.length - max} 条，见 /check ${doc.department}`);
  return shown;
}
