// Work that must not hold up acknowledgements: jobs run one per turn of the event loop, so the
// requests arriving meanwhile are read and acknowledged between them (an acknowledgement is a few
// microseconds of work; an answer may be milliseconds). Under a burst every ack goes out first
// and answers follow, instead of the last ack waiting for every answer before it.

export interface YieldQueueOptions {
  /**
   * False while requests are still arriving: jobs then wait (up to maxDelayMs for the oldest),
   * so on a machine short of CPU a burst's acknowledgements all go out before its answers.
   */
  ready?: () => boolean;
  maxDelayMs?: number;
}

export function createYieldQueue({ ready = () => true, maxDelayMs = 2000 }: YieldQueueOptions = {}) {
  const jobs: { run: () => void; at: number }[] = [];
  let scheduled = false;
  const drain = () => {
    if (jobs.length && !ready() && performance.now() - jobs[0].at < maxDelayMs) {
      setTimeout(drain, 2);
      return;
    }
    jobs.shift()?.run();
    if (jobs.length) setImmediate(drain);
    else scheduled = false;
  };
  return {
    /** Jobs queued and not yet run. */
    pending: () => jobs.length,
    run<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        jobs.push({
          at: performance.now(),
          run: () => {
            try {
              resolve(fn());
            } catch (err) {
              reject(err);
            }
          },
        });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}
