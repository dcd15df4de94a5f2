// The one way into the commands for every platform, and the single place errors are caught:
// a UserError becomes a clear answer to the asker; anything else is logged with a request id and
// answered with an apology. Nothing a user types escapes from here.
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors.js';
import { foldWidth } from '../parse/amount.js';
import { createRedactor } from '../log.js';
import { understand } from '../query/intent.js';
import { actionsFor, choiceActions, sourcesAnswer, takeFlags, type Flags } from './actions.js';
import { nearCommands } from './near-commands.js';
import { registeredText } from './command-names.js';
import { createAnswer, errorAnswer, type Answer } from './answer.js';
import { DeadlineExceeded, withinBudget } from './deadline.js';
import { redactAnswer, redactDeep } from './redact-answer.js';
import { takeAll, type RateLimiter, type Verdict } from './rate-limit.js';
import type { CommandContext, CommandDef, CommandInput } from './command.js';

export interface Request {
  /** A platform's slash command name, when the platform parsed it. */
  command?: string;
  /** Free text: "/budget 竹山县 三公", "budget 竹山县", or a question. */
  text?: string;
  /** Command options as the platform sent them (Discord's boolean `csv` among them). */
  options?: Record<string, string | number | boolean | undefined>;
  /** Where the request came from, for the log line (console, slack, discord). */
  platform?: string;
  /** Who asked and where, for rate limiting (platform-qualified ids). */
  user?: string;
  channel?: string;
  /** The platform vouches that the asker may manage the channel (see Origin.admin). */
  admin?: boolean;
  /**
   * A rate-limit verdict already taken at the edge (replicas share their buckets in PostgreSQL,
   * which cannot be asked synchronously): when present, the local limiters are not asked.
   */
  verdict?: Verdict;
}

export interface Limits {
  perUser?: RateLimiter;
  perChannel?: RateLimiter;
  /** Applied to every string of every answer before it leaves (configured secrets, token shapes). */
  redact?: (text: string) => string;
  /** Shared limits (PostgreSQL), taken before dispatch by App.ask: replaces perUser and perChannel. */
  take?: (user: string | undefined, channel: string | undefined) => Promise<Verdict>;
  /** How long one answer may hold the event loop before it stops with a message (ms). */
  budgetMs?: number;
}

/** The default time budget of one answer: far above any answer's normal cost (a few ms). */
export const ANSWER_BUDGET_MS = 2000;

export interface DispatchResult {
  answer: Answer;
  /** The asker wants the answer's tables as CSV ("--csv", or the platform's csv option). */
  csv: boolean;
  /** The asker wants the printed source of the figures ("--source-image", the 查看原文 button). */
  sourceImage?: boolean;
  command: string;
  outcome: 'ok' | 'user-error' | 'rate-limited' | 'timeout' | 'bug';
  requestId: string;
  millis: number;
}

export type Logger = (entry: Record<string, unknown>) => void;

export const MAX_INPUT = 500;

/** Control characters and invisible formatting are dropped; full-width space becomes a space. */
export function sanitize(text: string): string {
  return foldWidth(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, '').replace(/\u3000/g, ' ').trim();
}

/**
 * Options as the definition declares them: strings sanitized and bounded, integers finite,
 * anything undeclared dropped. A platform (or anyone forging a payload) cannot hand a command
 * a type it does not expect.
 */
export function normalizeOptions(def: CommandDef, options: NonNullable<Request['options']>): CommandInput['options'] {
  const out: CommandInput['options'] = {};
  for (const o of def.options) {
    const v = options[o.name];
    if (v === undefined || v === null) continue;
    if (o.type === 'integer') {
      const n = Number(v);
      if (Number.isFinite(n)) out[o.name] = Math.trunc(n);
    } else {
      const text = sanitize(String(v));
      if (text.length > MAX_INPUT) throw new UserError(`参数 ${o.name} 太长了（${text.length} 个字符）。`, [], 'too-long');
      out[o.name] = text;
    }
  }
  return out;
}

export function createDispatcher(commands: CommandDef[], ctx: () => CommandContext, log: Logger = () => {}, limits: Limits = {}) {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const known: ReadonlySet<string> = new Set(byName.keys());
  // Token shapes are redacted even where no secret is configured (the console, one-shot asks).
  const redact = limits.redact ?? createRedactor([]);

  /** For free text: the line saying how it was read, when the command did not write a better one. */
  type Routed = { def: CommandDef; input: CommandInput; free?: { corrections: string[]; gist: string } };
  function route(req: Request): Routed {
    const raw = sanitize(req.text ?? '');
    if (raw.length > MAX_INPUT) throw new UserError(`问题太长了（${raw.length} 个字符），请控制在 ${MAX_INPUT} 个字符以内。`, [], 'too-long');
    if (req.command) {
      const def = byName.get(req.command.replace(/^\//, ''));
      if (!def) throw new UserError(`没有 /${sanitize(req.command).slice(0, 30)} 这个命令。`, nearCommands(req.command, commands), 'unknown-command');
      return { def, input: { options: normalizeOptions(def, req.options ?? {}), text: raw } };
    }
    if (!raw) return { def: byName.get('help')!, input: { options: {}, text: '' } };
    const m = /^\/?([a-zA-Z][\w-]*)(?:\s+|$)([\s\S]*)$/.exec(raw);
    if (m && byName.has(m[1].toLowerCase())) {
      const def = byName.get(m[1].toLowerCase())!;
      return { def, input: { options: normalizeOptions(def, req.options ?? {}), text: m[2].trim() } };
    }
    if (raw.startsWith('/')) {
      const name = raw.slice(1).split(/\s/)[0];
      throw new UserError(`没有 /${name} 这个命令。用 /help 查看全部命令。`, nearCommands(name, commands), 'unknown-command');
    }
    const intent = understand(raw, ctx().catalog);
    return { def: byName.get(intent.command)!, input: { options: {}, text: intent.text }, free: { corrections: intent.corrections, gist: intent.gist } };
  }

  return function dispatch(request: Request): DispatchResult {
    const started = performance.now();
    const { text: flagless, flags } = takeFlags(request.text ?? '');
    const csv = request.options?.csv === true || request.options?.csv === 'true' || flags.csv;
    // Secrets are taken out of what the user typed before any command sees it: a command that echoes
    // a shortened question ("搜索“…”") would otherwise post a prefix no redactor can recognise.
    const options = request.options && redactDeep(request.options, redact);
    const text = request.text === undefined ? undefined : redact(flagless);
    const req: Request = { ...request, text, options };
    const requestId = randomUUID().slice(0, 8);
    let command = req.command ?? 'unknown';
    const refusal = request.verdict ?? takeAll([[limits.perUser, req.user], [limits.perChannel, req.channel]]);
    if (!refusal.ok) {
      const { answer } = createAnswer('请稍候', 'error');
      answer.summary = `提问太频繁了，请 ${refusal.retryAfterSec} 秒后再试。`;
      answer.ephemeral = true;
      return finish(answer, 'rate-limited');
    }
    let routed: Routed | undefined;
    try {
      return withinBudget(limits.budgetMs ?? ANSWER_BUDGET_MS, () => {
        routed = route(req);
        const { def, input } = routed;
        command = def.name;
        const origin = req.platform ? { platform: req.platform, channel: req.channel?.replace(/^\w+:/, ''), user: req.user?.replace(/^\w+:/, ''), admin: req.admin } : undefined;
        const answer = finalize(def.run({ ...input, origin, view: flags }, ctx()), def, input, flags);
        return finish(understood(answer, routed), 'ok');
      });
    } catch (err) {
      if (err instanceof UserError) {
        // "用 /sources 查看", "你是不是想问：/search" name the commands as the asker must type them.
        const names = ctx().names;
        const answer = errorAnswer(registeredText(err.message, names, known), err.suggestions.map((s) => registeredText(s, names, known)));
        if (err.choices && routed) answer.actions = choiceActions({ command: routed.def.name, options: stringOptions(routed.input), text: routed.input.text }, err.choices);
        return finish(understood(answer, routed), 'user-error');
      }
      if (err instanceof DeadlineExceeded) {
        log({ level: 'warn', requestId, platform: req.platform ?? 'unknown', command, error: err.message });
        const { answer } = createAnswer('超时', 'error');
        answer.summary = `这个问题的处理超过了 ${err.budgetMs / 1000} 秒，已停止（编号 ${requestId}），其他人的提问不受影响。请把问题问得更具体些：写明部门、年份或科目。`;
        answer.ephemeral = true;
        return finish(answer, 'timeout');
      }
      log({ level: 'error', requestId, platform: req.platform ?? 'unknown', command, error: (err as Error).stack ?? String(err) });
      const { answer } = createAnswer('出错了', 'error');
      answer.summary = `抱歉，处理这个问题时出了错（编号 ${requestId}）。请换个问法，或稍后再试。`;
      answer.ephemeral = true;
      return finish(answer, 'bug');
    }
    function finish(answer: Answer, outcome: DispatchResult['outcome']): DispatchResult {
      answer = redactAnswer(answer, redact);
      const millis = performance.now() - started;
      log({ level: 'info', requestId, platform: req.platform ?? 'unknown', command, outcome, ms: Math.round(millis * 100) / 100 });
      return { answer, command, outcome, requestId, millis, csv, ...(flags.sourceImage ? { sourceImage: true } : {}) };
    }
  };
}

/** A command's options as a button's request carries them (unset ones dropped). */
function stringOptions(input: CommandInput): Record<string, string | number> {
  return Object.fromEntries(Object.entries(input.options).filter((e): e is [string, string | number] => e[1] !== undefined));
}

/** The answer with its buttons; --sources turns it into its full list of sources. */
function finalize(answer: Answer, def: CommandDef, input: CommandInput, flags: Flags): Answer {
  const shown = flags.sources ? sourcesAnswer(answer) : answer;
  shown.actions = actionsFor(shown, def, { command: def.name, options: stringOptions(input), text: input.text }, flags);
  return shown;
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/**
 * Free text gets its "理解为" line first (the command's own, or the command it was routed to), with
 * any word read differently from how it was typed; a slash command, whose arguments are explicit, none.
 */
function understood(answer: Answer, routed: { def: CommandDef; input: CommandInput; free?: { corrections: string[]; gist: string } } | undefined): Answer {
  if (!routed?.free) {
    delete answer.understood;
    return answer;
  }
  const line = answer.understood ?? `理解为：${routed.free.gist}`;
  const fixed = routed.free.corrections.length ? `（按“${routed.free.corrections.join('”“')}”理解）` : '';
  answer.understood = fixed ? line.replace(/^理解为/, `理解为${fixed}`) : line;
  return answer;
}
