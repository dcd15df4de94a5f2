// /help [command]: generated from the command definitions.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/errors.js';

export default defineCommand({
  name: 'help',
  summary: '查看命令说明和示例',
  usage: '/help [命令]',
  examples: ['/help', '/help budget'],
  options: [{ name: 'command', description: '命令名，如 budget', type: 'string', complete: 'command' }],
  run(input, { commands }) {
    const name = String(input.options.command ?? input.text).trim().replace(/^\//, '');
    if (name) {
      const def = commands.find((c) => c.name === name);
      if (!def) throw new UserError(`没有 /${name.slice(0, 20)} 这个命令。`, commands.map((c) => `/${c.name}`), 'unknown-command');
      const b = createAnswer(`/${def.name}：${def.summary}`, 'help');
      b.field('用法', def.usage);
      for (const o of def.options) b.field(o.name, `${o.description}${o.required ? '（必填）' : ''}`);
      b.answer.notes.push('示例：', ...def.examples.map((e) => `  ${e}`));
      return b.answer;
    }
    const b = createAnswer('budget-bot：政府部门预算问答', 'help');
    b.answer.summary = '所有数字均来自已载入的预算公开文件，每个数字都注明出处。也可以直接用中文提问，如“竹山县医保局三公经费是多少”。';
    b.table({ columns: ['命令', '说明', '示例'], rows: commands.map((c) => [c.usage, c.summary, c.examples[0]]) });
    return b.answer;
  },
});
