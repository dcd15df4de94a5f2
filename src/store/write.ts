// Writes parsed disclosures into a database being built. Statements are prepared once per build.
import type { DB } from './db.js';
import { toFen } from './money.js';
import type { Disclosure, PrintedRow } from '../parse/types.js';
import { indexTokens } from '../query/index-tokens.js';

/** 类 (3 digits), 款 (5), 项 (7): the level a classification code sits at. */
export function levelOf(code: string): number {
  return code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3;
}

/** One row of the full-text index: the text as shown and its index words (index-tokens.ts). */
export interface SearchEntry { kind: 'project' | 'target' | 'passage'; line: number; text: string; tokens: string }

/**
 * The search rows of a disclosure with their index words. Pure, so a parse worker makes them and the
 * writer thread only inserts.
 */
export function searchEntriesOf(d: Disclosure): SearchEntry[] {
  const out: SearchEntry[] = [];
  const add = (kind: SearchEntry['kind'], line: number, text: string) => out.push({ kind, line, text, tokens: indexTokens(text) });
  for (const p of d.projects) add('project', p.line, p.name);
  for (const x of d.targets) add('target', x.line, x.project ? `${x.project}：${x.text}` : x.text);
  for (const p of d.passages) add('passage', p.line, p.text);
  return out;
}

export function createWriter(db: DB) {
  const s = {
    doc: db.prepare(`INSERT INTO documents (source, sha256, department, unit_name, region, year, kind, scope, source_unit, format, first_line, last_line)
      VALUES (@source, @sha256, @department, @unitName, @region, @year, @kind, @scope, @unit, @format, @firstLine, @lastLine)`),
    page: db.prepare('INSERT OR IGNORE INTO pages (doc_id, first_line, file, page) VALUES (?, ?, ?, ?)'),
    duplicate: db.prepare('INSERT OR REPLACE INTO duplicates (source, kept_source, differences) VALUES (?, ?, ?)'),
    total: db.prepare('INSERT INTO totals (doc_id, key, amount, table_title, line, verified) VALUES (?, ?, ?, ?, ?, ?)'),
    fn: db.prepare('INSERT OR REPLACE INTO function_items (doc_id, code, level, name, total, basic, project, table_title, line, verified, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    econ: db.prepare('INSERT OR REPLACE INTO economic_items (doc_id, code, level, name, total, personnel, public_funds, table_title, line, verified, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    itemLine: db.prepare('INSERT OR REPLACE INTO item_lines (doc_id, family, code, line, name, total, part1, part2) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    three: db.prepare(`INSERT INTO three_public (doc_id, total, outbound, vehicle, vehicle_purchase, vehicle_operation, reception, meeting, training,
      budget_printed, budget_total, budget_outbound, budget_vehicle, budget_vehicle_purchase, budget_vehicle_operation, budget_reception, table_title, line)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    project: db.prepare('INSERT INTO projects (doc_id, name, amount, table_title, line, verified) VALUES (?, ?, ?, ?, ?, ?)'),
    target: db.prepare('INSERT INTO targets (doc_id, project, text, table_title, line) VALUES (?, ?, ?, ?, ?)'),
    execution: db.prepare('INSERT OR IGNORE INTO executions (doc_id, scope, budget, full_year, final, rate, verified, table_title, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    change: db.prepare('INSERT OR IGNORE INTO changes (doc_id, metric, prior_year, change, percent, table_title, line) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    finding: db.prepare('INSERT INTO findings (doc_id, rule, severity, message, table_title, line) VALUES (?, ?, ?, ?, ?, ?)'),
    passage: db.prepare('INSERT INTO passages (doc_id, line, text) VALUES (?, ?, ?)'),
    table: db.prepare('INSERT INTO doc_tables (doc_id, title, kind, line, empty) VALUES (?, ?, ?, ?, ?)'),
    rejected: db.prepare('INSERT OR REPLACE INTO rejected (source, reason) VALUES (?, ?)'),
    sourceFile: db.prepare('INSERT OR IGNORE INTO source_files (name, path) VALUES (?, ?)'),
    search: db.prepare('INSERT INTO search_index (tokens, doc_id, kind, line, text) VALUES (?, ?, ?, ?, ?)'),
  };

  /** Inserts one disclosure (with its search entries, segmented here unless given); returns its id and how many figures it holds. */
  function insertDisclosure(d: Disclosure, sha256: string, entries: SearchEntry[] = searchEntriesOf(d)): { id: number; figures: number } {
    const id = Number(s.doc.run({
      source: d.source, sha256, department: d.department, unitName: d.unitName, region: d.region, year: d.year,
      kind: d.kind, scope: d.scope, unit: d.unit, format: d.pages ? 'pdf' : 'txt', firstLine: d.lines[0], lastLine: d.lines[1],
    }).lastInsertRowid);
    for (const p of d.pages ?? []) s.page.run(id, p.line, p.file, p.page);
    let figures = 0;
    for (const t of d.totals.values()) { s.total.run(id, t.key, toFen(t.value), t.table, t.line, t.verified === false ? 0 : 1); figures++; }
    for (const r of d.functionItems) {
      s.fn.run(id, r.code, levelOf(r.code), r.name, toFen(r.total), toFen(r.basic), toFen(r.project), r.table, r.line, r.verified === false ? 0 : 1, r.lines?.join(',') ?? null);
      figures += [r.total, r.basic, r.project].filter(Boolean).length;
    }
    for (const r of d.economicItems) {
      s.econ.run(id, r.code, levelOf(r.code), r.name, toFen(r.total), toFen(r.personnel), toFen(r.publicFunds), r.table, r.line, r.verified === false ? 0 : 1, r.lines?.join(',') ?? null);
      figures += [r.total, r.personnel, r.publicFunds].filter(Boolean).length;
    }
    // Each printed line of a summed row: not figures of their own (the sum is the figure), where they came from.
    const printed = (family: 'function' | 'economic', r: { code: string; printedRows?: PrintedRow[] }) => {
      for (const p of r.printedRows ?? []) s.itemLine.run(id, family, r.code, p.line, p.name, toFen(p.total), toFen(p.parts[0]), toFen(p.parts[1]));
    };
    for (const r of d.functionItems) printed('function', r);
    for (const r of d.economicItems) printed('economic', r);
    const t = d.threePublic;
    if (t) {
      const b = t.budget;
      s.three.run(id, toFen(t.total), toFen(t.outbound), toFen(t.vehicle), toFen(t.vehiclePurchase), toFen(t.vehicleOperation), toFen(t.reception), toFen(t.meeting ?? null), toFen(t.training ?? null),
        b ? 1 : 0, toFen(b?.total), toFen(b?.outbound), toFen(b?.vehicle), toFen(b?.vehiclePurchase), toFen(b?.vehicleOperation), toFen(b?.reception), t.table, t.line);
      figures += 6 + [t.meeting, t.training].filter(Boolean).length + (b ? Object.values(b).filter(Boolean).length : 0);
    }
    for (const p of d.projects) { s.project.run(id, p.name, toFen(p.amount), p.table, p.line, p.verified === false ? 0 : 1); if (p.amount) figures++; }
    for (const x of d.targets) s.target.run(id, x.project, x.text, x.table, x.line);
    for (const c of d.changes) { s.change.run(id, c.metric, c.priorYear, toFen(c.change), c.percent?.toString() ?? null, c.table, c.line); figures++; }
    for (const e of d.executions ?? []) { s.execution.run(id, e.scope, toFen(e.budget), toFen(e.fullYear ?? null), toFen(e.final), e.rate?.toString() ?? null, e.verified === false ? 0 : 1, e.table, e.line); figures += 2; }
    for (const f of d.findings) s.finding.run(id, f.rule, f.severity, f.message, f.table, f.line);
    for (const p of d.passages) s.passage.run(id, p.line, p.text);
    for (const x of d.tables) s.table.run(id, x.title, x.kind, x.line, x.empty ? 1 : 0);
    for (const e of entries) s.search.run(e.tokens, id, e.kind, e.line, e.text);
    return { id, figures };
  }

  return {
    insertDisclosure,
    reject: (source: string, reason: string) => s.rejected.run(source, reason),
    addFinding: (docId: number, f: Disclosure['findings'][number]) => s.finding.run(docId, f.rule, f.severity, f.message, f.table, f.line),
    duplicate: (source: string, kept: string, differences: number) => s.duplicate.run(source, kept, differences),
    /** Where a file read lay: a document's name, or one PDF part's name, with its absolute path. */
    sourceFile: (name: string, path: string) => s.sourceFile.run(name, path),
  };
}
