// A time budget for one answer. Dispatch is synchronous (one answer at a time on the event loop), so
// the budget is cooperative: the loops whose length follows the data or the question (catalog scans,
// near-miss search, suggestions, result rows) call checkDeadline(), and an answer past its budget
// stops there with a clear message instead of holding every other user's question. Patterns that
// see user text are kept linear (test/reliability/regex-safety.test.ts), since a regex cannot stop.

export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`answer exceeded its ${budgetMs} ms budget`);
  }
}

let deadline = Infinity;
let budget = 0;

/** Runs `work` with a budget of `ms`; nested calls keep the earlier (outer) deadline if it is sooner. */
export function withinBudget<T>(ms: number, work: () => T): T {
  const [outerDeadline, outerBudget] = [deadline, budget];
  const mine = performance.now() + ms;
  if (mine < deadline) [deadline, budget] = [mine, ms];
  try {
    return work();
  } finally {
    [deadline, budget] = [outerDeadline, outerBudget];
  }
}

/**
 * Runs a one-time load (a dictionary, a transliteration index) outside the current answer's budget:
 * the time it takes is added back, since it is the process warming up, not this question's work.
 */
export function outsideBudget<T>(load: () => T): T {
  const started = performance.now();
  try {
    return load();
  } finally {
    if (deadline !== Infinity) deadline += performance.now() - started;
  }
}

/** Throws DeadlineExceeded when the current answer is past its budget; free outside one. */
export function checkDeadline(): void {
  if (deadline !== Infinity && performance.now() > deadline) throw new DeadlineExceeded(budget);
}
