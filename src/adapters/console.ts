// The console adapter: an interactive prompt with history, for local use and for a fresh clone
// with no platform tokens. Transport only: read a line, dispatch, print the rendered answer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { App } from '../app.js';
import type { DispatchResult } from '../core/dispatch.js';
import { attachmentsFor } from '../render/attachments.js';
import { renderText } from '../render/text.js';

/** Saves an answer's chart and CSV to files and says where: a console cannot show pictures. */
export async function saveAttachments(result: DispatchResult, dir = join(tmpdir(), 'budget-bot')): Promise<string[]> {
  const files = await attachmentsFor(result.answer, { csv: result.csv });
  if (!files.length) return [];
  mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const path = join(dir, `${result.requestId}-${f.name}`);
    writeFileSync(path, f.data);
    return `${f.contentType === 'image/png' ? '图表' : 'CSV'}已保存：${path}`;
  });
}

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  prompt?: string;
}

export function runConsole(app: App, { input = process.stdin, output = process.stdout, prompt = 'budget-bot> ' }: ConsoleOptions = {}): Promise<void> {
  const rl = createInterface({ input, output, prompt, historySize: 200, terminal: (output as NodeJS.WriteStream).isTTY ?? false });
  const say = (text: string) => output.write(`${text}\n`);
  const depts = app.ctx.catalog.departments.length;
  say(`budget-bot 已载入 ${depts} 个部门的预算。输入 /help 查看命令，或直接提问，如“竹山县医保局三公经费是多少”。输入 exit 退出。`);
  rl.prompt();
  // Lines are answered in order, one at a time (saving a chart is asynchronous).
  let queue = Promise.resolve();
  return new Promise((done) => {
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        const text = line.trim();
        if (/^(exit|quit|退出|\/exit|\/quit)$/i.test(text)) {
          rl.close();
          return;
        }
        if (text) {
          const result = app.dispatch({ text, platform: 'console' });
          say(renderText(result.answer));
          for (const saved of await saveAttachments(result)) say(saved);
          say('');
        }
        rl.prompt();
      });
    });
    rl.on('close', () => void queue.then(() => done()));
  });
}
