// Every shared-state call a request waits on has a short deadline, and the fail-open path the
// scaling notes promise: a PostgreSQL server that stops answering (SIGSTOP, a network black hole)
// used to hold every slash command for seconds on every replica. Now a call past its deadline (or
// failing) is answered from local state — this replica's own de-duplication memory and rate
// buckets — and the database is left alone for a while: calls during that time go straight to local
// state, one call per interval probes whether it answers again. Going down and coming back are each
// logged once, never per request.
import type { Logger } from '../core/dispatch.js';

/** How long a request waits for the shared state before answering from local state. */
export const SHARED_DEADLINE_MS = 300;
/** While unreachable, how often one call tries the database again. */
export const SHARED_RETRY_MS = 5_000;

export interface SharedGuard {
  /** The work's result within the deadline, else (or when it fails, or while down) the fallback's. */
  run<T>(what: string, work: () => Promise<T>, fallback: () => T): Promise<T>;
  /** Whether the shared state is believed unreachable now. */
  down(): boolean;
}

export function createSharedGuard({ log = () => {}, deadlineMs = SHARED_DEADLINE_MS, retryMs = SHARED_RETRY_MS, now = () => performance.now() }: { log?: Logger; deadlineMs?: number; retryMs?: number; now?: () => number } = {}): SharedGuard {
  let downSince: number | null = null;
  let retryAt = 0;
  const failed = (what: string, why: string) => {
    retryAt = now() + retryMs;
    if (downSince !== null) return;
    downSince = now();
    log({ level: 'error', source: 'postgres', message: 'shared state unreachable: answering from local state (de-duplication and rate limits per replica) until it answers again', call: what, error: why, deadlineMs });
  };
  return {
    down: () => downSince !== null,
    async run(what, work, fallback) {
      if (downSince !== null) {
        if (now() < retryAt) return fallback();
        // This call probes; the others keep to local state until it has answered.
        retryAt = now() + retryMs;
      }
      let timer: NodeJS.Timeout | undefined;
      const late = Symbol('late');
      const pending = work();
      // A call abandoned at its deadline still settles later: never an unhandled rejection.
      pending.catch(() => {});
      try {
        const result = await Promise.race([pending, new Promise<typeof late>((resolve) => { timer = setTimeout(() => resolve(late), deadlineMs); })]);
        if (result === late) {
          failed(what, `no answer within ${deadlineMs} ms`);
          return fallback();
        }
        if (downSince !== null) {
          log({ level: 'info', source: 'postgres', message: 'shared state answers again', call: what, downMs: Math.round(now() - downSince) });
          downSince = null;
        }
        return result;
      } catch (err) {
        failed(what, (err as Error).message);
        return fallback();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
