// The code of 2bb1f50 (before the compiled start, the parse pool and the parser's savings), laid out
// beside the checkout in the temp folder with git archive, sharing this checkout's node_modules, so
// the benchmarks time it side by side with the current code on the same machine at the same moment.
// Never committed: it is a temp folder, rebuilt when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

export const BASELINE_COMMIT = '2bb1f50';

/** The baseline's folder, or null (with the reason printed) when the history does not hold it. */
export function baselineTree(): string | null {
  const dir = join(tmpdir(), `budget-bot-${BASELINE_COMMIT}`);
  if (existsSync(join(dir, 'bin', 'budget-bot.mjs'))) return dir;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${PROJECT_ROOT}" archive ${BASELINE_COMMIT} | tar -x -C "${dir}"`], { stdio: ['ignore', 'ignore', 'pipe'] });
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  } catch (err) {
    console.log(`baseline ${BASELINE_COMMIT} unavailable (${(err as Error).message.split('\n')[0]}): figures are shown against their floors only`);
    return null;
  }
}
