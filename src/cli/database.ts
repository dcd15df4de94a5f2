// The database a command answers from, and the ingest runs that build one. The parser, the worker
// pool and the PDF front end load only when a database is actually built (an `ask` on an existing
// one never compiles them).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { addedDirOf } from '../added/folder.js';
import { DEFAULT_DATA_DIR, DEFAULT_DB_FILE } from '../paths.js';
import type { Progress } from '../progress.js';
import { inspectDatabase, SCHEMA_VERSION } from '../store/db.js';
import type { IngestPhase, IngestReport, ParallelIngestOptions } from '../store/ingest.js';

/** The bundled documents folder: text files, Word files and PDFs a user drops beside them. */
export function defaultDataDirs(): string[] {
  return [DEFAULT_DATA_DIR];
}

/**
 * The folders plus the documents added from chat beside the database (src/added/folder.ts): every
 * rebuild keeps them, whichever folders it was asked for.
 */
export function withAddedDocuments(dirs: string[], dbFile: string): string[] {
  const added = addedDirOf(resolve(dbFile));
  return existsSync(added) && !dirs.some((d) => resolve(d) === added) ? [...dirs, added] : dirs;
}

const PHASES: Record<IngestPhase | 'pdf', string> = { pdf: '读取 PDF 文字缓存', hash: '清点文件', parse: '解析', index: '建立索引' };

/** PDFs are extracted (once, cached) before the ingest reads them; progress, if any, covers both. */
export async function runIngest(dirs: string[], dbFile: string, opts: Omit<ParallelIngestOptions, 'pdfCache' | 'onProgress'> = {}, progress?: Progress): Promise<IngestReport> {
  // 用时 is the whole wait, PDF extraction included (it was the parse alone: 7.7 s of a 22.5 s run).
  const startedAt = performance.now();
  const { defaultPdfCache, ingest, IngestInterrupted } = await import('../store/ingest.js');
  const pdfCache = defaultPdfCache(dbFile);
  const { preparePdfs } = await import('../pdf/prepare.js');
  await preparePdfs(dirs, pdfCache, { signal: opts.signal, uninterruptible: opts.uninterruptible, onProgress: (done, total) => progress?.update({ phase: PHASES.pdf, done, total }) });
  if (opts.signal?.aborted) throw new IngestInterrupted(dbFile);
  return ingest(dirs, dbFile, { ...opts, startedAt, pdfCache, onProgress: (p) => progress?.update({ ...p, phase: PHASES[p.phase] }) });
}

/**
 * Opens the database, building it from the bundled documents first when it does not exist yet — or,
 * for the bundled database, when it was built by an older version (it is derived data: rebuilt, not migrated).
 * A damaged one is never rebuilt unasked (it may hold far more than the samples): the start stops,
 * naming the file and how to rebuild it.
 */
export async function ensureDatabase(dbFile: string, { bundled = DEFAULT_DB_FILE }: { bundled?: string } = {}): Promise<IngestReport | null> {
  if (existsSync(dbFile)) {
    const state = inspectDatabase(dbFile);
    if ('damaged' in state) throw state.damaged;
    if (resolve(dbFile) !== resolve(bundled)) return null;
    // The bundled database is derived data: rebuilt when an older schema or parser built it.
    const { PARSER_VERSION, storedMeta } = await import('../store/meta.js');
    if (state.version === SCHEMA_VERSION && storedMeta(dbFile, 'parser_version') === PARSER_VERSION) return null;
  }
  // Forced: it was found stale, whatever its fingerprint says.
  const report = await runIngest(withAddedDocuments(defaultDataDirs(), dbFile), dbFile, { force: true });
  const { formatIngestReport } = await import('../store/report.js');
  process.stderr.write(formatIngestReport(report) + '\n');
  return report;
}
