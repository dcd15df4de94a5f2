// The console adapter: an interactive prompt with history kept between sessions and Tab completion,
// for local use and for a fresh clone with no platform tokens. Transport only: read a line,
// dispatch, print the rendered answer fitted to the terminal's width.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { App } from '../app.js';
import type { DispatchResult } from '../core/dispatch.js';
import { attachmentsFor } from '../render/attachments.js';
import { wrapLine } from '../render/fit.js';
import { renderText } from '../render/text.js';
import { createCompleter } from './console-complete.js';
import { CONSOLE_DIR } from '../paths.js';

/** Per user (~/.budget-bot/charts), not a temp folder every user of the machine writes to and reads. */
export const CHARTS_DIR = join(CONSOLE_DIR, 'charts');

/** Saves an answer's chart and CSV to files and says where: a console cannot show pictures. */
export async function saveAttachments(result: DispatchResult, dir = CHARTS_DIR): Promise<string[]> {
  const files = await attachmentsFor(result.answer, { csv: result.csv });
  if (!files.length) return [];
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return files.map((f) => {
    const path = join(dir, `${result.requestId}-${f.name}`);
    writeFileSync(path, f.data);
    return `${f.contentType === 'image/png' ? '图表' : 'CSV'}已保存：${path}`;
  });
}

/**
 * 查看原文 in a console (`--source-image`): the quoted lines and notes as text, the page images saved
 * beside the charts, each said where.
 */
export async function saveSourceView(app: App, result: DispatchResult, dir = CHARTS_DIR, width?: number): Promise<string[]> {
  if (!result.sourceImage || result.outcome !== 'ok') return [];
  const view = await app.sourceView(result);
  const out = [renderText(view.answer, { width })];
  if (view.images.length) mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const image of view.images) {
    const path = join(dir, `${result.requestId}-${image.name}`);
    writeFileSync(path, image.data);
    out.push(`原文图片已保存：${path}`);
  }
  return out;
}

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  prompt?: string;
  /** Columns to fit answers to (default: the terminal's; unbounded when output is not a terminal). */
  width?: number;
  /** Where history is kept between sessions (none when absent). */
  historyFile?: string;
  /** Where charts and CSVs are saved (default ~/.budget-bot/charts). */
  chartsDir?: string;
}

const HISTORY_SIZE = 500;

function loadHistory(file: string | undefined): string[] {
  if (!file || !existsSync(file)) return [];
  // readline keeps the newest first.
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, HISTORY_SIZE);
}

function saveHistory(file: string | undefined, history: string[]) {
  if (!file) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${[...history].reverse().join('\n')}\n`, { mode: 0o600 });
  } catch {
    /* history is a convenience: a read-only home must not stop the console */
  }
}

export function runConsole(app: App, { input = process.stdin, output = process.stdout, prompt = 'budget-bot> ', width, historyFile, chartsDir = CHARTS_DIR }: ConsoleOptions = {}): Promise<void> {
  const tty = (output as NodeJS.WriteStream).isTTY ?? false;
  const columns = () => width ?? (tty ? (output as NodeJS.WriteStream).columns : undefined) ?? Infinity;
  const rl = createInterface({ input, output, prompt, history: loadHistory(historyFile), historySize: HISTORY_SIZE, removeHistoryDuplicates: true, terminal: tty, completer: createCompleter(app) });
  // Kept here rather than from readline's own list, which exists only on a terminal.
  const history = loadHistory(historyFile);
  const say = (text: string) => output.write(`${text.split('\n').flatMap((l) => wrapLine(l, columns())).join('\n')}\n`);
  const depts = app.ctx.catalog.departments.length;
  say(`budget-bot 已载入 ${depts} 个部门的预算。输入 /help 查看命令，或直接提问，如“竹山县医保局三公经费是多少”。输入 exit 退出。`);
  rl.prompt();
  // Lines are answered in order, one at a time (saving a chart is asynchronous).
  let queue = Promise.resolve();
  return new Promise((done) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (text && text !== history[0]) {
          history.unshift(text);
          history.length = Math.min(history.length, HISTORY_SIZE);
        }
        if (/^(exit|quit|退出|\/exit|\/quit)$/i.test(text)) {
          rl.close();
          return;
        }
        if (text) {
          const result = app.dispatch({ text, platform: 'console' });
          say(renderText(result.answer, { width: columns() }));
          for (const saved of await saveAttachments(result, chartsDir)) say(saved);
          for (const part of await saveSourceView(app, result, chartsDir, columns())) say(part);
          say('');
        }
        rl.prompt();
      });
    });
    rl.on('close', () => void queue.then(() => {
      saveHistory(historyFile, history);
      done();
    }));
  });
}
