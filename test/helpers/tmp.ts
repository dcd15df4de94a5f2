// Temporary directories that clean themselves up after each test file.
//
// The hook is registered once, when a test file imports this module: vitest never runs an afterAll
// registered from inside a running test, so a per-call hook leaked every directory made in a test body.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

function removeMade(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

afterAll(removeMade);
// A file that ends by a crash or a timeout still cleans up what it made.
process.once('exit', removeMade);

export function tempDir(prefix = 'budget-bot-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
