// One database built from the bundled documents per test file, and an app over it.
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import type { Answer } from '../../src/core/answer.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { renderText } from '../../src/render/text.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from './tmp.js';

export function bundledApp(): App {
  const db = join(tempDir(), 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const app = openApp(db);
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
