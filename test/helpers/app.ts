// One database per test file — the five bundled seeds, or the seeds with the Jiangsu corpus read from
// ../shared — and an app over it.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { openApp, type App } from '../../src/app.js';
import { createAnswer } from '../../src/core/answer.js';
import { defineCommand, type CommandDef } from '../../src/core/command.js';
import type { Logger } from '../../src/core/dispatch.js';
import type { Answer } from '../../src/core/answer.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { renderText } from '../../src/render/text.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { CORPUS_TEXT_DIR, JIANGSU_TEXTS } from '../support/corpus.js';
import { tempDir } from './tmp.js';

/** The app over the five bundled seeds: what a fresh clone answers from. */
export function bundledApp(log?: Logger, extraCommands: CommandDef[] = []): App {
  return closedAfterAll(appOver([DEFAULT_DATA_DIR], log, extraCommands));
}

/**
 * The app over the seeds and the nine Jiangsu provincial budgets (three departments × 2017–2019) read
 * from ../shared/corpus/text. Call it inside a describeCorpus block: without the corpus it throws.
 */
export function corpusApp(log?: Logger, extraCommands: CommandDef[] = []): App {
  return closedAfterAll(appOver([DEFAULT_DATA_DIR, jiangsuDir()], log, extraCommands));
}

/**
 * corpusApp() for a describeCorpus block. Vitest runs a skipped block's body too (to list its tests),
 * so the app is built in beforeAll, only where the block runs: call the returned function in the tests.
 */
export function useCorpusApp(log?: Logger, extraCommands: CommandDef[] = []): () => App {
  const dir = tempDir();
  let app: App | undefined;
  beforeAll(() => {
    app = openOver([DEFAULT_DATA_DIR, copyJiangsu(join(dir, 'jiangsu'))], join(dir, 'budget.sqlite'), log, extraCommands);
  });
  afterAll(() => app?.close());
  return () => app!;
}

/** A temporary folder holding copies of the nine Jiangsu texts (copied at run time, never committed). */
export function jiangsuDir(files = JIANGSU_TEXTS): string {
  return copyJiangsu(join(tempDir(), 'jiangsu'), files);
}

/** Copies Jiangsu texts of the corpus into a new folder `dir`; usable inside hooks (registers none). */
export function copyJiangsu(dir: string, files = JIANGSU_TEXTS): string {
  if (!CORPUS_TEXT_DIR) throw new Error('the outside corpus is not present: use describeCorpus');
  mkdirSync(dir, { recursive: true });
  const present = new Set(readdirSync(CORPUS_TEXT_DIR));
  for (const f of files.filter((x) => present.has(x))) copyFileSync(join(CORPUS_TEXT_DIR, f), join(dir, f));
  return dir;
}

function appOver(dirs: string[], log: Logger | undefined, extraCommands: CommandDef[]): App {
  return openOver(dirs, join(tempDir(), 'budget.sqlite'), log, extraCommands);
}

function openOver(dirs: string[], db: string, log: Logger | undefined, extraCommands: CommandDef[]): App {
  ingestDirectory(dirs, db);
  return openApp(db, log, [...COMMANDS, ...extraCommands]);
}

function closedAfterAll(app: App): App {
  afterAll(() => app.close());
  return app;
}

export function ask(app: App, text: string): { answer: Answer; text: string; command: string; outcome: string } {
  const r = app.dispatch({ text });
  return { answer: r.answer, text: renderText(r.answer), command: r.command, outcome: r.outcome };
}

/** A table's rows as objects keyed by column name. */
export function rowsOf(answer: Answer, table = 0): Record<string, string>[] {
  const t = answer.tables[table];
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
}

export function field(answer: Answer, label: string): string | undefined {
  return answer.fields.find((f) => f.label === label)?.value;
}

/** A command whose answer is far longer than one platform message, for testing the splitting. */
export const longCommand = defineCommand({
  name: 'long',
  summary: '测试用：很长的回答',
  usage: '/long',
  examples: ['/long'],
  options: [],
  run() {
    const b = createAnswer('很长的回答');
    b.answer.summary = '共 120 行。';
    b.table({ columns: ['序号', '内容'], rows: Array.from({ length: 400 }, (_, i) => [String(i + 1), `第 ${i + 1} 行：${'预算'.repeat(20)}`]) });
    for (let i = 0; i < 60; i++) b.answer.warnings.push(`提示 ${i + 1}`);
    return b.answer;
  },
});
