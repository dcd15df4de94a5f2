// /help [command]: generated from the command definitions, each command written under the name
// it is registered as (BUDGET_BOT_COMMAND_PREFIX), since that is what the asker has to type.
import { createAnswer } from '../src/core/answer.js';
import { registeredText } from '../src/core/command-names.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/errors.js';

export default defineCommand({
  name: 'help',
  summary: '查看命令说明和示例',
  usage: '/help [命令]',
  examples: ['/help', '/help budget'],
  options: [{ name: 'command', description: '命令名，如 budget', type: 'string', complete: 'command' }],
  run(input, { commands, names }) {
    const known = new Set(commands.map((c) => c.name));
    const shown = (text: string) => registeredText(text, names, known);
    const typed = String(input.options.command ?? input.text).trim().replace(/^\//, '');
    // Asked by the name the asker knows (bb-search) or the definition's (search).
    const name = names.definitionOf(typed) ?? typed;
    if (name) {
      const def = commands.find((c) => c.name === name);
      if (!def) throw new UserError(`没有 /${typed.slice(0, 20)} 这个命令。`, commands.map((c) => `/${names.registered(c.name)}`), 'unknown-command');
      const b = createAnswer(`/${names.registered(def.name)}：${shown(def.summary)}`, 'help');
      b.field('用法', shown(def.usage));
      for (const o of def.options) b.field(o.name, `${shown(o.description)}${o.required ? '（必填）' : ''}`);
      b.answer.notes.push('示例：', ...def.examples.map((e) => `  ${shown(e)}`));
      return b.answer;
    }
    const b = createAnswer('budget-bot：政府部门预算问答', 'help');
    b.answer.summary = '所有数字均来自已载入的预算公开文件，每个数字都注明出处。也可以直接用中文提问，如“竹山县医保局三公经费是多少”。';
    b.table({ columns: ['命令', '说明', '示例'], rows: commands.map((c) => [c.usage, c.summary, c.examples[0]].map(shown)) });
    return b.answer;
  },
});
