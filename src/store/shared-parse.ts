// Where each document of an ingest is parsed: on the pool's threads when the corpus repays them
// (pool-size.ts), else on the writer's own thread, in input order either way. A document parsed on
// the writer's thread must stay short when the run is interruptible, since a signal handler (Ctrl-C)
// cannot run meanwhile: one that outlasts the short budget there is handed to a thread (started for
// it) with the full budget, and the writer parses the next ones while that thread works.
//
// Both at once — the writer parsing whenever the thread's next result is late — was measured and
// is not done: on two cores it was slower than either alone (1.51 s against 1.42 s with a thread and
// 1.26 s inline on the 39 corpus texts; 4.0 s against 3.6 s with a thread on 200 synthetic documents),
// each thread warming the parser's code again and V8's compiler and GC threads needing the second core.
import type { Input, Parsed } from './parse-input.js';
import type { ParsePool } from './parse-pool.js';

export interface SharedParseOptions {
  /** Parses on this thread; `overBudget` when its budget ran out (a thread then parses it). */
  parseHere: (input: Input) => Parsed;
  /** The pool, made on first use. */
  pool: () => ParsePool;
  /** Every document to the pool (threads repay themselves for this corpus); else only those too long for this thread. */
  eager: boolean;
  /** Documents in flight on the pool ahead of the one the writer waits for, so no thread waits for the writer. */
  window: number;
  /** How far past a document a thread is parsing this thread may go on (results held in memory meanwhile). */
  ahead: number;
  /** Whether a document over this thread's budget goes to a thread (false: this thread had the full budget, its rejection stands). */
  handOff: boolean;
  /** Stops parsing here once it fires (Ctrl-C): the writer has given up waiting. */
  signal?: AbortSignal;
}

interface Slot {
  parsed?: Parsed;
  pending?: Promise<Parsed>;
}

/** Each input with its result, in input order. */
export async function* sharedParse(inputs: Input[], o: SharedParseOptions): AsyncGenerator<[Input, Parsed]> {
  const slots: Slot[] = inputs.map(() => ({}));
  let pool: ParsePool | null = null;
  let assigned = 0;

  const toPool = (i: number) => {
    pool ??= o.pool();
    const p = pool.parse(inputs[i]);
    // Awaited in turn below; until then, a rejection must not count as unhandled.
    p.then((parsed) => (slots[i].parsed = parsed), () => {});
    slots[i].pending = p;
  };
  const parseHere = (i: number) => {
    const parsed = o.parseHere(inputs[i]);
    if (!parsed.ok && parsed.overBudget && o.handOff) toPool(i);
    else slots[i].parsed = parsed;
  };

  for (let i = 0; i < inputs.length && !o.signal?.aborted; i++) {
    const slot = slots[i];
    // Refilled half a window at a time, so the pool gets whole batches rather than one document each.
    if (o.eager && assigned - i <= o.window / 2) while (assigned < Math.min(inputs.length, i + o.window)) toPool(assigned++);
    if (i === assigned) parseHere(assigned++);
    while (!slot.parsed) {
      if (o.signal?.aborted) return;
      if (!o.eager && assigned < Math.min(inputs.length, i + o.ahead)) {
        // A long document is on a thread: parse the next ones here meanwhile, letting its result in between.
        parseHere(assigned++);
        await new Promise((r) => setImmediate(r));
      } else {
        await slot.pending;
      }
    }
    const parsed = slot.parsed;
    slots[i] = {};
    yield [inputs[i], parsed];
  }
}
