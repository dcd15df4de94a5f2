// `npm run fuzz [-- N]`: N generated inputs (default 100,000) through the dispatcher over the five
// bundled documents — hostile command text, pumped worst-case patterns and questions built from the
// catalog, a third each. Passes when no input is an internal error or a timeout and the p99 of one
// answer is under 50 ms; prints the slowest inputs otherwise. The suite in `npm test` runs the same
// generators on fewer inputs (test/reliability/hostile-input.test.ts, answer-budget.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openApp } from '../src/app.js';
import { DEFAULT_DATA_DIR } from '../src/paths.js';
import { ingestDirectory } from '../src/store/ingest.js';
import { catalogQuestions, commandText, pumpedCommand } from '../test/support/question-generators.js';

const total = Number(process.argv[2] ?? 100_000);
const P99_GOAL_MS = 50;
const dir = mkdtempSync(join(tmpdir(), 'budget-fuzz-'));
try {
  const db = join(dir, 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const app = openApp(db);
  const inputs = fc.oneof(commandText, pumpedCommand, catalogQuestions(app.ctx.catalog));
  const times: number[] = [];
  const failures: string[] = [];
  const slowest: { ms: number; text: string }[] = [];
  const started = performance.now();
  let seed = 2100;
  while (times.length < total) {
    for (const text of fc.sample(inputs, { numRuns: Math.min(5000, total - times.length), seed: seed++ })) {
      const r = app.dispatch({ text, platform: 'fuzz' });
      times.push(r.millis);
      if (r.outcome === 'bug' || r.outcome === 'timeout') failures.push(`${r.outcome}: ${JSON.stringify(text).slice(0, 120)}`);
      if (slowest.length < 5 || r.millis > slowest[slowest.length - 1].ms) {
        slowest.push({ ms: r.millis, text });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
      }
    }
    if (process.stderr.isTTY) process.stderr.write(`\r${times.length} / ${total}`);
  }
  app.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`${times.length} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${at(1).toFixed(1)} ms`);
  console.log(`internal errors and timeouts: ${failures.length}`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  console.log('slowest:');
  for (const s of slowest) console.log(`  ${s.ms.toFixed(1)} ms  ${JSON.stringify(s.text).slice(0, 100)}`);
  process.exitCode = failures.length === 0 && at(0.99) < P99_GOAL_MS ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
