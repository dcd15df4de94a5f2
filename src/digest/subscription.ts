// A digest subscription: where it posts, when, what, and about whom. Declared in data/digests.json
// or added in chat; validated either way, errors naming the entry and the field.
import { Cron } from 'croner';
import { z } from 'zod';

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** "每天 09:00", "每周一 09:00", "每月1日 09:00", "工作日 09:00", or a cron expression → cron. */
export function toCron(schedule: string): string {
  const s = schedule.trim().replace(/\s+/g, ' ');
  const time = /(\d{1,2})[:：](\d{2})$/.exec(s);
  const [h, m] = time ? [Number(time[1]), Number(time[2])] : [9, 0];
  if (h > 23 || m > 59) throw new Error(`时间不对：${time?.[0]}`);
  let m2: RegExpExecArray | null;
  if (/^(每天|每日)/.test(s)) return runs(`${m} ${h} * * *`);
  if (/^工作日/.test(s)) return runs(`${m} ${h} * * 1-5`);
  if ((m2 = /^每周([一二三四五六日天])/.exec(s))) return runs(`${m} ${h} * * ${WEEKDAYS[m2[1]]}`);
  if ((m2 = /^每月(\d{1,2})[日号]/.exec(s))) {
    const day = Number(m2[1]);
    if (day < 1 || day > 31) throw new Error(`每月只有 1–31 日：${m2[0]}`);
    return runs(`${m} ${h} ${day} * *`);
  }
  // Otherwise it must be a cron expression croner accepts (5 or 6 fields).
  return runs(s);
}

/**
 * The cron expression, once croner has computed a next run from it: an expression that parses but
 * never runs (day 30 of February) is refused here, never later in every /digest list.
 */
function runs(cron: string): string {
  const job = new Cron(cron, { paused: true });
  const next = job.nextRun();
  job.stop();
  if (!next) throw new Error(`这个时间表永远不会运行：${cron}`);
  return cron;
}

export const subscriptionSchema = z.object({
  name: z.string().regex(/^[\w\u4e00-\u9fa5-]{1,40}$/, '只能用字母、数字、汉字、- 和 _，最多 40 个字符'),
  platform: z.enum(['slack', 'discord']),
  channel: z.string().min(1, '不能为空'),
  schedule: z.string().min(1).superRefine((v, ctx) => {
    try {
      toCron(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `不是有效的时间表（如“每周一 09:00”或 cron 表达式）：${(e as Error).message}` });
    }
  }),
  timezone: z.string().default('Asia/Shanghai').superRefine((v, ctx) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: v });
    } catch {
      ctx.addIssue({ code: 'custom', message: `不是 IANA 时区名（如 Asia/Shanghai）：${v}` });
    }
  }),
  content: z.enum(['changes', 'watch', 'overview']),
  filters: z.object({
    departments: z.array(z.string()).default([]),
    regions: z.array(z.string()).default([]),
    subjects: z.array(z.string()).default([]),
    topics: z.array(z.string()).default([]),
  }).default({ departments: [], regions: [], subjects: [], topics: [] }),
  onlyWhenChanged: z.boolean().default(true),
  /** Year-over-year change (percent) above which a line is a "mover" worth posting. */
  threshold: z.number().positive().max(1000).default(10),
  /** Who added it in chat (platform user id); file-declared subscriptions have none. */
  creator: z.string().optional(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;

export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
}

/** Validates data/digests.json: { "subscriptions": [ … ] }. */
export function parseSubscriptionsFile(json: string, file = 'data/digests.json'): Subscription[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new SubscriptionError(`${file} 不是有效的 JSON：${(e as Error).message}`);
  }
  const list = (data as { subscriptions?: unknown })?.subscriptions;
  if (!Array.isArray(list)) throw new SubscriptionError(`${file}：应为 { "subscriptions": [ … ] }`);
  const out: Subscription[] = [];
  list.forEach((entry, i) => {
    const r = subscriptionSchema.safeParse(entry);
    const label = `${file} 第 ${i + 1} 项${(entry as { name?: string })?.name ? `（${(entry as { name: string }).name}）` : ''}`;
    if (!r.success) throw new SubscriptionError(`${label}：${r.error.issues.map((x) => `${x.path.join('.') || '整项'} ${x.message}`).join('；')}`);
    if (out.some((s) => s.name === r.data.name)) throw new SubscriptionError(`${label}：name “${r.data.name}” 重复`);
    out.push(r.data);
  });
  return out;
}

/**
 * The latest scheduled time strictly after `after` and no later than `until`, or null: searched
 * backwards from `until` in widening windows, so a frequent schedule years old costs no more than a
 * new one (counting forward from its creation used to stop at 1000 occurrences).
 */
export function latestScheduled(s: Pick<Subscription, 'schedule' | 'timezone'>, after: Date, until: Date): Date | null {
  if (until <= after) return null;
  const cron = new Cron(toCron(s.schedule), { timezone: s.timezone, paused: true });
  try {
    for (let window = 3_600_000; ; window *= 2) {
      const from = new Date(Math.max(after.getTime(), until.getTime() - window));
      let latest: Date | null = null;
      for (let t = cron.nextRun(from), n = 0; t && t <= until && n < 100_000; t = cron.nextRun(t), n++) latest = t;
      if (latest || from.getTime() === after.getTime()) return latest;
    }
  } finally {
    cron.stop();
  }
}

export function nextRun(s: Pick<Subscription, 'schedule' | 'timezone'>, after: Date): Date | null {
  const cron = new Cron(toCron(s.schedule), { timezone: s.timezone, paused: true });
  const t = cron.nextRun(after);
  cron.stop();
  return t;
}
