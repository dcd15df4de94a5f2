// Plain-text reports of an ingest run and of the findings, for the terminal.
import type { DB } from './db.js';
import type { IngestReport } from './ingest.js';
import { TABLES } from '../parse/template/catalog.js';
import { ruleOf } from '../parse/template/rules.js';

export function formatIngestReport(r: IngestReport): string {
  const lines = [
    r.unchanged
      ? `文件未变，数据库保持不变：${r.dbFile}`
      : r.replaced
        ? `已写入 ${r.dbFile}（用时 ${(r.millis / 1000).toFixed(2)} 秒）`
        : `没有任何文件可以载入，数据库未更新：${r.dbFile}`,
    `文件 ${r.files} 份，载入预算 ${r.disclosures} 份，数字 ${r.figures} 个，勾稽问题 ${r.findings} 条，无法读取 ${r.rejected.length} 份`,
  ];
  if (r.duplicates.length) {
    const differing = r.duplicates.filter((d) => d.differences > 0);
    lines.push(`重复 ${r.duplicates.length} 份（与已载入的文件是同一份预算，已逐项核对${differing.length ? `，其中 ${differing.length} 份有数字不同，见 check` : '，数字一致'}）`);
  }
  for (const x of r.rejected) lines.push(`  无法读取 ${x.source}：${x.reason}`);
  return lines.join('\n');
}

export interface FindingLine { rule: string; severity: string; message: string; table: string; line: number }
export interface DocumentFindings { source: string; department: string; year: number; scope: string; problems: FindingLine[]; notes: FindingLine[] }

/** Every document's findings: inconsistencies first, information (rounding, figures nothing confirms, units assumed) apart. */
export function findingsOf(db: DB): DocumentFindings[] {
  const docs = db.prepare('SELECT id, source, department, year, scope FROM documents ORDER BY department, year, scope').all() as { id: number; source: string; department: string; year: number; scope: string }[];
  const findings = db.prepare('SELECT rule, severity, message, table_title, line FROM findings WHERE doc_id = ? ORDER BY id');
  return docs.map((d) => {
    const rows = (findings.all(d.id) as { rule: string; severity: string; message: string; table_title: string; line: number }[])
      .map((f) => ({ rule: ruleOf(f.rule)?.id ?? f.rule, severity: f.severity, message: f.message, table: f.table_title, line: f.line }));
    return { source: d.source, department: d.department, year: d.year, scope: d.scope, problems: rows.filter((f) => f.severity !== 'info'), notes: rows.filter((f) => f.severity === 'info') };
  });
}

export function formatFindings(db: DB): string {
  const out: string[] = [];
  for (const d of findingsOf(db)) {
    out.push(`${d.department} ${d.year}年${d.scope === '单位' ? '单位' : '部门'}预算（${d.source}）：${d.problems.length ? `${d.problems.length} 处` : '未发现问题'}${d.notes.length ? `；提示 ${d.notes.length} 条` : ''}`);
    for (const f of [...d.problems, ...d.notes]) out.push(`  - [${f.rule}] ${f.message}（${f.table}，第 ${f.line} 行）`);
  }
  return out.join('\n');
}

export interface ParseReportEntry {
  source: string;
  name: string;
  year: number;
  scope: string;
  kind: string;
  templateTables: { found: number; expected: number; missing: string[] };
  notRead: string[];
  figures: number;
  unverified: number;
}

/**
 * The parse report: per document, the template tables found and missing, what could not be read,
 * and how many figures nothing else in the document confirms — what the bot will and will not answer.
 */
export function parseReportOf(db: DB, limit = Infinity, sources?: string[]): { documents: ParseReportEntry[]; more: number } {
  const all = db.prepare('SELECT id, source, department, unit_name, year, kind, scope FROM documents ORDER BY source, first_line').all() as { id: number; source: string; department: string; unit_name: string | null; year: number; kind: string; scope: string }[];
  const docs = sources ? all.filter((d) => sources.includes(d.source)) : all;
  const kinds = db.prepare('SELECT DISTINCT kind FROM doc_tables WHERE doc_id = ?').pluck();
  const notRead = db.prepare("SELECT message FROM findings WHERE doc_id = ? AND rule = 'not-read'").pluck();
  const unverified = db.prepare('SELECT count(*) FROM totals WHERE doc_id = ? AND verified = 0').pluck();
  const figures = db.prepare('SELECT count(*) FROM totals WHERE doc_id = ?').pluck();
  const expected = TABLES.filter((t) => t.expected);
  const documents = docs.slice(0, limit).map((d) => {
    const found = new Set(kinds.all(d.id) as string[]);
    const missing = expected.filter((t) => !found.has(t.kind)).map((t) => t.name);
    return {
      source: d.source, name: d.unit_name ?? d.department, year: d.year, scope: d.scope, kind: d.kind,
      templateTables: { found: expected.length - missing.length, expected: expected.length, missing },
      notRead: (notRead.all(d.id) as string[]).map((m) => m.replace(/^未能从文件中读出：/, '')),
      figures: figures.get(d.id) as number,
      unverified: unverified.get(d.id) as number,
    };
  });
  return { documents, more: Math.max(0, docs.length - limit) };
}

/**
 * The parse report as text; `limit` bounds the documents listed (a national ingest has thousands), the count of the rest is said;
 * `sources` keeps only those files' documents (a document just added from chat).
 */
export function formatParseReport(db: DB, limit = Infinity, sources?: string[]): string {
  const { documents, more } = parseReportOf(db, limit, sources);
  const out = documents.map((d) => {
    const t = d.templateTables;
    const parts = [`模板表 ${t.found}/${t.expected}${t.missing.length ? `（未找到：${t.missing.join('、')}）` : ''}`];
    if (d.notRead.length) parts.push(`未能读出：${d.notRead.join('；')}`);
    parts.push(`主要数字 ${d.figures} 个，未能核对 ${d.unverified} 个`);
    return `  ${d.name} ${d.year}年${d.scope}${d.kind}（${d.source}）：${parts.join('；')}`;
  });
  if (more) out.push(`  另有 ${more} 份文件，完整报告：budget-bot report`);
  return out.length ? `解析报告：\n${out.join('\n')}` : '解析报告：没有载入任何文件';
}
