// Every query the commands run, as prepared statements over one open database. Amounts come back
// as exact decimals in 万元 with their provenance. Keeping all SQL here keeps a swap of engine small.
import type { Decimal } from 'decimal.js';
import type { TotalKey } from '../parse/types.js';
import type { DB } from './db.js';
import { fromFen } from './money.js';
import { addTo } from '../multimap.js';

export interface DocRow {
  id: number;
  source: string;
  department: string;
  unitName: string | null;
  region: string | null;
  year: number;
  kind: string;
  scope: string;
  format: 'txt' | 'pdf';
  sha256: string;
  /** This department's latest disclosure (its 部门 budget where a year has both). */
  latest: boolean;
  /** For a PDF: where each page starts. */
  pages?: { line: number; file: string; page: number }[];
}

export interface Figure {
  value: Decimal;
  table: string;
  line: number;
  /** False when nothing else in the document confirms the figure: answers must say so. */
  verified?: boolean;
}

export interface ItemRow {
  docId: number;
  code: string;
  level: number;
  name: string;
  total: Decimal | null;
  /** 基本/项目 for function items, 人员/公用 for economic items. */
  parts: [Decimal | null, Decimal | null];
  table: string;
  line: number;
  /** False when nothing else in the document confirms the row: answers must say so. */
  verified?: boolean;
  /** The lines a row printed on several lines was added up from. */
  lines?: number[];
  /** Those lines' own figures, as printed: the row's figures are their sum. */
  printed?: PrintedLine[];
}

/** One line of a row printed on several lines (store/schema.sql item_lines). */
export interface PrintedLine {
  line: number;
  name: string;
  total: Decimal | null;
  parts: [Decimal | null, Decimal | null];
}

/** How many matches (those loaded last) a search ranks by relevance; see SEARCH_SQL. */
export const SEARCH_WINDOW = 400;

// Relevance (bm25) over the SEARCH_WINDOW matches loaded last, not all of them: ranking every match
// costs time in proportion to the corpus (31 ms for 34,000 matches), the window a constant.
// A query with fewer matches than the window is ranked exactly.
export const SEARCH_SQL = `SELECT rowid, doc_id, kind, line, text, n FROM (
  SELECT rowid, doc_id, kind, line, text, rank AS score, count(*) OVER () AS n FROM (
    SELECT rowid, doc_id, kind, line, text, rank FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW}))
ORDER BY score, rowid LIMIT ?`;

export interface SearchHit {
  docId: number;
  kind: 'project' | 'target' | 'passage';
  line: number;
  text: string;
}

type Raw = Record<string, any>;
export type SubjectKind = 'function' | 'economic';

const dec = (fen: number | null) => fromFen(fen);
const figure = (r: Raw | undefined, col = 'amount'): Figure | null =>
  r && r[col] !== null ? { value: dec(r[col])!, table: r.table_title, line: r.line, ...(r.verified === 0 ? { verified: false } : {}) } : null;

/** The 三公 table's columns, by their SQL names: the only strings rankThreePublic puts into SQL. */
export const THREE_PUBLIC_COLUMNS = ['total', 'outbound', 'vehicle', 'vehicle_purchase', 'vehicle_operation', 'reception', 'meeting', 'training'] as const;
export type ThreePublicColumn = (typeof THREE_PUBLIC_COLUMNS)[number];

export function createQueries(db: DB) {
  const threeRank = new Map<string, ReturnType<DB['prepare']>>();
  const st = {
    docs: db.prepare('SELECT id, source, department, unit_name, region, year, kind, scope, format, sha256, latest FROM documents ORDER BY department, year, scope'),
    pages: db.prepare('SELECT doc_id, first_line, file, page FROM pages ORDER BY doc_id, first_line'),
    sourcePath: db.prepare('SELECT path FROM source_files WHERE name = ?'),
    pageFirstLine: db.prepare('SELECT min(p.first_line) line FROM pages p JOIN documents d ON d.id = p.doc_id WHERE d.source = ? AND p.file = ? AND p.page = ?'),
    totals: db.prepare('SELECT key, amount, table_title, line, verified FROM totals WHERE doc_id = ?'),
    fn: db.prepare('SELECT doc_id, code, level, name, total, basic p1, project p2, table_title, line, verified, lines FROM function_items WHERE doc_id = ? ORDER BY line, code'),
    econ: db.prepare('SELECT doc_id, code, level, name, total, personnel p1, public_funds p2, table_title, line, verified, lines FROM economic_items WHERE doc_id = ? ORDER BY line, code'),
    // Largest first, through the (code, total) index: a page of rows, whatever the corpus size.
    fnCode: db.prepare('SELECT doc_id, code, level, name, total, basic p1, project p2, table_title, line, verified, lines FROM function_items WHERE code = ? ORDER BY total DESC LIMIT ?'),
    econCode: db.prepare('SELECT doc_id, code, level, name, total, personnel p1, public_funds p2, table_title, line, verified, lines FROM economic_items WHERE code = ? ORDER BY total DESC LIMIT ?'),
    itemLines: db.prepare('SELECT line, name, total, part1 p1, part2 p2 FROM item_lines WHERE doc_id = ? AND family = ? AND code = ? ORDER BY line'),
    fnCount: db.prepare('SELECT count(*) n FROM function_items WHERE code = ?'),
    econCount: db.prepare('SELECT count(*) n FROM economic_items WHERE code = ?'),
    // A 类 or 款 printed nowhere as its own row is the sum of its 项 (tables that list only 项).
    fnRollup: db.prepare(`SELECT doc_id, ? code, 0 level, '' name, sum(total) total, sum(basic) p1, sum(project) p2, min(table_title) table_title, min(line) line, min(verified) verified
      FROM function_items WHERE code > ? AND code < ? AND level = 3 AND doc_id NOT IN (SELECT doc_id FROM function_items WHERE code = ?) GROUP BY doc_id`),
    econRollup: db.prepare(`SELECT doc_id, ? code, 0 level, '' name, sum(total) total, sum(personnel) p1, sum(public_funds) p2, min(table_title) table_title, min(line) line, min(verified) verified
      FROM economic_items WHERE code > ? AND code < ? AND length(code) = 5 AND doc_id NOT IN (SELECT doc_id FROM economic_items WHERE code = ?) GROUP BY doc_id`),
    subjectNames: db.prepare('SELECT kind, code, name, count n FROM subjects'),
    three: db.prepare('SELECT * FROM three_public WHERE doc_id = ?'),
    projects: db.prepare('SELECT name, amount, table_title, line, verified FROM projects WHERE doc_id = ? ORDER BY amount IS NULL, amount DESC, id'),
    targets: db.prepare('SELECT project, text, table_title, line FROM targets WHERE doc_id = ? ORDER BY id LIMIT ?'),
    executions: db.prepare('SELECT scope, budget, full_year, final, rate, verified, table_title, line FROM executions WHERE doc_id = ?'),
    changes: db.prepare('SELECT metric, prior_year, change, percent, table_title, line FROM changes WHERE doc_id = ?'),
    findings: db.prepare('SELECT rule, severity, message, table_title, line FROM findings WHERE doc_id = ? ORDER BY id'),
    findingsMentioning: db.prepare(`SELECT doc_id, rule, severity, message, table_title, line FROM findings
      WHERE doc_id IN (SELECT value FROM json_each(?)) AND instr(message, ?) > 0 ORDER BY id`),
    // Inconsistencies only: information (rounding, unverified figures, units assumed) is not a 勾稽问题.
    findingCounts: db.prepare("SELECT doc_id, count(*) n FROM findings WHERE severity != 'info' GROUP BY doc_id"),
    // Two statements rather than ORDER BY CASE: a plain ORDER BY walks the (key, amount) index and
    // stops at LIMIT; a computed one sorts every row of the key first.
    totalTopDesc: db.prepare(`SELECT t.doc_id, t.amount, t.table_title, t.line, t.verified FROM totals t JOIN documents d ON d.id = t.doc_id
      WHERE t.key = @key AND (CASE WHEN @year IS NULL THEN d.latest = 1 ELSE d.year = @year AND (d.scope = '部门' OR NOT EXISTS (SELECT 1 FROM documents x WHERE x.department = d.department AND x.year = d.year AND x.scope = '部门')) END)
      ORDER BY t.amount DESC LIMIT @limit`),
    totalTopAsc: db.prepare(`SELECT t.doc_id, t.amount, t.table_title, t.line, t.verified FROM totals t JOIN documents d ON d.id = t.doc_id
      WHERE t.key = @key AND (CASE WHEN @year IS NULL THEN d.latest = 1 ELSE d.year = @year AND (d.scope = '部门' OR NOT EXISTS (SELECT 1 FROM documents x WHERE x.department = d.department AND x.year = d.year AND x.scope = '部门')) END)
      ORDER BY t.amount ASC LIMIT @limit`),
    totalCount: db.prepare(`SELECT count(*) n FROM totals t JOIN documents d ON d.id = t.doc_id WHERE t.key = @key AND (CASE WHEN @year IS NULL THEN d.latest = 1 ELSE d.year = @year END)`),
    // The documents a ranking covers that print no such figure: the coverage line names them.
    totalMissing: db.prepare(`SELECT d.id FROM documents d WHERE (CASE WHEN @year IS NULL THEN d.latest = 1 ELSE d.year = @year AND (d.scope = '部门' OR NOT EXISTS (SELECT 1 FROM documents x WHERE x.department = d.department AND x.year = d.year AND x.scope = '部门')) END)
      AND NOT EXISTS (SELECT 1 FROM totals t WHERE t.doc_id = d.id AND t.key = @key) ORDER BY d.department`),
    search: db.prepare(SEARCH_SQL),
    rejected: db.prepare('SELECT source, reason FROM rejected ORDER BY source'),
    meta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    sourceOfSha: db.prepare('SELECT source FROM documents WHERE sha256 = ? LIMIT 1'),
  };

  // Only a row summed from several lines (rare) looks its printed lines up.
  const printedLines = (kind: SubjectKind, r: Raw): PrintedLine[] => (st.itemLines.all(r.doc_id, kind, r.code) as Raw[])
    .map((p) => ({ line: p.line, name: p.name, total: dec(p.total), parts: [dec(p.p1), dec(p.p2)] }));
  const item = (kind: SubjectKind) => (r: Raw): ItemRow => ({
    docId: r.doc_id, code: r.code, level: r.level, name: r.name, total: dec(r.total), parts: [dec(r.p1), dec(r.p2)], table: r.table_title, line: r.line,
    ...(r.verified === 0 ? { verified: false } : {}),
    ...(r.lines ? { lines: String(r.lines).split(',').map(Number), printed: printedLines(kind, r) } : {}),
  });
  let docCache: DocRow[] | null = null;
  let docIndex: Map<number, DocRow> | null = null;
  // The database does not change while it is open (ingest swaps in a new file): a count, which
  // costs time in proportion to the corpus, is taken once.
  const counts = new Map<string, number>();
  const missing = new Map<string, number[]>();
  const memoCount = (key: string, take: () => number) => {
    let n = counts.get(key);
    if (n === undefined) counts.set(key, (n = take()));
    return n;
  };
  function allDocuments(): DocRow[] {
    if (!docCache) {
      const pages = new Map<number, { line: number; file: string; page: number }[]>();
      for (const p of st.pages.all() as Raw[]) addTo(pages, p.doc_id as number, { line: p.first_line, file: p.file, page: p.page });
      docCache = (st.docs.all() as Raw[]).map((r) => ({
        id: r.id, source: r.source, department: r.department, unitName: r.unit_name, region: r.region, year: r.year, kind: r.kind, scope: r.scope,
        format: r.format, sha256: r.sha256, latest: r.latest === 1, pages: pages.get(r.id),
      }));
    }
    return docCache;
  }

  return {
    /** One document by id, from the same cache (answers look up a page of hits, not the corpus). */
    document(id: number): DocRow | undefined {
      docIndex ??= new Map(allDocuments().map((d) => [d.id, d]));
      return docIndex.get(id);
    },
    documents: allDocuments,
    totals(docId: number): Map<TotalKey, Figure> {
      return new Map((st.totals.all(docId) as Raw[]).map((r) => [r.key as TotalKey, figure(r)!]));
    },
    items(kind: SubjectKind, docId: number): ItemRow[] {
      return ((kind === 'function' ? st.fn : st.econ).all(docId) as Raw[]).map(item(kind));
    },
    /** One subject across documents, largest first (up to `limit`): its own rows, or the sum of its children where it has none. */
    subjectAcross(kind: SubjectKind, code: string, limit = 10_000): { rows: ItemRow[]; rolledUp: ItemRow[]; count: number } {
      const rows = ((kind === 'function' ? st.fnCode : st.econCode).all(code, limit) as Raw[]).map(item(kind));
      const count = memoCount(`${kind}|${code}`, () => ((kind === 'function' ? st.fnCount : st.econCount).get(code) as { n: number }).n);
      const rolledUp = code.length < 7
        ? ((kind === 'function' ? st.fnRollup : st.econRollup).all(code, code, `${code}\uffff`, code) as Raw[]).map(item(kind)).filter((r) => r.total !== null)
        : [];
      return { rows, rolledUp, count: count + rolledUp.length };
    },
    /** Every (code, name) printed, with how many documents print it: the subject dictionary. */
    subjectNames(): { kind: SubjectKind; code: string; name: string; count: number }[] {
      return (st.subjectNames.all() as Raw[]).map((r) => ({ kind: r.kind as SubjectKind, code: r.code, name: r.name, count: r.n }));
    },
    threePublic(docId: number) {
      const r = st.three.get(docId) as Raw | undefined;
      if (!r) return null;
      const at = { table: r.table_title, line: r.line };
      return {
        ...at, total: dec(r.total), outbound: dec(r.outbound), vehicle: dec(r.vehicle),
        vehiclePurchase: dec(r.vehicle_purchase), vehicleOperation: dec(r.vehicle_operation), reception: dec(r.reception),
        meeting: dec(r.meeting), training: dec(r.training),
        // A 决算's 预算数 beside its 决算数; undefined where the table prints none.
        budget: r.budget_printed ? {
          total: dec(r.budget_total), outbound: dec(r.budget_outbound), vehicle: dec(r.budget_vehicle),
          vehiclePurchase: dec(r.budget_vehicle_purchase), vehicleOperation: dec(r.budget_vehicle_operation), reception: dec(r.budget_reception),
        } : undefined,
      };
    },
    /** One column of the 三公 table across departments (latest, or one year's 部门 budgets), largest first. */
    rankThreePublic(column: ThreePublicColumn, { year = null, ascending = false, limit = 50 }: { year?: number | null; ascending?: boolean; limit?: number } = {}) {
      if (!THREE_PUBLIC_COLUMNS.includes(column)) throw new Error(`not a 三公 column: ${column}`);
      const sql = `SELECT t.doc_id, t.${column} amount, t.table_title, t.line FROM three_public t JOIN documents d ON d.id = t.doc_id
        WHERE t.${column} IS NOT NULL AND (CASE WHEN @year IS NULL THEN d.latest = 1 ELSE d.year = @year AND (d.scope = '部门' OR NOT EXISTS (SELECT 1 FROM documents x WHERE x.department = d.department AND x.year = d.year AND x.scope = '部门')) END)
        ORDER BY t.${column} ${ascending ? 'ASC' : 'DESC'} LIMIT @limit`;
      let stmt = threeRank.get(sql);
      if (!stmt) threeRank.set(sql, (stmt = db.prepare(sql)));
      return (stmt.all({ year, limit }) as Raw[]).map((r) => ({ docId: r.doc_id as number, figure: figure(r)! }));
    },
    projects(docId: number) {
      return (st.projects.all(docId) as Raw[]).map((r) => ({ name: r.name as string, amount: dec(r.amount), table: r.table_title as string, line: r.line as number, ...(r.verified === 0 ? { verified: false } : {}) }));
    },
    targets(docId: number, limit = 50) {
      return (st.targets.all(docId, limit) as Raw[]).map((r) => ({ project: r.project as string | null, text: r.text as string, table: r.table_title as string, line: r.line as number }));
    },
    /** The 决算's own statements of its execution, by scope (fiscal, general_budget, gov_fund). */
    executions(docId: number) {
      return (st.executions.all(docId) as Raw[]).map((r) => ({
        scope: r.scope as 'fiscal' | 'general_budget' | 'gov_fund', budget: dec(r.budget)!, fullYear: dec(r.full_year), final: dec(r.final)!, rate: r.rate as string | null,
        table: r.table_title as string, line: r.line as number, ...(r.verified === 0 ? { verified: false } : {}),
      }));
    },
    changes(docId: number) {
      return (st.changes.all(docId) as Raw[]).map((r) => ({
        metric: r.metric as string, priorYear: r.prior_year as number, change: dec(r.change)!, percent: r.percent as string | null, table: r.table_title as string, line: r.line as number,
      }));
    },
    findings(docId: number) {
      return (st.findings.all(docId) as Raw[]).map((r) => ({ rule: r.rule as string, severity: r.severity as string, message: r.message as string, table: r.table_title as string, line: r.line as number }));
    },
    /** The findings of these documents whose message mentions `text` (a subject code), in one query. */
    findingsMentioning(docIds: number[], text: string) {
      if (!docIds.length) return [];
      return (st.findingsMentioning.all(JSON.stringify(docIds), text) as Raw[]).map((r) => ({
        docId: r.doc_id as number, rule: r.rule as string, severity: r.severity as string, message: r.message as string, table: r.table_title as string, line: r.line as number,
      }));
    },
    findingCounts(): Map<number, number> {
      return new Map((st.findingCounts.all() as Raw[]).map((r) => [r.doc_id, r.n]));
    },
    /**
     * A total ranked across departments: each department's latest disclosure, or every
     * department's disclosure of one year. Largest first (smallest with `ascending`), up to `limit`.
     */
    rankTotal(key: TotalKey, { year = null, ascending = false, limit = 50 }: { year?: number | null; ascending?: boolean; limit?: number } = {}) {
      const rows = ((ascending ? st.totalTopAsc : st.totalTopDesc).all({ key, year, limit }) as Raw[]).map((r) => ({ docId: r.doc_id as number, figure: figure(r)! }));
      return { rows, count: memoCount(`${key}|${year}`, () => (st.totalCount.get({ key, year }) as { n: number }).n) };
    },
    /** The documents a rankTotal covers (latest, or one year's) that print no `key`: ids, by department. */
    missingTotal(key: TotalKey, year: number | null = null): number[] {
      const memo = `${key}|${year}`;
      let ids = missing.get(memo);
      if (!ids) missing.set(memo, (ids = (st.totalMissing.all({ key, year }) as Raw[]).map((r) => r.id as number)));
      return ids;
    },
    /** Where a document or PDF part lay when it was ingested (absolute path), or null. */
    sourcePath(name: string): string | null {
      return (st.sourcePath.get(name) as { path: string } | undefined)?.path ?? null;
    },
    /** The line a PDF page starts at in a document's lines, or null. */
    pageFirstLine(source: string, file: string, page: number): number | null {
      return (st.pageFirstLine.get(source, file, page) as { line: number | null } | undefined)?.line ?? null;
    },
    /** Full-text search; `match` must already be a safe FTS5 expression (see query/search-terms). */
    search(match: string, limit: number): { hits: SearchHit[]; windowFull: boolean } {
      const rows = st.search.all(match, limit) as Raw[];
      return { hits: rows.map((r) => ({ docId: r.doc_id, kind: r.kind, line: r.line, text: r.text })), windowFull: (rows[0]?.n ?? 0) >= SEARCH_WINDOW };
    },
    rejected(): { source: string; reason: string }[] {
      return st.rejected.all() as { source: string; reason: string }[];
    },
    meta(key: string): string | null {
      return (st.meta.get(key) as { value: string } | undefined)?.value ?? null;
    },
    /** The loaded document with exactly this content (sha256 of the file), if any. */
    sourceOfSha(sha256: string): string | null {
      return (st.sourceOfSha.get(sha256) as { source: string } | undefined)?.source ?? null;
    },
  };
}

export type Queries = ReturnType<typeof createQueries>;
