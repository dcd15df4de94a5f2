// budget-bot ingest: every document in a directory → a new database file, swapped in atomically.
// A document that cannot be read is recorded with its reason and the others still load; a run
// that fails, is killed or is interrupted leaves the previous database as it was.
// Two drivers share one build (build.ts): ingestDirectory parses on the calling thread
// (synchronous, for tests and small corpora); ingest parses on a worker pool with this thread as
// the only writer, reports progress and can be interrupted.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openDatabase, StoreError } from './db.js';
import { openBuild, storageError, type Build } from './build.js';
import { PARSER_VERSION, storedMeta } from './meta.js';
import { inputsOf, PARSE_BUDGET_MS, parseInput, WRITER_BUDGET_MS } from './parse-input.js';
import { BATCH_DOCUMENTS, createParsePool, type ParsePool } from './parse-pool.js';
import { sharedParse } from './shared-parse.js';
import { poolSize } from './pool-size.js';

export { listDocuments, MAX_DOCUMENT_BYTES } from './parse-input.js';

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
  /**
   * Time reading and parsing documents, making their search rows, and inserting them, each
   * summed over documents (with workers, parse and search-row time is spent on several threads at once).
   */
  parseMs?: number;
  segmentMs?: number;
  loadMs?: number;
  /** Parse workers used (0: parsed on the writer's thread). */
  workers?: number;
  /** False when nothing could be loaded and the previous database was kept. */
  replaced: boolean;
  millis: number;
}

/** The default PDF extraction cache: beside the database, derived data like it. */
export function defaultPdfCache(dbFile: string): string {
  return join(dirname(dbFile), 'pdf-text-cache');
}

function fingerprintOf(files: { name: string; sha: string }[]): string {
  // The parser version and every file's content: any change rebuilds.
  const h = createHash('sha256').update(`parser ${PARSER_VERSION}\n`);
  for (const f of files) h.update(`${f.name} ${f.sha}\n`);
  return h.digest('hex');
}

function unchangedReport(dbFile: string, files: number, started: number): IngestReport {
  const db = openDatabase(dbFile);
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      dbFile, files, unchanged: true, replaced: false,
      disclosures: n('SELECT count(*) n FROM documents'),
      figures: Number((db.prepare("SELECT value FROM meta WHERE key = 'figures'").get() as { value: string }).value),
      findings: n("SELECT count(*) n FROM findings WHERE severity != 'info'"),
      rejected: db.prepare('SELECT source, reason FROM rejected ORDER BY source').all() as { source: string; reason: string }[],
      duplicates: (db.prepare('SELECT source, kept_source, differences FROM duplicates ORDER BY source').all() as { source: string; kept_source: string; differences: number }[])
        .map((r) => ({ source: r.source, keptSource: r.kept_source, differences: r.differences })),
      millis: performance.now() - started,
    };
  } finally {
    db.close();
  }
}

export interface IngestOptions {
  force?: boolean;
  /** Where PDF text extracted by preparePdfs is kept (default: beside the database). */
  pdfCache?: string;
  /** Refuse to grow the database beyond this many bytes (protects the disk). */
  maxBytes?: number;
  /**
   * When the run began (performance.now()), if before this call — a CLI ingest extracts PDF text
   * first: the time reported is the wall time the user waited, start to swap.
   */
  startedAt?: number;
}

/** The inputs and, unless they are unchanged, a build to load them into. */
function begin(dataDirs: string | string[], dbFile: string, o: IngestOptions & { pdfCache: string }, onHashed?: (done: number, total: number) => void) {
  const started = o.startedAt ?? performance.now();
  const dirs = typeof dataDirs === 'string' ? [dataDirs] : dataDirs;
  const inputs = inputsOf(dirs, onHashed);
  const fingerprint = fingerprintOf(inputs);
  if (!o.force && storedMeta(dbFile, 'fingerprint') === fingerprint) return { inputs, unchanged: unchangedReport(dbFile, inputs.length, started) };
  return { inputs, open: () => openBuild(dbFile, { files: inputs.length, fingerprint, pdfCache: o.pdfCache, maxBytes: o.maxBytes, started, dataDirs: dirs.map((d) => resolve(d)) }) };
}

/**
 * Loads every document of the directories (text and Word files, and PDFs already extracted by preparePdfs)
 * into a new database and swaps it in. Synchronous, on this thread: one document in memory at a time.
 */
export function ingestDirectory(dataDirs: string | string[], dbFile: string, { pdfCache = defaultPdfCache(dbFile), ...o }: IngestOptions = {}): IngestReport {
  const b = begin(dataDirs, dbFile, { ...o, pdfCache });
  if (b.unchanged) return b.unchanged;
  const build = b.open();
  try {
    for (const input of b.inputs) build.add(input, parseInput(input, pdfCache));
  } catch (err) {
    build.abort();
    throw storageError(err, dbFile);
  }
  return { ...build.finish(), workers: 0 };
}

export type IngestPhase = 'hash' | 'parse' | 'index';
export interface IngestProgress { phase: IngestPhase; done: number; total: number; rejected: number }

export interface ParallelIngestOptions extends IngestOptions {
  /** Parse threads; 0 parses on this thread. Default: as many as the corpus's size repays (pool-size.ts), at most one per core. */
  workers?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Aborting stops the run: the temp file is removed, the old database stays, and IngestInterrupted is thrown. */
  signal?: AbortSignal;
  /**
   * Runs work during which no handler can run (hashing the files) and nothing of the run is on disk
   * yet: the CLI lets Ctrl-C end the process at once meanwhile.
   */
  uninterruptible?: <T>(work: () => T) => T;
  /** How long a document may hold the writer's thread before a thread parses it instead (default WRITER_BUDGET_MS). */
  writerBudgetMs?: number;
}

/** Thrown when an ingest is interrupted (Ctrl-C): nothing was changed. */
export class IngestInterrupted extends StoreError {
  constructor(dbFile: string) {
    super(`已中断：原数据库 ${dbFile} 保持不变，临时文件已删除。`);
    this.name = 'IngestInterrupted';
  }
}

/**
 * ingestDirectory with parsing spread over worker threads and this thread as the single writer:
 * the same database, the same order of documents, the same report.
 */
export async function ingest(dataDirs: string | string[], dbFile: string, { pdfCache = defaultPdfCache(dbFile), workers, onProgress, signal, uninterruptible, writerBudgetMs = WRITER_BUDGET_MS, ...o }: ParallelIngestOptions = {}): Promise<IngestReport> {
  // Listing and hashing every file is synchronous and writes nothing: Ctrl-C may end it outright.
  const b = (uninterruptible ?? ((work) => work()))(() => begin(dataDirs, dbFile, { ...o, pdfCache }, (done, total) => onProgress?.({ phase: 'hash', done, total, rejected: 0 })));
  if (b.unchanged) return b.unchanged;
  if (signal?.aborted) throw new IngestInterrupted(dbFile);
  const cores = availableParallelism();
  // Threads where the corpus repays them (pool-size.ts), else this thread — within a short budget a
  // document, since a signal (Ctrl-C) or, in the bot, every chat request waits for a document parsed
  // here: a longer one goes to a thread (terminated at once on Ctrl-C). Only `workers: 0` parses
  // everything here with the full budget.
  const threads = workers ?? poolSize({ bytes: b.inputs.reduce((n, i) => n + (i.bytes ?? 0), 0), cores });
  const hereBudgetMs = workers === 0 ? PARSE_BUDGET_MS : writerBudgetMs;
  let pool: ParsePool | null = null;
  let build: Build | null = null;
  // Settles (rejects) the moment the signal fires: the writer never waits for a parse under way to
  // finish before stopping (that took about 9 s); the pool's threads are terminated mid-document.
  const interrupted = new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(new IngestInterrupted(dbFile));
    signal.addEventListener('abort', () => reject(new IngestInterrupted(dbFile)), { once: true });
  });
  interrupted.catch(() => {});
  try {
    let done = 0;
    let yielded = performance.now();
    onProgress?.({ phase: 'parse', done, total: b.inputs.length, rejected: 0 });
    const documents = sharedParse(b.inputs, {
      parseHere: (input) => parseInput(input, pdfCache, { budgetMs: hereBudgetMs }),
      pool: () => (pool = createParsePool(Math.max(1, threads), pdfCache)),
      eager: threads > 0,
      // A few batches a thread, so none waits on the writer.
      window: threads * 3 * BATCH_DOCUMENTS,
      ahead: 2 * BATCH_DOCUMENTS,
      handOff: hereBudgetMs < PARSE_BUDGET_MS,
      signal,
    })[Symbol.asyncIterator]();
    let step = documents.next();
    // Should opening the build fail below, the step may reject later (its pool stopped): not unhandled.
    step.catch(() => {});
    build = b.open();
    for (; ; step = documents.next()) {
      // Left behind by an interrupt, the step rejects once the pool stops: that is expected, not unhandled.
      step.catch(() => {});
      const next = await Promise.race([step, interrupted]);
      if (next.done) break;
      const [input, parsed] = next.value;
      if (signal?.aborted) throw new IngestInterrupted(dbFile);
      for (const _ of build!.steps(input, parsed)) {
        // Inserting a long document takes a while here: Ctrl-C gets a turn between its disclosures.
        if (performance.now() - yielded > 50) {
          await new Promise((r) => setImmediate(r));
          yielded = performance.now();
          if (signal?.aborted) throw new IngestInterrupted(dbFile);
        }
      }
      onProgress?.({ phase: 'parse', done: ++done, total: b.inputs.length, rejected: build!.report.rejected.length });
      // Parsing inline never waits on anything: give a signal handler (Ctrl-C) a turn now and then.
      if (performance.now() - yielded > 50) {
        await new Promise((r) => setImmediate(r));
        yielded = performance.now();
      }
    }
    await (pool as ParsePool | null)?.destroy();
    if (signal?.aborted) throw new IngestInterrupted(dbFile);
    onProgress?.({ phase: 'index', done: 0, total: 1, rejected: build!.report.rejected.length });
    const report = build!.finish();
    onProgress?.({ phase: 'index', done: 1, total: 1, rejected: report.rejected.length });
    return { ...report, workers: pool ? Math.max(1, threads) : 0 };
  } catch (err) {
    build?.abort();
    await (pool as ParsePool | null)?.destroy().catch(() => {});
    throw storageError(err, dbFile);
  }
}
