// The compiled start: the bin runs dist/ (built at npm install) and answers exactly as the sources
// do; a build older than any source it was made from, or missing one, is never run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { staleReason } from '../scripts/build-check.mjs';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../src/paths.js';
import { ingestDirectory } from '../src/store/ingest.js';
import { tempDir } from './helpers/tmp.js';

const stale = staleReason as (root: string, dist?: string) => string | null;

describe('staleReason', () => {
  const root = tempDir();
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'dist'));
  const built = Date.parse('2030-01-01T00:00:00Z');
  const source = (name: string, at: number) => {
    writeFileSync(join(root, name), 'x');
    utimesSync(join(root, name), at / 1000, at / 1000);
  };
  const info = (inputs: string[]) => writeFileSync(join(root, 'dist', 'build-info.json'), JSON.stringify({ built, inputs }));

  it('says a folder without a build is not compiled', () => {
    expect(stale(root)).toBe('尚未编译');
  });

  it('accepts a build newer than every source, names a newer or missing one', () => {
    source('src/a.ts', built - 60_000);
    source('src/b.ts', built - 1);
    info(['src/a.ts', 'src/b.ts']);
    expect(stale(root)).toBeNull();
    source('src/b.ts', built + 1000);
    expect(stale(root)).toBe('src/b.ts 比编译结果新');
    source('src/b.ts', built - 1);
    info(['src/a.ts', 'src/b.ts', 'src/gone.ts']);
    expect(stale(root)).toBe('src/gone.ts 已不存在');
  });
});

describe('the compiled bin', () => {
  const db = join(tempDir(), 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
  const ask = (fromSource: boolean, question: string) => {
    const env = { ...process.env };
    if (fromSource) env.BUDGET_BOT_FROM_SOURCE = '1';
    else delete env.BUDGET_BOT_FROM_SOURCE;
    return spawnSync(process.execPath, [bin, 'ask', question, '--db', db], { encoding: 'utf8', env });
  };

  it.each(['/budget 竹山县 三公', '邢台市2025年基本支出', '/subject 2101501'])('answers %s exactly as the sources do, from a current build', (question) => {
    const compiled = ask(false, question);
    expect(compiled.status).toBe(0);
    // Built at npm install; if a source changed since, the bin rebuilt it first and said so.
    expect(compiled.stderr).toMatch(/^(budget-bot：编译结果需要更新（.+），正在重新编译…\n)?$/);
    expect(stale(PROJECT_ROOT)).toBeNull();
    const source = ask(true, question);
    expect(compiled.stdout).toBe(source.stdout);
    expect(compiled.stdout).toContain('万元');
  }, 60_000);
});
