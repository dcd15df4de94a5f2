// How many parse threads an ingest starts, decided from the corpus (its documents' bytes) and the
// machine's cores with costs measured on the corpus (docs/PERFORMANCE.md, "A pool that pays off").
// Threads parse and make the search rows; the writer thread rebuilds their results and inserts. A
// thread pays off once it has more to parse than its own start costs; more threads pay off while
// the writer would otherwise wait for them, and only on cores the writer does not need (on two
// cores, two threads and the writer took 10–20 % longer than one thread: measured, PERFORMANCE.md).

/** CPU costs relative to one another (measured with the compiled code; their ratios are what matter). */
export const PARSE_COSTS = {
  /** Parsing a KB of a document's file (UTF-8 text) and making its search rows, code still cold: the 39 corpus texts, 1.65 MB, in 1.3 s. */
  parseMsPerKb: 0.8,
  /** Starting a thread with the compiled parser, ready for its first batch. */
  threadStartMs: 120,
  /** The writer's share per KB: rebuilding a thread's result and inserting it with its search rows (≈ 0.55× parsing). */
  writeMsPerKb: 0.45,
  // Measured together on one machine (CPU time): only their ratios enter the decision.
};

export interface PoolSizeInput {
  /** The corpus's text, in bytes (a PDF's estimated). */
  bytes: number;
  cores: number;
  /** At most this many threads (default: one per core). */
  maxThreads?: number;
}

export function poolSize({ bytes, cores, maxThreads = cores }: PoolSizeInput, costs = PARSE_COSTS): number {
  // On one core a thread only takes turns with the writer.
  if (cores < 2 || maxThreads < 1) return 0;
  const parseMs = (bytes / 1024) * costs.parseMsPerKb;
  // A thread must take at least as much parsing off the writer as it costs to start.
  if (parseMs < costs.threadStartMs) return 0;
  // Enough threads that parsing keeps pace with the writer, on the cores the writer leaves free.
  return Math.min(maxThreads, Math.max(1, cores - 1), Math.ceil(costs.parseMsPerKb / costs.writeMsPerKb));
}
