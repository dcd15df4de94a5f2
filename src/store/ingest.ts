// budget-bot ingest: every document in a directory → a new database file, swapped in atomically.
// A document that cannot be read is recorded with its reason and the others still load; a run
// that fails or is killed leaves the previous database as it was.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeDocument, DocumentError, parseDocument } from '../parse/index.js';
import { createDatabase, finishDatabase, openDatabase, StoreError } from './db.js';
import { createWriter } from './write.js';

/** Bump when the parser's output changes, so unchanged documents are parsed again. */
export const PARSER_VERSION = '3';
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
  unchanged: boolean;
  /** False when nothing could be loaded and the previous database was kept. */
  replaced: boolean;
  millis: number;
}

export function listDocuments(dataDir: string): string[] {
  if (!existsSync(dataDir)) throw new DocumentError(dataDir, `数据目录 ${dataDir} 不存在`);
  return readdirSync(dataDir).filter((f) => DOCUMENT.test(f) && !/^readme/i.test(f)).sort().map((f) => join(dataDir, f));
}

function fingerprintOf(files: { name: string; sha: string }[]): string {
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
      findings: n('SELECT count(*) n FROM findings'),
      rejected: db.prepare('SELECT source, reason FROM rejected ORDER BY source').all() as { source: string; reason: string }[],
    };
  } finally {
    db.close();
  }
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
  /** Refuse to grow the database beyond this many bytes (protects the disk). */
  maxBytes?: number;
}

export function ingestDirectory(dataDir: string, dbFile: string, { force = false, maxBytes }: IngestOptions = {}): IngestReport {
  const started = performance.now();
  const paths = listDocuments(dataDir);
  // Streamed: one document in memory at a time, first to fingerprint the set, then to parse it.
  const inputs = paths.map((p) => ({ path: p, name: basename(p), sha: createHash('sha256').update(readFileSync(p)).digest('hex') }));
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
  const report: IngestReport = { dbFile, files: inputs.length, disclosures: 0, figures: 0, findings: 0, rejected: [], unchanged: false, replaced: false, millis: 0 };
  try {
    const writer = createWriter(db);
    db.transaction(() => {
      for (const input of inputs) {
        try {
          const bytes = readFileSync(input.path);
          if (bytes.length > MAX_DOCUMENT_BYTES) throw new DocumentError(input.name, `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB），不像是一份预算公开文件`);
          const disclosures = parseDocument(decodeDocument(bytes, input.name), input.name);
          for (const d of disclosures) {
            report.figures += writer.insertDisclosure(d, input.sha).figures;
            report.findings += d.findings.length;
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
