// Vitest global setup: one line at the start of `npm test` when the outside corpus is absent, so the
// skipped tests are explained where the run begins, not only in their names.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default function corpusNotice(): void {
  const shared = resolve(process.env.BUDGET_BOT_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared'));
  if (!existsSync(join(shared, 'corpus', 'text'))) {
    console.log(`[budget-bot] ${join(shared, 'corpus')} not found: the tests on outside documents are skipped; the tests on the five bundled seeds run.`);
  }
}
