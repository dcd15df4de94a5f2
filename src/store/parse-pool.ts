// The parse threads of an ingest, started once per run with the compiled code, each taking documents
// in batches while the writer thread (which owns the database) inserts; shared-parse.ts decides
// which documents they get and puts the results back in input order.
// Plain worker_threads rather than a pool library: a batch is posted to a thread the moment it is
// started, so a thread starts parsing while the writer is still opening the database.
import { Worker } from 'node:worker_threads';
import type { Input, Parsed } from './parse-input.js';
import type { ParseBatch, ParsedBatch, ParsedTransfer } from './parse-worker.js';
import { fromPlain } from './transfer.js';

/**
 * The worker's entry: the compiled bundle beside this one in dist/, or, running the TypeScript
 * sources (tests, bench), the shim that registers tsx in the worker first.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './parse-worker.mjs' : './parse-worker.js';

/** A batch is closed at this much text or this many documents: few messages, yet an even spread. */
const BATCH_BYTES = 256 * 1024;
export const BATCH_DOCUMENTS = 8;

export interface ParsePool {
  parse(input: Input): Promise<Parsed>;
  destroy(): Promise<void>;
}

export function fromTransfer(t: ParsedTransfer): Parsed {
  return t.ok ? { ...t, disclosures: t.disclosures.map(fromPlain) } : t;
}

interface Pending {
  input: Input;
  resolve: (p: Parsed) => void;
  reject: (e: Error) => void;
}

export function createParsePool(threads: number, pdfCache: string): ParsePool {
  const url = new URL(WORKER_ENTRY, import.meta.url);
  const workers = Array.from({ length: threads }, () => ({ worker: new Worker(url), inFlight: new Map<number, Pending[]>() }));
  let nextId = 0;
  let batch: Pending[] = [];
  let batchBytes = 0;
  let failure: Error | null = null;

  const fail = (err: Error) => {
    failure ??= err;
    for (const w of workers) for (const [, pending] of w.inFlight) for (const p of pending) p.reject(failure);
    for (const w of workers) w.inFlight.clear();
  };
  for (const w of workers) {
    w.worker.on('message', ({ id, results }: ParsedBatch) => {
      const pending = w.inFlight.get(id)!;
      w.inFlight.delete(id);
      results.forEach((r, i) => pending[i].resolve(fromTransfer(r)));
    });
    w.worker.on('error', fail);
    w.worker.on('exit', (code) => w.inFlight.size && fail(new Error(`解析线程意外退出（${code}）`)));
  }

  /** Posts the open batch to the thread with the least queued; the thread picks it up as soon as it can. */
  const flush = () => {
    if (!batch.length) return;
    const w = workers.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = nextId++;
    w.inFlight.set(id, batch);
    w.worker.postMessage({ id, inputs: batch.map((p) => p.input), pdfCache } satisfies ParseBatch);
    batch = [];
    batchBytes = 0;
  };

  return {
    parse: (input) =>
      new Promise<Parsed>((resolve, reject) => {
        if (failure) return reject(failure);
        // Inputs asked for in one turn of the event loop share batches; a full batch goes at once.
        if (!batch.length) queueMicrotask(flush);
        batch.push({ input, resolve, reject });
        batchBytes += input.bytes ?? 0;
        if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_DOCUMENTS) flush();
      }),
    // Workers only parse (pure JavaScript, no native state), so they can be stopped mid-batch.
    destroy: async () => {
      failure ??= new Error('解析线程已停止');
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
