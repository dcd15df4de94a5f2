// One ingest's new database: a temp file built in one transaction by one writer, then swapped
// over the old file atomically. Whoever parses (this thread or a worker pool) hands each input's
// result to `add` in input order; `abort` at any point leaves the old database as it was.
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { compareDisclosures } from '../parse/check/compare.js';
import type { Disclosure } from '../parse/types.js';
import { boundAmounts } from './bound-amounts.js';
import { createDatabase, finishDatabase, StoreError } from './db.js';
import type { IngestReport } from './ingest.js';
import { readInput, rejectionOf, type Input, type Parsed } from './parse-input.js';
import { createWriter, searchEntriesOf, type SearchEntry } from './write.js';

import { PARSER_VERSION } from './meta.js';

/** A storage failure as a message the operator can act on; the previous database is untouched. */
export function storageError(err: unknown, dbFile: string): Error {
  const code = (err as { code?: string }).code ?? '';
  if (['SQLITE_IOERR_WRITE', 'SQLITE_IOERR', 'EFBIG'].includes(code)) return new StoreError(`写入 ${dbFile} 失败（磁盘已满、超过文件大小限制或磁盘错误）；原数据库保持不变。`);
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

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The database's write lock: `<db>.lock`, created exclusively, holding the builder's pid. Two ingests
 * into one database both used to report success, the later silently winning; now the second is
 * refused while the first runs. A lock left by a killed run (its process gone) is taken over.
 * Returns the release function.
 */
export function lockDatabase(dbFile: string): () => void {
  const lock = `${dbFile}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(lock, 'utf8').trim());
    } catch {
      /* removed meanwhile: try again */
    }
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new StoreError(`另一个导入正在写入 ${dbFile}（进程 ${pid}），请等它结束后再试；本次未做任何改动。（若确认没有导入在运行，可删除 ${lock}）`);
    }
    rmSync(lock, { force: true });
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

export interface Build {
  report: IngestReport;
  /** Writes one input's parse result (or its rejection). Storage failures throw; call abort then. */
  add(input: Input, parsed: Parsed): void;
  /**
   * `add`, one disclosure at a time: a long document's inserting takes seconds on this
   * thread, and a caller that must stay interruptible (Ctrl-C) gives the event loop a turn between them.
   */
  steps(input: Input, parsed: Parsed): Generator<void>;
  /** Derives the summary tables, commits, makes the file durable and swaps it in. */
  finish(): IngestReport;
  /** Drops the temp file: the old database stays. Safe to call more than once. */
  abort(): void;
}

/** `dataDirs`: the folders built from, recorded so the running bot can rebuild from the same ones when a document is added in chat. */
export function openBuild(dbFile: string, o: { files: number; fingerprint: string; pdfCache: string; maxBytes?: number; started: number; dataDirs?: string[] }): Build {
  const tmp = `${dbFile}.tmp-${process.pid}`;
  let unlock: () => void;
  try {
    unlock = lockDatabase(dbFile);
  } catch (err) {
    // A folder where no file can be made (as /proc gives ENOENT) is one that cannot be written.
    throw storageError((err as { code?: string }).code === 'ENOENT' ? { code: 'SQLITE_CANTOPEN' } : err, dbFile);
  }
  removeStaleTemps(dbFile);
  rmSync(tmp, { force: true });
  let db: ReturnType<typeof createDatabase>;
  try {
    db = createDatabase(tmp);
    if (o.maxBytes) db.pragma(`max_page_count = ${Math.max(8, Math.floor(o.maxBytes / (db.pragma('page_size', { simple: true }) as number)))}`);
    // One transaction for the whole build (BEGIN/COMMIT rather than db.transaction(), which cannot
    // span the awaits of a worker pool). Nothing else ever opens the temp file.
    db.exec('BEGIN');
  } catch (err) {
    rmSync(tmp, { force: true });
    unlock();
    throw storageError(err, dbFile);
  }
  const report: IngestReport = { dbFile, files: o.files, disclosures: 0, figures: 0, findings: 0, rejected: [], duplicates: [], unchanged: false, replaced: false, millis: 0, parseMs: 0, segmentMs: 0, loadMs: 0 };
  const writer = createWriter(db);
  // Only where each disclosure came from is kept, not the parsed disclosure: memory stays flat
  // as the corpus grows. The rare duplicate re-reads its kept twin to compare them.
  const loaded = new Map<string, { id: number; input: Input; index: number }[]>();

  function reject(input: Input, reason: string): void {
    report.rejected.push({ source: input.name, reason });
    writer.reject(input.name, reason);
  }

  /**
   * The kept twin's disclosures, read again on this thread: the last one read is remembered, so the
   * copies of one document (each of its disclosures a duplicate) read it once, not once per disclosure
   * per copy; it was parsed within its budget once already.
   */
  let twin: { input: Input; disclosures: Disclosure[] } | null = null;
  function keptDisclosures(input: Input): Disclosure[] {
    if (twin?.input !== input) twin = { input, disclosures: readInput(input, o.pdfCache) };
    return twin.disclosures;
  }

  /** The paths 查看原文 opens: the document's own name and each PDF part's, as citations name them. */
  function recordSourceFiles(input: Input): void {
    const paths = input.format === 'pdf' ? input.pdf.parts : [input.path];
    writer.sourceFile(input.name, resolve(paths[0]));
    for (const part of input.format === 'pdf' ? paths : []) writer.sourceFile(basename(part), resolve(part));
  }

  function insert(input: Input, d: Disclosure, index: number, entries: SearchEntry[] | undefined): void {
    // One disclosure in two files (a PDF beside its text layer): keep the first, check the other.
    // Two disclosures of one file are never one another's duplicate, whatever their names: the file
    // prints both (a 部门 budget and a unit's), and dropping one would lose its figures. The twin of
    // such a file is checked part by part.
    const key = [d.department, d.unitName, d.year, d.kind, d.scope].join('|');
    const twins = (loaded.get(key) ?? []).filter((k) => k.input !== input);
    const kept = twins.find((k) => k.index === index) ?? twins[0];
    if (kept) {
      const keptSource = kept.input.name;
      const differences = compareDisclosures(keptDisclosures(kept.input)[kept.index], d);
      writer.duplicate(input.name, keptSource, differences.length);
      report.duplicates.push({ source: input.name, keptSource, differences: differences.length });
      if (differences.length) {
        writer.addFinding(kept.id, { rule: 'two-files-differ', severity: 'warning', table: '全文', line: 1, message: `${input.name} 与 ${keptSource} 是同一份预算，但有 ${differences.length} 处数字不同：${differences.slice(0, 5).join('；')}` });
        report.findings++;
      }
      return;
    }
    const w0 = performance.now();
    const bounded = boundAmounts(d);
    const { id, figures } = writer.insertDisclosure(bounded, input.sha, entries);
    recordSourceFiles(input);
    report.loadMs! += performance.now() - w0;
    loaded.set(key, [...(loaded.get(key) ?? []), { id, input, index }]);
    report.figures += figures;
    // 勾稽问题 are inconsistencies; information (rounding, unverified figures) is listed apart.
    report.findings += bounded.findings.filter((f) => f.severity !== 'info').length;
    report.disclosures++;
  }

  let closed = false;
  function abort(): void {
    if (closed) return;
    closed = true;
    if (db.open) db.close();
    rmSync(tmp, { force: true });
    unlock();
  }

  return {
    report,
    abort,
    add(input, parsed) {
      for (const _ of this.steps(input, parsed));
    },
    *steps(input, parsed) {
      report.parseMs! += parsed.parseMs;
      if (!parsed.ok) return reject(input, parsed.reason);
      try {
        if (parsed.segmentMs !== undefined) report.segmentMs! += parsed.segmentMs;
        for (const [index, d] of parsed.disclosures.entries()) {
          const s0 = performance.now();
          const entries = parsed.entries?.[index] ?? searchEntriesOf(d);
          if (!parsed.entries) report.segmentMs! += performance.now() - s0;
          insert(input, d, index, entries);
          yield;
        }
      } catch (err) {
        // A storage failure (disk full, I/O) is not the document's fault: it aborts the whole run.
        if (/^SQLITE_/.test((err as { code?: string }).code ?? '')) throw storageError(err, dbFile);
        // A bad document is reported and skipped; it never takes the others down.
        reject(input, rejectionOf(err));
      }
    },
    finish() {
      try {
        deriveTables(db);
        const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        meta.run('fingerprint', o.fingerprint);
        meta.run('parser_version', PARSER_VERSION);
        meta.run('built_at', new Date().toISOString());
        meta.run('figures', String(report.figures));
        if (o.dataDirs) meta.run('data_dirs', JSON.stringify(o.dataDirs));
        db.exec('COMMIT');
        finishDatabase(db);
      } catch (err) {
        abort();
        throw storageError(err, dbFile);
      }
      // Nothing loadable: keep whatever database there was rather than swap in an empty one.
      if (report.disclosures === 0) {
        abort();
        report.millis = performance.now() - o.started;
        return report;
      }
      const fd = openSync(tmp, 'r');
      fsyncSync(fd);
      closeSync(fd);
      try {
        for (const stale of ['-wal', '-shm', '-journal']) rmSync(dbFile + stale, { force: true });
        renameSync(tmp, dbFile);
      } catch (err) {
        abort();
        throw storageError(err, dbFile);
      }
      closed = true;
      unlock();
      report.replaced = true;
      report.millis = performance.now() - o.started;
      return report;
    },
  };
}
