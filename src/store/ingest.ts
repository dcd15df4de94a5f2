// budget-bot ingest: every document in a directory → a new database file, swapped in atomically.
// A document that cannot be read is recorded with its reason and the others still load; a run
// that fails or is killed leaves the previous database as it was.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeDocument, DocumentError, parseDocument, parseLines } from '../parse/index.js';
import { compareDisclosures } from '../parse/check/compare.js';
import type { Disclosure } from '../parse/types.js';
import { listPdfDocuments, readCachedPdf, type PdfDocument } from '../pdf/prepare.js';
import { createDatabase, finishDatabase, openDatabase, StoreError } from './db.js';
import { boundAmounts } from './bound-amounts.js';
import { readRegularFile } from './read-entry.js';
import { createWriter } from './write.js';

/** Bump when the parser's output changes, so unchanged documents are parsed again. */
export const PARSER_VERSION = '5';
const DOCUMENT = /\.txt$/i;
/** A budget disclosure's text is well under a megabyte; anything this large is not one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface IngestReport {
  dbFile: string;
  files: number;
  disclosures: number;
  figures: number;
  findings: number;
  rejected: { source: string; reason: string }[];
  /** Files whose disclosures were already loaded from another file, and how many figures differ. */
  duplicates: { source: string; keptSource: string; differences: number }[];
  unchanged: boolean;
  /** Time reading and parsing documents, and writing them (with the search index). */
  parseMs?: number;
  loadMs?: number;
  /** False when nothing could be loaded and the previous database was kept. */
  replaced: boolean;
  millis: number;
}

export function listDocuments(dataDir: string): string[] {
  if (!existsSync(dataDir)) throw new DocumentError(dataDir, `数据目录 ${dataDir} 不存在`);
  return readdirSync(dataDir).filter((f) => DOCUMENT.test(f) && !/^readme/i.test(f)).sort().map((f) => join(dataDir, f));
}

/**
 * One document to load: a text file, or a PDF (its parts together) read from the extraction cache.
 * `problem` is why an entry cannot be read at all (a directory, a dangling link…): it is rejected
 * with that reason inside the per-document handling, never thrown from here.
 */
type Input = { name: string; sha: string; problem?: string } & ({ format: 'txt'; path: string } | { format: 'pdf'; pdf: PdfDocument });

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function inputsOf(dirs: string[]): Input[] {
  const out: Input[] = [];
  for (const dir of dirs) {
    for (const path of listDocuments(dir)) {
      const name = basename(path);
      try {
        out.push({ format: 'txt', path, name, sha: sha256(readRegularFile(path, name, MAX_DOCUMENT_BYTES)) });
      } catch (err) {
        if (!(err instanceof DocumentError)) throw err;
        out.push({ format: 'txt', path, name, sha: sha256(`unreadable ${err.message}`), problem: err.message });
      }
    }
    for (const pdf of listPdfDocuments(dir)) out.push({ format: 'pdf', pdf, name: pdf.name, sha: pdf.sha, problem: pdf.problem });
  }
  return out;
}

/** The default PDF extraction cache: beside the database, derived data like it. */
export function defaultPdfCache(dbFile: string): string {
  return join(dirname(dbFile), 'pdf-text-cache');
}

function readInput(input: Input, pdfCache: string): Disclosure[] {
  if (input.problem) throw new DocumentError(input.name, input.problem);
  if (input.format === 'pdf') {
    const cached = readCachedPdf(pdfCache, input.pdf);
    if (!cached) throw new DocumentError(input.name, 'PDF 尚未提取文字（budget-bot ingest 会先提取）');
    if (!cached.ok) throw new DocumentError(input.name, cached.reason);
    return parseLines(cached.lines, input.name).map((d) => ({ ...d, pages: cached.pages }));
  }
  const bytes = readRegularFile(input.path, input.name, MAX_DOCUMENT_BYTES);
  return parseDocument(decodeDocument(bytes, input.name), input.name);
}

function fingerprintOf(files: { name: string; sha: string }[]): string {
  // The parser version and every file's content: any change rebuilds.
  const h = createHash('sha256').update(`parser ${PARSER_VERSION}\n`);
  for (const f of files) h.update(`${f.name} ${f.sha}\n`);
  return h.digest('hex');
}

function storedFingerprint(dbFile: string): string | null {
  try {
    const db = openDatabase(dbFile);
    try {
      return (db.prepare("SELECT value FROM meta WHERE key = 'fingerprint'").get() as { value: string } | undefined)?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function countsOf(dbFile: string): Omit<IngestReport, 'dbFile' | 'unchanged' | 'replaced' | 'millis' | 'files'> {
  const db = openDatabase(dbFile);
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      disclosures: n('SELECT count(*) n FROM documents'),
      figures: Number((db.prepare("SELECT value FROM meta WHERE key = 'figures'").get() as { value: string }).value),
      findings: n("SELECT count(*) n FROM findings WHERE severity != 'info'"),
      rejected: db.prepare('SELECT source, reason FROM rejected ORDER BY source').all() as { source: string; reason: string }[],
      duplicates: (db.prepare('SELECT source, kept_source, differences FROM duplicates ORDER BY source').all() as { source: string; kept_source: string; differences: number }[])
        .map((r) => ({ source: r.source, keptSource: r.kept_source, differences: r.differences })),
    };
  } finally {
    db.close();
  }
}

/** Tables derived once all documents are in: each department's latest disclosure, the subject dictionary. */
function deriveTables(db: ReturnType<typeof createDatabase>): void {
  db.exec(`
    UPDATE documents SET latest = 1 WHERE id IN (
      SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY department ORDER BY year DESC, scope = '部门' DESC, id) AS n FROM documents) WHERE n = 1);
    INSERT INTO subjects (kind, code, name, count) SELECT 'function', code, name, count(*) FROM function_items GROUP BY code, name;
    INSERT INTO subjects (kind, code, name, count) SELECT 'economic', code, name, count(*) FROM economic_items GROUP BY code, name;
  `);
}

/** A storage failure as a message the operator can act on; the previous database is untouched. */
function storageError(err: unknown, dbFile: string): Error {
  const code = (err as { code?: string }).code ?? '';
  if (['SQLITE_FULL', 'ENOSPC'].includes(code)) return new StoreError(`磁盘空间不足（或超过 --max-size），无法写入 ${dbFile}；原数据库保持不变。`);
  if (['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'EROFS', 'EACCES', 'EPERM'].includes(code)) return new StoreError(`无法写入 ${dirname(dbFile)}（只读或没有权限）；原数据库保持不变。`);
  return err as Error;
}

/** Temp files of runs that were killed: removed, unless their process is still running. */
function removeStaleTemps(dbFile: string): void {
  const prefix = `${basename(dbFile)}.tmp-`;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(dbFile));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(dirname(dbFile), name), { force: true });
  }
}

export interface IngestOptions {
  force?: boolean;
  /** Where PDF text extracted by preparePdfs is kept (default: beside the database). */
  pdfCache?: string;
  /** Refuse to grow the database beyond this many bytes (protects the disk). */
  maxBytes?: number;
}

/**
 * Loads every document of the directories (text files, and PDFs already extracted by preparePdfs)
 * into a new database and swaps it in. Synchronous: one transaction, one document in memory at a time.
 */
export function ingestDirectory(dataDirs: string | string[], dbFile: string, { force = false, maxBytes, pdfCache = defaultPdfCache(dbFile) }: IngestOptions = {}): IngestReport {
  const started = performance.now();
  // Streamed: one document in memory at a time, first to fingerprint the set, then to parse it.
  const inputs = inputsOf(typeof dataDirs === 'string' ? [dataDirs] : dataDirs);
  const fingerprint = fingerprintOf(inputs);
  if (!force && existsSync(dbFile) && storedFingerprint(dbFile) === fingerprint) {
    return { dbFile, files: inputs.length, ...countsOf(dbFile), unchanged: true, replaced: false, millis: performance.now() - started };
  }

  const tmp = `${dbFile}.tmp-${process.pid}`;
  removeStaleTemps(dbFile);
  rmSync(tmp, { force: true });
  let db: ReturnType<typeof createDatabase>;
  try {
    db = createDatabase(tmp);
    if (maxBytes) db.pragma(`max_page_count = ${Math.max(8, Math.floor(maxBytes / (db.pragma('page_size', { simple: true }) as number)))}`);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw storageError(err, dbFile);
  }
  const report: IngestReport = { dbFile, files: inputs.length, disclosures: 0, figures: 0, findings: 0, rejected: [], duplicates: [], unchanged: false, replaced: false, millis: 0 };
  try {
    const writer = createWriter(db);
    db.transaction(() => {
      // Only where each disclosure came from is kept, not the parsed disclosure: memory stays flat
      // as the corpus grows. The rare duplicate re-reads its kept twin to compare them.
      const loaded = new Map<string, { id: number; input: Input; index: number }>();
      for (const input of inputs) {
        try {
          const t0 = performance.now();
          const disclosures = readInput(input, pdfCache);
          const t1 = performance.now();
          report.parseMs = (report.parseMs ?? 0) + (t1 - t0);
          for (const [index, d] of disclosures.entries()) {
            // One disclosure in two files (a PDF beside its text layer): keep the first, check the other.
            const key = [d.department, d.unitName, d.year, d.kind, d.scope].join('|');
            const kept = loaded.get(key);
            if (kept) {
              const keptSource = kept.input.name;
              const differences = compareDisclosures(readInput(kept.input, pdfCache)[kept.index], d);
              writer.duplicate(input.name, keptSource, differences.length);
              report.duplicates.push({ source: input.name, keptSource, differences: differences.length });
              if (differences.length) {
                writer.addFinding(kept.id, { rule: 'two-files-differ', severity: 'warning', table: '全文', line: 1, message: `${input.name} 与 ${keptSource} 是同一份预算，但有 ${differences.length} 处数字不同：${differences.slice(0, 5).join('；')}` });
                report.findings++;
              }
              continue;
            }
            const w0 = performance.now();
            const bounded = boundAmounts(d);
            const { id, figures } = writer.insertDisclosure(bounded, input.sha);
            report.loadMs = (report.loadMs ?? 0) + (performance.now() - w0);
            loaded.set(key, { id, input, index });
            report.figures += figures;
            // 勾稽问题 are inconsistencies; information (rounding, unverified figures) is listed apart.
            report.findings += bounded.findings.filter((f) => f.severity !== 'info').length;
            report.disclosures++;
          }
        } catch (err) {
          // A storage failure (disk full, I/O) is not the document's fault: it aborts the whole run.
          if (/^SQLITE_/.test((err as { code?: string }).code ?? '')) throw err;
          // A bad document is reported and skipped; it never takes the others down.
          const reason = err instanceof DocumentError ? err.message : `解析时出错：${(err as Error).message}`;
          report.rejected.push({ source: input.name, reason });
          writer.reject(input.name, reason);
        }
      }
      deriveTables(db);
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      meta.run('fingerprint', fingerprint);
      meta.run('parser_version', PARSER_VERSION);
      meta.run('built_at', new Date().toISOString());
      meta.run('figures', String(report.figures));
    })();
    finishDatabase(db);
  } catch (err) {
    if (db.open) db.close();
    rmSync(tmp, { force: true });
    throw storageError(err, dbFile);
  }
  // Nothing loadable: keep whatever database there was rather than swap in an empty one.
  if (report.disclosures === 0) {
    rmSync(tmp, { force: true });
    report.millis = performance.now() - started;
    return report;
  }
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  try {
    for (const stale of ['-wal', '-shm', '-journal']) rmSync(dbFile + stale, { force: true });
    renameSync(tmp, dbFile);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw storageError(err, dbFile);
  }
  report.replaced = true;
  report.millis = performance.now() - started;
  return report;
}
