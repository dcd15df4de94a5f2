// Threads that extract PDF text (pdf.js runs on the thread that calls it): the parse worker's own
// thread entry, asked to extract instead of parse, so the compiled build has one worker bundle.
import { Worker } from 'node:worker_threads';
import type { CachedPdf } from './prepare.js';

/** The parse worker's entry: beside this bundle in dist/, or the tsx shim when the sources run. */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? '../store/parse-worker.mjs' : './parse-worker.js';

export interface ExtractRequest { kind: 'extract'; id: number; parts: string[] }
export interface ExtractReply { kind: 'extracted'; id: number; entry: CachedPdf }

export interface ExtractPool {
  /** One document's cache entry, extracted on the next free thread. */
  extract(parts: string[]): Promise<CachedPdf>;
  /** Stops every thread at once (an interrupted ingest): pending extractions reject. */
  destroy(): Promise<void>;
}

export function createExtractPool(threads: number): ExtractPool {
  const url = new URL(WORKER_ENTRY, import.meta.url);
  const idle: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  const pending = new Map<number, { resolve: (e: CachedPdf) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let stopped = false;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(url);
    worker.on('message', (m: ExtractReply) => {
      if (m.kind !== 'extracted') return;
      pending.get(m.id)?.resolve(m.entry);
      pending.delete(m.id);
      release(worker);
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => !stopped && pending.size && fail(new Error(`PDF 提取线程意外退出（${code}）`)));
    idle.push(worker);
    return worker;
  });
  const fail = (err: Error) => {
    for (const [, p] of pending) p.reject(err);
    pending.clear();
  };
  const release = (w: Worker) => {
    const take = waiting.shift();
    if (take) take(w);
    else idle.push(w);
  };
  const acquire = () => new Promise<Worker>((r) => (idle.length ? r(idle.pop()!) : waiting.push(r)));
  return {
    async extract(parts) {
      const worker = await acquire();
      if (stopped) throw new Error('PDF 提取线程已停止');
      const id = nextId++;
      return new Promise<CachedPdf>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'extract', id, parts } satisfies ExtractRequest);
      });
    },
    async destroy() {
      if (stopped) return;
      stopped = true;
      fail(new Error('PDF 提取线程已停止'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
