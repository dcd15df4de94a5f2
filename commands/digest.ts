// /digest list | add | remove | preview | run-now: subscriptions that post to a channel on a schedule.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/errors.js';

export default defineCommand({
  name: 'digest',
  summary: '定时通报：list 查看、add 添加、remove 删除、preview 预览、run-now 立即发送',
  usage: '/digest <list|add|remove|preview|run-now> [参数]',
  examples: ['/digest list', '/digest add 每周一 09:00 changes 竹山县', '/digest add 每天 08:30 watch 邢台市医保局 2101501', '/digest preview <名称>', '/digest remove <名称>'],
  options: [
    { name: 'action', description: 'list、add、remove、preview 或 run-now', type: 'string', required: true },
    { name: 'args', description: 'add：时间、内容（changes/watch/overview）和部门或科目；其他：订阅名称', type: 'string' },
  ],
  managesChannel: true,
  subcommands: [
    { name: 'list', description: '查看本频道的订阅', options: [{ name: 'all', description: '填 all 查看全部频道', type: 'string', choices: ['all'] }] },
    {
      name: 'add', description: '添加订阅，按时发到本频道', options: [
        { name: 'when', description: '频率', type: 'string', required: true, choices: ['每天', '工作日', '每周一', '每周二', '每周三', '每周四', '每周五', '每周六', '每周日', '每月1日'] },
        { name: 'time', description: '时间，如 09:00', type: 'string', required: true, choices: ['07:00', '08:00', '08:30', '09:00', '10:00', '12:00', '14:00', '17:00', '18:00', '20:00'] },
        { name: 'content', description: '内容：changes 变化、watch 关注科目、overview 概况', type: 'string', required: true, choices: ['changes', 'watch', 'overview'] },
        { name: 'about', description: '部门或科目（可多个，空格分隔）', type: 'string', complete: 'department' },
      ],
    },
    // Opens the form (a modal) on Discord; on Slack `/digest add` alone opens it too.
    { name: 'add-form', description: '用表单添加订阅（时间、内容、部门）', options: [] },
    { name: 'remove', description: '删除订阅（管理员或创建者）', options: [{ name: 'name', description: '订阅名称', type: 'string', required: true }] },
    { name: 'preview', description: '预览订阅现在会发什么', options: [{ name: 'name', description: '订阅名称', type: 'string', required: true }] },
    { name: 'run-now', description: '立即发送一次', options: [{ name: 'name', description: '订阅名称', type: 'string', required: true }] },
  ],
  run(input, { digests }) {
    if (!digests) throw new UserError('定时通报只在机器人连接 Slack 或 Discord 运行时可用。', [], 'digest-off');
    const text = [input.options.action, input.options.args, input.text].filter((x) => x !== undefined && x !== '').join(' ').trim();
    const [action = 'list', ...rest] = text.split(/\s+/);
    const arg = rest.join(' ');
    switch (action) {
      case 'list': {
        const b = createAnswer('定时通报');
        // This channel's subscriptions by default; "list all" shows every one.
        const everywhere = /^(all|全部)$/i.test(arg.trim()) || !input.origin?.channel;
        const subs = digests.list().filter((s) => everywhere || (s.platform === input.origin?.platform && s.channel === input.origin?.channel));
        b.table({
          columns: ['名称', '平台/频道', '时间', '内容', '有变化才发', '下次', '上次'],
          rows: subs.map((s) => [s.name, `${s.platform} ${s.channel}`, `${s.schedule}（${s.timezone}）`, s.content, s.onlyWhenChanged ? '是' : '否', s.next ?? '—', s.last ?? '—']),
        });
        b.answer.summary = subs.length ? `${everywhere ? '' : '本频道'}共 ${subs.length} 个订阅。${everywhere ? '' : '用 /digest list all 查看全部。'}` : `${everywhere ? '' : '本频道'}还没有订阅。用 /digest add 每周一 09:00 changes 添加。`;
        // Rows the state database holds but that do not validate: skipped, and said so rather than hidden.
        const skipped = digests.skipped?.() ?? [];
        if (skipped.length) b.answer.warnings.push(`有 ${skipped.length} 个订阅记录无法读取，已跳过：${skipped.slice(0, 5).map((s) => `${s.name.slice(0, 40)}（${s.reason.slice(0, 80)}）`).join('；')}${skipped.length > 5 ? ' 等' : ''}`);
        return b.answer;
      }
      case 'add': {
        const name = digests.add(arg, input.origin ?? { platform: 'console' });
        const b = createAnswer('已添加订阅');
        b.answer.summary = `已添加“${name}”，将按时发到本频道。用 /digest preview ${name} 看看会发什么。`;
        return b.answer;
      }
      case 'add-form':
        throw new UserError('表单只在 Slack 和 Discord 中打开。在这里请直接输入，如：/digest add 每周一 09:00 changes 竹山县', [], 'digest-form-elsewhere');
      case 'remove': {
        if (!digests.remove(arg, input.origin)) throw new UserError(`没有名为“${arg.slice(0, 40)}”的订阅。`, digests.list().map((s) => s.name), 'unknown-digest');
        const b = createAnswer('已删除订阅');
        b.answer.summary = `已删除“${arg}”。`;
        return b.answer;
      }
      case 'preview':
        return digests.preview(arg);
      case 'run-now': {
        if (!digests.list().some((s) => s.name === arg)) throw new UserError(`没有名为“${arg.slice(0, 40)}”的订阅。`, digests.list().map((s) => s.name), 'unknown-digest');
        const b = createAnswer('立即发送');
        // The post goes out asynchronously; its outcome is in the run log (and the logs).
        digests.runNow(arg, input.origin).catch(() => {});
        b.answer.summary = `正在发送“${arg}”，完成后会出现在它的频道。`;
        return b.answer;
      }
      default:
        throw new UserError(`不认识的操作“${action.slice(0, 20)}”。可用：list、add、remove、preview、run-now`, ['list', 'add', 'remove', 'preview', 'run-now'], 'unknown-digest-action');
    }
  },
});
