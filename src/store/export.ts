// budget-bot export: every parsed fact, as the JSON contract other tools read, or as CSV.
// JSON amounts are exact decimal strings in 万元, null where the document gives none.
import { formatAmount } from '../parse/amount.js';
import type { DB } from './db.js';
import { fromFen } from './money.js';

const amt = (fen: number | null) => formatAmount(fromFen(fen));

type Row = Record<string, unknown>;
const TOTAL_KEYS = ['income_total', 'expenditure_total', 'general_budget_appropriation', 'carryover', 'basic', 'project', 'personnel', 'public_funds', 'three_public', 'procurement_total', 'assets_total'];

/** `onProgress` is told after each document (a national export takes a while). */
export function exportDocuments(db: DB, onProgress?: (done: number, total: number) => void) {
  const docs = db.prepare('SELECT * FROM documents ORDER BY source, first_line').all() as Row[];
  const q = {
    totals: db.prepare('SELECT key, amount FROM totals WHERE doc_id = ?'),
    fn: db.prepare('SELECT code, name, total, basic, project, table_title, line FROM function_items WHERE doc_id = ? ORDER BY line, code'),
    econ: db.prepare('SELECT code, name, total, personnel, public_funds, table_title, line FROM economic_items WHERE doc_id = ? ORDER BY line, code'),
    itemLines: db.prepare('SELECT family, code, line, name, total, part1, part2 FROM item_lines WHERE doc_id = ? ORDER BY line'),
    three: db.prepare('SELECT * FROM three_public WHERE doc_id = ?'),
    projects: db.prepare('SELECT name, amount, table_title, line FROM projects WHERE doc_id = ? ORDER BY id'),
    targets: db.prepare('SELECT project, text, table_title, line FROM targets WHERE doc_id = ? ORDER BY id'),
    changes: db.prepare('SELECT metric, prior_year, change, percent FROM changes WHERE doc_id = ? ORDER BY line'),
    findings: db.prepare('SELECT rule, severity, message, table_title, line FROM findings WHERE doc_id = ? ORDER BY id'),
  };
  const documents = docs.map((d, i) => {
    onProgress?.(i + 1, docs.length);
    const totals = Object.fromEntries(TOTAL_KEYS.map((k) => [k, null as string | null]));
    for (const t of q.totals.all(d.id) as Row[]) totals[t.key as string] = amt(t.amount as number);
    const three = q.three.get(d.id) as Row | undefined;
    // A code printed on several lines: the item is their sum; `printed_rows` gives each line as printed.
    const printed = new Map<string, Row[]>();
    for (const p of q.itemLines.all(d.id) as Row[]) {
      const [one, two] = p.family === 'function' ? ['basic', 'project'] : ['personnel', 'public_funds'];
      const key = `${p.family}|${p.code}`;
      printed.set(key, [...(printed.get(key) ?? []), { line: p.line, name: p.name, total: amt(p.total as number), [one]: amt(p.part1 as number), [two]: amt(p.part2 as number) }]);
    }
    const withPrinted = (family: string, code: unknown) => {
      const rows = printed.get(`${family}|${code}`);
      return rows ? { printed_rows: rows } : {};
    };
    const changes = q.changes.all(d.id) as Row[];
    const prior: Row | null = changes.length ? { year: changes[0].prior_year } : null;
    for (const c of changes) {
      prior![`${c.metric}_change`] = amt(c.change as number);
      if (c.percent !== null) prior![`${c.metric}_change_pct`] = c.percent;
    }
    return {
      source: d.source, department: d.department, unit_name: d.unit_name, region: d.region, year: d.year,
      kind: d.kind, scope: d.scope, unit: '万元', source_unit: d.source_unit,
      totals,
      function_items: (q.fn.all(d.id) as Row[]).map((r) => ({
        code: r.code, name: r.name, total: amt(r.total as number), basic: amt(r.basic as number), project: amt(r.project as number), table: r.table_title, line: r.line,
        ...withPrinted('function', r.code),
      })),
      economic_items: (q.econ.all(d.id) as Row[]).map((r) => ({
        code: r.code, name: r.name, total: amt(r.total as number), personnel: amt(r.personnel as number), public_funds: amt(r.public_funds as number), table: r.table_title, line: r.line,
        ...withPrinted('economic', r.code),
      })),
      three_public: three ? {
        total: amt(three.total as number), outbound: amt(three.outbound as number), vehicle: amt(three.vehicle as number),
        vehicle_purchase: amt(three.vehicle_purchase as number), vehicle_operation: amt(three.vehicle_operation as number),
        reception: amt(three.reception as number), table: three.table_title, line: three.line,
        // A 决算's 预算数 columns, only where its table prints them.
        ...(three.budget_printed ? {
          budget: {
            total: amt(three.budget_total as number), outbound: amt(three.budget_outbound as number), vehicle: amt(three.budget_vehicle as number),
            vehicle_purchase: amt(three.budget_vehicle_purchase as number), vehicle_operation: amt(three.budget_vehicle_operation as number),
            reception: amt(three.budget_reception as number),
          },
        } : {}),
      } : null,
      projects: (q.projects.all(d.id) as Row[]).map((p) => ({ name: p.name, amount: amt(p.amount as number), table: p.table_title, line: p.line })),
      targets: (q.targets.all(d.id) as Row[]).map((t) => ({ project: t.project, text: t.text, table: t.table_title, line: t.line })),
      prior_year: prior,
      findings: (q.findings.all(d.id) as Row[]).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, table: f.table_title, line: f.line })),
    };
  });
  const rejected = db.prepare('SELECT source, reason FROM rejected ORDER BY source').all();
  return { documents, rejected };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per figure: long format, so a spreadsheet can pivot it any way. */
export function exportCsv(db: DB, onProgress?: (done: number, total: number) => void): string {
  const header = ['source', 'department', 'region', 'year', 'kind', 'scope', 'fact', 'code', 'name', 'column', 'amount_wanyuan', 'table', 'line'];
  const rows: unknown[][] = [header];
  for (const d of exportDocuments(db, onProgress).documents) {
    const base = [d.source, d.department, d.region, d.year, d.kind, d.scope];
    for (const [k, v] of Object.entries(d.totals)) if (v !== null) rows.push([...base, 'total', '', k, '', v, '', '']);
    for (const r of d.function_items) for (const c of ['total', 'basic', 'project'] as const) if (r[c] !== null) rows.push([...base, 'function', r.code, r.name, c, r[c], r.table, r.line]);
    for (const r of d.economic_items) for (const c of ['total', 'personnel', 'public_funds'] as const) if (r[c] !== null) rows.push([...base, 'economic', r.code, r.name, c, r[c], r.table, r.line]);
    // The lines a summed row was printed on, apart (fact *_printed_row), so summing a fact's rows never counts one twice.
    const printedRows = [...d.function_items.map((r) => ['function', r] as const), ...d.economic_items.map((r) => ['economic', r] as const)];
    for (const [family, r] of printedRows) {
      for (const p of (r.printed_rows ?? []) as Row[]) for (const c of Object.keys(p).filter((k) => k !== 'line' && k !== 'name')) if (p[c] !== null) rows.push([...base, `${family}_printed_row`, r.code, p.name, c, p[c], r.table, p.line]);
    }
    const columns = ['total', 'outbound', 'vehicle', 'vehicle_purchase', 'vehicle_operation', 'reception'] as const;
    if (d.three_public) for (const c of columns) if (d.three_public[c] !== null) rows.push([...base, 'three_public', '', c, c, d.three_public[c], d.three_public.table, d.three_public.line]);
    const budget = d.three_public?.budget;
    if (budget) for (const c of columns) if (budget[c] !== null) rows.push([...base, 'three_public_budget', '', c, c, budget[c], d.three_public!.table, d.three_public!.line]);
    for (const p of d.projects) rows.push([...base, 'project', '', p.name, 'amount', p.amount, p.table, p.line]);
    for (const f of d.findings) rows.push([...base, 'finding', f.rule, f.message, f.severity, '', f.table, f.line]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
