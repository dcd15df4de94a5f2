// The console adapter: an interactive prompt with history, for local use and for a fresh clone
// with no platform tokens. Transport only: read a line, dispatch, print the rendered answer.
import { createInterface } from 'node:readline';
import type { App } from '../app.js';
import { renderText } from '../render/text.js';

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
  return new Promise((done) => {
    rl.on('line', (line) => {
      const text = line.trim();
      if (/^(exit|quit|退出|\/exit|\/quit)$/i.test(text)) {
        rl.close();
        return;
      }
      if (text) say(`${renderText(app.dispatch({ text }).answer)}\n`);
      rl.prompt();
    });
    rl.on('close', () => done());
  });
}
