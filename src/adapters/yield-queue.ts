// Work that must not hold up acknowledgements: jobs run one per turn of the event loop, so the
// requests arriving meanwhile are read and acknowledged between them (an acknowledgement is a few
// microseconds of work; an answer may be milliseconds). Under a burst every ack goes out first
// and answers follow, instead of the last ack waiting for every answer before it.

export function createYieldQueue() {
  const jobs: (() => void)[] = [];
  let scheduled = false;
  const drain = () => {
    const job = jobs.shift();
    job?.();
    if (jobs.length) setImmediate(drain);
    else scheduled = false;
  };
  return {
    /** Jobs queued and not yet run. */
    pending: () => jobs.length,
    run<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        jobs.push(() => {
          try {
            resolve(fn());
          } catch (err) {
            reject(err);
          }
        });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}
