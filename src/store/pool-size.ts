// How many parse threads an ingest starts, decided from the corpus (its documents' bytes) and the
// machine's cores with costs measured on the corpus (docs/PERFORMANCE.md). Threads parse and make
// the search rows; the writer thread rebuilds their results and inserts. A thread pays off once what
// it saves — the writer's inserts running while it parses, less moving each result between threads —
// exceeds what it costs before saving anything: its start, and warming the parser's code a second
// time. More threads pay off while the writer would otherwise wait for them, and only on cores the
// writer does not need (on two cores, two threads and the writer took 10–20 % longer than one).

/** Costs measured with the compiled code on two cores (docs/PERFORMANCE.md, "Inline below 3.6 MB"). */
export const PARSE_COSTS = {
  /** Parsing a KB of a document's file (UTF-8 text) and making its search rows, code still cold: the 39 corpus texts, 1.65 MB, in 1.3 s. */
  parseMsPerKb: 0.8,
  /** The writer's share per KB: rebuilding a thread's result and inserting it with its search rows (≈ 0.55× parsing). */
  writeMsPerKb: 0.45,
  /**
   * A thread's cost before it saves anything: starting it and warming the parser's code again. Fitted
   * with threadGainMsPerKb to two side-by-side runs: a thread lost 0.18 s on 1.65 MB and won 0.47 s on 8.7 MB.
   */
  threadCostMs: 330,
  /** What a thread saves per KB of text once started (the same fit). */
  threadGainMsPerKb: 0.09,
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
  // Below about 3.6 MB a thread costs more than it saves: the writer parses.
  if ((bytes / 1024) * costs.threadGainMsPerKb < costs.threadCostMs) return 0;
  // Enough threads that parsing keeps pace with the writer, on the cores the writer leaves free.
  return Math.min(maxThreads, Math.max(1, cores - 1), Math.ceil(costs.parseMsPerKb / costs.writeMsPerKb));
}
