// Before a platform adapter starts: is its token accepted? A rejected token stops the start with a
// message naming the variable (exit EX_CONFIG); a platform that cannot be reached is said as such
// (exit EX_UNAVAILABLE) — never a stack trace, never a bot that logs errors while "serving".
import { webApi } from '@slack/bolt';
import { DiscordAPIError, HTTPError, REST, Routes, type APIApplication } from 'discord.js';
import { ConfigError, type DiscordConfig, type SlackConfig } from '../config.js';

/** The platform could not be reached at all (network, DNS, proxy): nothing was said about the token. */
export class PlatformUnreachable extends Error {
  constructor(platform: string, where: string, reason: string) {
    super(`无法连接 ${platform}（${where}：${reason}）。请检查网络、代理或 ${platform === 'Slack' ? 'SLACK_API_URL' : 'DISCORD_API_URL'}；令牌尚未核对。`);
    this.name = 'PlatformUnreachable';
  }
}

const CHECK_TIMEOUT_MS = 10_000;

/** Slack's answer to a rejected token, with what to do about it. */
const SLACK_TOKEN_ERRORS: Record<string, string> = {
  invalid_auth: 'Slack 拒绝了这个令牌',
  not_authed: '没有带上令牌',
  account_inactive: '令牌所属的应用或用户已停用',
  token_revoked: '令牌已被撤销',
  token_expired: '令牌已过期',
  not_allowed_token_type: '令牌类型不对',
};

function slackFailure(err: unknown, variable: string, hint: string, where: string): Error {
  const e = err as { code?: string; data?: { error?: string }; original?: { code?: string; message?: string }; statusCode?: number };
  if (e.code === webApi.ErrorCode.PlatformError && e.data?.error) {
    const why = SLACK_TOKEN_ERRORS[e.data.error];
    if (why) return new ConfigError([`${variable} 无效（${e.data.error}）：${why}。${hint}`]);
    return new ConfigError([`${variable} 未通过 Slack 的核对（${e.data.error}）。${hint}`]);
  }
  if (e.code === webApi.ErrorCode.HTTPError) return new PlatformUnreachable('Slack', where, `HTTP ${e.statusCode}`);
  return new PlatformUnreachable('Slack', where, networkReason(e.original ?? err));
}

/**
 * The system's word for a failed connection: fetch wraps it ("fetch failed"), its cause saying
 * ECONNREFUSED, ENOTFOUND… — or, without a code, the innermost message ("bad port").
 */
function networkReason(err: unknown): string {
  let reason = (err as Error)?.message ?? String(err);
  for (let e = err as { code?: unknown; cause?: unknown; message?: string } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
    if (e.message) reason = e.message;
  }
  return reason;
}

/** The check's own client logs nothing: its outcome is the one message the operator reads. */
const SILENT = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => webApi.LogLevel.ERROR, setName() {} };

/** auth.test with the bot token (and, in Socket Mode, apps.connections.open with the app token). */
export async function checkSlack(cfg: SlackConfig): Promise<{ teamId: string; botUserId: string }> {
  const options = { ...(cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {}), retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1000 }, timeout: CHECK_TIMEOUT_MS, rejectRateLimitedCalls: true, logger: SILENT };
  const where = cfg.apiUrl ?? 'slack.com';
  let auth: { team_id?: string; user_id?: string };
  try {
    auth = await new webApi.WebClient(cfg.botToken, options).auth.test();
  } catch (err) {
    throw slackFailure(err, 'SLACK_BOT_TOKEN', '请在 Slack 应用的 OAuth & Permissions 页面重新复制 Bot User OAuth Token（xoxb-…）。', where);
  }
  if (cfg.teamId && auth.team_id && auth.team_id !== cfg.teamId) {
    throw new ConfigError([`SLACK_TEAM_ID 是 ${cfg.teamId}，但 SLACK_BOT_TOKEN 属于工作区 ${auth.team_id}：两者应属于同一工作区。`]);
  }
  if (cfg.appToken && !cfg.signingSecret) {
    try {
      await new webApi.WebClient(cfg.appToken, options).apps.connections.open();
    } catch (err) {
      throw slackFailure(err, 'SLACK_APP_TOKEN', '请在 Basic Information → App-Level Tokens 生成带 connections:write 的令牌（xapp-…）。', where);
    }
  }
  return { teamId: auth.team_id ?? '', botUserId: auth.user_id ?? '' };
}

/** The application the token belongs to: a rejected token, or one of another application, is named. */
export async function checkDiscord(cfg: DiscordConfig): Promise<void> {
  const rest = new REST({ ...(cfg.apiUrl ? { api: cfg.apiUrl } : {}), retries: 1, timeout: CHECK_TIMEOUT_MS }).setToken(cfg.token);
  let application: APIApplication;
  try {
    application = (await rest.get(Routes.currentApplication())) as APIApplication;
  } catch (err) {
    throw discordFailure(err, cfg);
  }
  if (application.id !== cfg.applicationId) {
    throw new ConfigError([`DISCORD_APPLICATION_ID 是 ${cfg.applicationId}，但 DISCORD_TOKEN 属于应用 ${application.id}：请在 General Information 复制该应用的 Application ID。`]);
  }
}

/** A Discord REST failure as an operator reads it: the variable at fault, or the platform unreachable. */
export function discordFailure(err: unknown, cfg: Pick<DiscordConfig, 'apiUrl'>): Error {
  if (err instanceof DiscordAPIError && (err.status === 401 || err.status === 403)) {
    return new ConfigError([`DISCORD_TOKEN 无效（${err.status} ${err.message}）：Discord 拒绝了这个令牌。请在开发者门户的 Bot 页面重置并复制令牌。`]);
  }
  const where = cfg.apiUrl ?? 'discord.com';
  // Any other answer (a 5xx after the client's retry, a 404 from a mistyped DISCORD_API_URL…) says
  // nothing about the token: the platform is not usable from here, in one line rather than a stack.
  if (err instanceof DiscordAPIError || err instanceof HTTPError) return new PlatformUnreachable('Discord', where, `HTTP ${err.status} ${err.message}`);
  return new PlatformUnreachable('Discord', where, networkReason(err));
}
