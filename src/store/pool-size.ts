// How many parse threads an ingest starts, decided from the corpus (its documents' bytes) and the
// machine's cores with costs measured on the corpus (docs/PERFORMANCE.md, "A pool that pays off").
// The writer thread loads jieba's dictionary for the search index while the threads parse, so a
// thread pays off once it has more to parse than its own start costs, and more threads pay off only
// when parsing would outlast the dictionary's load on fewer.

/** CPU costs relative to one another (measured with the compiled code; their ratios are what matter). */
export const PARSE_COSTS = {
  /** Parsing a KB of a document's file (UTF-8 text), code still cold: the 39 corpus texts, 1.65 MB, in 1.26 s. */
  parseMsPerKb: 0.75,
  /** Starting a thread with the compiled parser, ready for its first batch. */
  threadStartMs: 120,
  /** Loading jieba's dictionary on the writer's thread, which the threads' parsing overlaps. */
  dictionaryMs: 2900,
  // Measured together on one shared machine (CPU time): only their ratios enter the decision.
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
  // Enough threads that parsing ends about when the dictionary is loaded; never more than the cores.
  return Math.min(maxThreads, cores, Math.max(1, Math.ceil(parseMs / costs.dictionaryMs)));
}
