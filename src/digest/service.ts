// The digest subscriptions as /digest sees them: list, add (posting back to the channel it was
// asked in), remove, preview and run-now.
import type { Answer } from '../core/answer.js';
import type { CommandContext, DigestService, Origin } from '../core/command.js';
import { UserError } from '../errors.js';
import { findDepartment, findSubjects } from '../query/resolve.js';
import { composeDigest } from './compose.js';
import { checkDigestPermission } from './permissions.js';
import type { DigestRunner } from './runner.js';
import type { DigestStore } from './store.js';
import { nextRun, subscriptionSchema, toCron, type Subscription } from './subscription.js';

const CONTENT: [RegExp, Subscription['content']][] = [[/changes|变化|变动|新文件/i, 'changes'], [/watch|关注|盯/i, 'watch'], [/overview|概况|总览/i, 'overview']];
const SCHEDULE = /(每天|每日|工作日|每周[一二三四五六日天]|每月\d{1,2}[日号])\s*(\d{1,2}[:：]\d{2})?/;

/** One subscription's schedule never breaks the list for the others. */
const safeNextRun = (s: Subscription, at: Date) => {
  try {
    return nextRun(s, at);
  } catch {
    return null;
  }
};
const fmt = (d: Date | null, tz: string) => (d ? d.toLocaleString('zh-CN', { timeZone: tz, hour12: false }) : '—');

export function createDigestService({ state, runner, context, now = () => new Date() }: { state: DigestStore; runner: DigestRunner; context: () => CommandContext; now?: () => Date }): DigestService {
  const find = (name: string) => {
    const s = state.subscriptions().find((x) => x.name === name.trim());
    if (!s) throw new UserError(`没有名为“${name.trim().slice(0, 40)}”的订阅。用 /digest list 查看。`, state.subscriptions().map((x) => x.name), 'unknown-digest');
    return s;
  };
  /** Never confirm a change the store cannot save (PostgreSQL down): say so instead. */
  const saveable = (what: string) => {
    if (state.available && !state.available()) throw new UserError(`${what}未能保存：共享数据库（PostgreSQL）暂时连不上，请稍后再试。`, [], 'digest-unsaved');
  };
  return {
    list() {
      return state.subscriptions().map((s) => {
        const last = state.lastRun(s.name);
        return {
          name: s.name, platform: s.platform, channel: s.channel, creator: s.creator, schedule: s.schedule, timezone: s.timezone, content: s.content, onlyWhenChanged: s.onlyWhenChanged,
          next: fmt(safeNextRun(s, now()), s.timezone), last: last ? `${last.status} ${fmt(new Date(last.finishedAt ?? last.startedAt), s.timezone)}` : null,
        };
      });
    },
    add(text: string, origin: Origin) {
      if (!['slack', 'discord'].includes(origin.platform) || !origin.channel) throw new UserError('订阅只能在 Slack 或 Discord 的频道里添加（会发到添加它的频道）。', [], 'digest-channel');
      checkDigestPermission('add', origin);
      const sched = SCHEDULE.exec(text);
      if (!sched) throw new UserError('请给出时间，如：/digest add 每周一 09:00 changes 竹山县', ['每天 09:00', '每周一 09:00', '每月1日 09:00'], 'digest-schedule');
      const schedule = `${sched[1]} ${sched[2] ?? '09:00'}`;
      const content = CONTENT.find(([re]) => re.test(text))?.[1] ?? 'changes';
      const rest = text.replace(SCHEDULE, ' ').replace(/changes|watch|overview|变化|关注|概况|总览|name=\S+|每次都发/gi, ' ');
      const ctx = context();
      const words = rest.split(/[\s,，、]+/).filter(Boolean);
      const departments = words.filter((w) => findDepartment(w, ctx.catalog).kind !== 'none');
      const subjects = words.filter((w) => !departments.includes(w) && findSubjects(w, ctx.catalog).length > 0);
      // Names are never reused while taken (a skipped row's included): an add never overwrites another subscription.
      const taken = new Set([...state.subscriptions(), ...state.skipped()].map((x) => x.name));
      const asked = /name=(\S+)/.exec(text)?.[1];
      if (asked && taken.has(asked)) throw new UserError(`名称“${asked.slice(0, 40)}”已被使用，请换一个名称（name=…）。订阅不能在聊天中覆盖。`, [], 'digest-name-taken');
      let n = 1;
      while (taken.has(`${origin.platform}-${origin.channel}-${n}`)) n++;
      const name = asked ?? `${origin.platform}-${origin.channel}-${n}`;
      const parsed = subscriptionSchema.safeParse({
        name, platform: origin.platform, channel: origin.channel, schedule, content,
        filters: { departments, regions: [], subjects, topics: [] }, onlyWhenChanged: !/每次都发/.test(text), creator: origin.user,
      });
      if (!parsed.success) throw new UserError(`订阅有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`, [], 'digest-invalid');
      toCron(parsed.data.schedule);
      saveable('订阅');
      state.add(parsed.data, now());
      return parsed.data.name;
    },
    skipped: () => state.skipped(),
    remove(name: string, by?: Origin) {
      const s = state.subscriptions().find((x) => x.name === name.trim());
      // A subscription changes what a whole channel receives: only an admin or whoever added it may remove it.
      if (s) checkDigestPermission('remove', by, s);
      if (s) saveable('删除');
      return state.remove(name.trim());
    },
    preview(name: string): Answer {
      const s = find(name);
      const ctx = context();
      const { answer, hasNews } = composeDigest(s, ctx.queries, ctx.catalog, state.reported(s.name));
      answer.title = `预览：${answer.title}`;
      if (s.onlyWhenChanged && !hasNews) answer.notes.push('现在没有新内容：按“有变化才发”的设置，此时不会发送。');
      return answer;
    },
    runNow(name: string, by?: Origin) {
      // Checked before anything is under way: a refusal is thrown to the asker, not lost in a promise.
      const s = find(name);
      checkDigestPermission('run-now', by, s);
      return runner.runOnce(s, `manual:${now().toISOString()}`).then((outcome) => ({ posted: '已发送', skipped: '没有新内容，未发送', failed: '发送失败，已记录并将重试', 'already-run': '已发送过' })[outcome]);
    },
  };
}

/**
 * What /digest answers when the state database could not be opened at start: the bot serves
 * questions, and says plainly that digests are off and why, instead of claiming it is not connected.
 */
export function disabledDigestService(reason: string): DigestService {
  const off = (): never => {
    throw new UserError(`定时通报已停用：${reason}。修复后重启机器人即可恢复。`, [], 'digest-disabled');
  };
  return { list: off, add: off, remove: off, preview: off, runNow: off };
}
