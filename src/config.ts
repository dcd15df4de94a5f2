// The only reader of process.env. Validated at start; every error names the variable to set.
import { z } from 'zod';
import { DEFAULT_DB_FILE, DEFAULT_DIGESTS_FILE, DEFAULT_STATE_FILE } from './paths.js';
import { createCommandNames, PREFIX_PATTERN, type CommandNames } from './core/command-names.js';

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const schema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, '应以 xoxb- 开头（Slack 的 Bot User OAuth Token）')),
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^[0-9a-zA-Z]{16,}$/, '应为 Slack 应用的 Signing Secret（至少 16 位字母数字）')),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, '应以 xapp- 开头（Socket Mode 的 App-Level Token）')),
  SLACK_TEAM_ID: optional(z.string().regex(/^[TE][A-Z0-9]{2,}$/, '应为 Slack 工作区 ID（以 T 开头，如 T0123ABCD）')),
  SLACK_ADMIN_GROUP: optional(z.string().regex(/^S[A-Z0-9]{2,}$/, '应为 Slack 用户组 ID（以 S 开头，如 S0123ABCD）')),
  DISCORD_TOKEN: optional(z.string().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, '不像 Discord 机器人令牌（三段，以点分隔）')),
  DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{15,22}$/, '应为 Discord 应用 ID（15–22 位数字）')),
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d{15,22}$/, '应为 Discord 服务器 ID（15–22 位数字）')),
  PORT: z.preprocess((v) => (v === '' || v === undefined ? 3000 : v), z.coerce.number().int().min(0).max(65535)),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/ })),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/ })),
  BUDGET_BOT_DB: optional(z.string().min(1)),
  BUDGET_BOT_DIGESTS: optional(z.string().min(1)),
  BUDGET_BOT_DIGEST_STATE: optional(z.string().min(1)),
  RATE_LIMIT_PER_USER: z.preprocess((v) => (v === '' || v === undefined ? 20 : v), z.coerce.number().int().min(1).max(10_000)),
  RATE_LIMIT_PER_CHANNEL: z.preprocess((v) => (v === '' || v === undefined ? 60 : v), z.coerce.number().int().min(1).max(100_000)),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, '应为 PostgreSQL 连接地址，如 postgres://user:pass@host:5432/budget_bot')),
  BUDGET_BOT_LEASE_SEC: z.preprocess((v) => (v === '' || v === undefined ? 30 : v), z.coerce.number().int().min(2).max(3600)),
  BUDGET_BOT_DIGEST_TICK_SEC: z.preprocess((v) => (v === '' || v === undefined ? 60 : v), z.coerce.number().int().min(1).max(60)),
  BUDGET_BOT_COMMAND_PREFIX: optional(z.string().regex(PREFIX_PATTERN, '应为 1–10 个小写字母、数字、- 或 _，如 bb-（/help 变为 /bb-help；/budget 与 /subject 不变）')),
  LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : v), z.enum(['debug', 'info', 'warn', 'error'])),
});

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  port: number;
  apiUrl?: string;
  /** When set, requests from any other workspace are refused. */
  teamId?: string;
  /** A user group whose members may add documents from a channel, besides workspace admins. */
  adminGroup?: string;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

export interface Config {
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
  dbFile: string;
  /** PORT: Slack's HTTP endpoint and the health endpoints (/healthz, /readyz). */
  httpPort: number;
  /** Declared subscriptions (JSON) and the digest state database (run log, chat-added subscriptions). */
  digestsFile: string;
  digestStateFile: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Questions allowed per minute (and as a burst) per user and per channel. */
  rateLimit: { perUser: number; perChannel: number };
  /**
   * Replicas: shared state (digests, de-duplication, replay memory, rate limits, the scheduler's
   * lease) in PostgreSQL. Null: one process, its state in memory and the SQLite state file.
   */
  shared: { databaseUrl: string; leaseSec: number } | null;
  /** How often the digest scheduler looks for due runs (seconds; 60 = every minute). */
  digestTickSec: number;
  /** The names commands are registered under (BUDGET_BOT_COMMAND_PREFIX). */
  commandNames: CommandNames;
  /** Every secret value, for redaction from logs. */
  secrets: string[];
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}\n（变量说明见 .env.example）`);
    this.name = 'ConfigError';
  }
}

/** The password in a connection URL, so logs never show it. */
function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`));
  const e = parsed.data;
  const problems: string[] = [];
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN 未设置（设置了其他 Slack 变量时必须提供）');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) problems.push('SLACK_SIGNING_SECRET（HTTP 模式）或 SLACK_APP_TOKEN（Socket Mode）至少要设置一个');
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID 未设置（设置了 DISCORD_TOKEN 时必须提供）');
  if (!e.DISCORD_TOKEN && (e.DISCORD_APPLICATION_ID || e.DISCORD_GUILD_ID)) problems.push('DISCORD_TOKEN 未设置（设置了其他 Discord 变量时必须提供）');
  if (problems.length) throw new ConfigError(problems);
  return {
    slack: e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, port: e.PORT, apiUrl: e.SLACK_API_URL, teamId: e.SLACK_TEAM_ID, adminGroup: e.SLACK_ADMIN_GROUP } : null,
    discord: e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID!, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL } : null,
    dbFile: e.BUDGET_BOT_DB ?? DEFAULT_DB_FILE,
    httpPort: e.PORT,
    digestsFile: e.BUDGET_BOT_DIGESTS ?? DEFAULT_DIGESTS_FILE,
    digestStateFile: e.BUDGET_BOT_DIGEST_STATE ?? DEFAULT_STATE_FILE,
    logLevel: e.LOG_LEVEL,
    rateLimit: { perUser: e.RATE_LIMIT_PER_USER, perChannel: e.RATE_LIMIT_PER_CHANNEL },
    shared: e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL, leaseSec: e.BUDGET_BOT_LEASE_SEC } : null,
    digestTickSec: e.BUDGET_BOT_DIGEST_TICK_SEC,
    commandNames: createCommandNames(e.BUDGET_BOT_COMMAND_PREFIX),
    secrets: [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, e.DISCORD_TOKEN, passwordOf(e.DATABASE_URL)].filter((s): s is string => !!s),
  };
}

/**
 * The command names alone, for generating the manifest or the command list: no platform token is
 * needed for that, so the rest of the configuration is not validated here.
 */
export function loadCommandNames(env: Record<string, string | undefined> = process.env): CommandNames {
  const prefix = schema.shape.BUDGET_BOT_COMMAND_PREFIX.safeParse(env.BUDGET_BOT_COMMAND_PREFIX);
  if (!prefix.success) throw new ConfigError([`BUDGET_BOT_COMMAND_PREFIX ${prefix.error.issues[0].message}`]);
  return createCommandNames(prefix.data);
}
