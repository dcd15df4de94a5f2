// The template catalog (catalog.json) compiled once: table kinds by title, total labels by key.
// The reading code consults this; it holds no province's wording of its own.
import type { TotalKey } from '../types.js';
import catalog from './catalog.json' with { type: 'json' };

export type TableKind =
  | 'summary' | 'income' | 'expenditure' | 'fiscal_summary' | 'fiscal_expenditure'
  | 'general_budget_expenditure' | 'basic_expenditure' | 'three_public' | 'gov_fund'
  | 'state_capital' | 'operating_cost' | 'procurement' | 'assets' | 'projects'
  | 'performance' | 'economic_summary';

export interface TableEntry { kind: TableKind; name: string; expected: boolean; aliases: RegExp[] }
export interface TotalEntry {
  key: TotalKey; patterns: RegExp[]; blankIsZero?: boolean; last?: boolean;
  /** The kinds of summary table the line is read from; all of them when absent. */
  tables?: TableKind[];
}

export const TABLES: TableEntry[] = catalog.tables.map((t) => ({
  kind: t.kind as TableKind, name: t.name, expected: t.expected, aliases: t.aliases.map((a) => new RegExp(a)),
}));

export const TOTALS: TotalEntry[] = catalog.totals.map((t) => ({
  key: t.key as TotalKey, patterns: t.labels.map((l) => new RegExp(`^${l}$`)), blankIsZero: 'blankIsZero' in t ? Boolean(t.blankIsZero) : undefined, last: 'last' in t ? Boolean(t.last) : undefined,
  ...('tables' in t && t.tables ? { tables: t.tables as TableKind[] } : {}),
}));

/** Totals a table other than the 收支总表 prints as a labelled line (read where the coded rows did not give them). */
export const TABLE_TOTALS: (TotalEntry & { kind: TableKind; belowTotal?: boolean })[] = catalog.tableTotals.map((t) => ({
  kind: t.kind as TableKind, key: t.key as TotalKey, patterns: t.labels.map((l) => new RegExp(`^${l}$`)),
  ...('belowTotal' in t && t.belowTotal ? { belowTotal: true } : {}),
}));

/** The kind of table a title names, by the first entry whose alias it contains. */
export function kindOfTitle(title: string): TableKind | null {
  return TABLES.find((t) => t.aliases.some((a) => a.test(title)))?.kind ?? null;
}

/** The report's name for a kind of table. */
export const tableName = (kind: string): string => TABLES.find((t) => t.kind === kind)?.name ?? kind;

/** Column roles of a family of coded tables, from the header words above each column. */
export interface ColumnRoles {
  total: RegExp;
  parts: [RegExp, RegExp];
  /** The first part printed as its own two halves (基本支出 as 人员经费 and 公用经费). */
  split?: [RegExp, RegExp];
  /** How findings name the two parts. */
  partNames: [string, string];
  /** The 类 whose rows are all of the first part, where the table prints its parts as side-by-side panels. */
  firstPartClasses?: string[];
  /** A third part some templates print after the two (单位预留机动经费): a header naming it. */
  reserve?: RegExp;
}

const rolesOf = (c: { total: string; parts: string[]; split?: string[]; partNames: string[]; firstPartClasses?: string[]; reserve?: string }): ColumnRoles => ({
  ...(c.reserve ? { reserve: new RegExp(c.reserve) } : {}),
  ...(c.firstPartClasses ? { firstPartClasses: c.firstPartClasses } : {}),
  total: new RegExp(c.total),
  parts: [new RegExp(c.parts[0]), new RegExp(c.parts[1])],
  ...(c.split ? { split: [new RegExp(c.split[0]), new RegExp(c.split[1])] as [RegExp, RegExp] } : {}),
  partNames: [c.partNames[0], c.partNames[1]],
});

export const FUNCTION_COLUMNS: ColumnRoles = rolesOf(catalog.columns.function);
export const ECONOMIC_COLUMNS: ColumnRoles = rolesOf(catalog.columns.economic);

/** A total as the narrative states it: the words before the amount, and where the phrase applies. */
export interface StatedEntry {
  key: TotalKey; phrase: string; afterChange: boolean; kinds?: string[];
  /** Words the clause before it (in the same sentence) must hold: the subject the phrase leaves out. */
  previousClause?: RegExp;
}

export const STATED: StatedEntry[] = catalog.stated.entries.map((e) => ({
  key: e.key as TotalKey, phrase: e.phrase, afterChange: 'afterChange' in e ? Boolean(e.afterChange) : true,
  ...('kinds' in e ? { kinds: e.kinds as string[] } : {}),
  ...('previousClause' in e ? { previousClause: new RegExp(e.previousClause as string) } : {}),
}));
