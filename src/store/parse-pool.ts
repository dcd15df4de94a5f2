// The parse workers (tinypool): each thread reads, parses and segments documents; the writer
// thread that owns the database only rebuilds and inserts. Results come back in input order with
// a bounded number in flight, so memory does not grow with the corpus however fast workers run.
import Tinypool from 'tinypool';
import type { Input, Parsed } from './parse-input.js';
import type { ParsedTransfer, ParseTask } from './parse-worker.js';
import { fromPlain } from './transfer.js';

/**
 * The worker's entry: the compiled bundle beside this one in dist/, or, running the TypeScript
 * sources (tests, bench), the shim that registers tsx in the worker first.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './parse-worker.mjs' : './parse-worker.js';

export interface ParsePool {
  parse(input: Input): Promise<Parsed>;
  destroy(): Promise<void>;
}

export function fromTransfer(t: ParsedTransfer): Parsed {
  return t.ok ? { ...t, disclosures: t.disclosures.map(fromPlain) } : t;
}

export function createParsePool(workers: number, pdfCache: string): ParsePool {
  const pool = new Tinypool({
    filename: new URL(WORKER_ENTRY, import.meta.url).href,
    // All started at once: each loads the parser and jieba's dictionary (≈1 s) in parallel.
    minThreads: workers,
    maxThreads: workers,
  });
  // Tasks started and not yet settled. A worker must never be terminated in the middle of one:
  // nodejieba's native code then throws a C++ exception nothing catches and the whole process
  // aborts (seen on Ctrl-C mid-run). So destroy first lets them finish — at most the window of
  // inOrder, well under a second — and only then terminates idle threads.
  const running = new Set<Promise<unknown>>();
  return {
    parse: async (input) => {
      const task = pool.run({ input, pdfCache } satisfies ParseTask) as Promise<ParsedTransfer>;
      running.add(task);
      try {
        return fromTransfer(await task);
      } finally {
        running.delete(task);
      }
    },
    destroy: async () => {
      await Promise.allSettled([...running]);
      await pool.destroy();
    },
  };
}

/**
 * Each input's result, in input order, with at most `window` parses started ahead of the one the
 * writer waits for. A failed parse (a worker that could not start) rejects; documents that cannot
 * be read are results, not failures.
 */
export async function* inOrder(inputs: Input[], parse: (input: Input) => Promise<Parsed>, window: number): AsyncGenerator<[Input, Parsed]> {
  const queue: Promise<Parsed>[] = [];
  let next = 0;
  const start = () => {
    const p = parse(inputs[next++]);
    // Awaited in turn below; until then, a rejection must not count as unhandled.
    p.catch(() => {});
    queue.push(p);
  };
  while (queue.length < window && next < inputs.length) start();
  for (let i = 0; i < inputs.length; i++) {
    const parsed = await queue.shift()!;
    if (next < inputs.length) start();
    yield [inputs[i], parsed];
  }
}
