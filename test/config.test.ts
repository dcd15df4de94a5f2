// Configuration from the environment: validated at start, errors name the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadCommandNames, loadConfig } from '../src/config.js';
import { createLogger, createRedactor } from '../src/log.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef' };
const DISCORD = { DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.0123456789abcdefghijklmnopqrstuvwxyzABCD', DISCORD_APPLICATION_ID: '100000000000000001' };
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as ConfigError).problems;
  }
  return [];
};

describe('loadConfig', () => {
  it('BUDGET_BOT_COMMAND_PREFIX: generic commands renamed, /budget kept; a bad prefix named', () => {
    expect(loadConfig({ BUDGET_BOT_COMMAND_PREFIX: 'bb-' }).commandNames.registered('help')).toBe('bb-help');
    expect(loadConfig({}).commandNames.registered('help')).toBe('help');
    expect(loadCommandNames({ BUDGET_BOT_COMMAND_PREFIX: 'bb_' }).registered('budget')).toBe('budget');
    expect(problems({ BUDGET_BOT_COMMAND_PREFIX: 'B B' })).toEqual([expect.stringMatching(/^BUDGET_BOT_COMMAND_PREFIX 应为 1–10 个小写字母/)]);
    expect(() => loadCommandNames({ BUDGET_BOT_COMMAND_PREFIX: 'x'.repeat(11) })).toThrow(/BUDGET_BOT_COMMAND_PREFIX/);
  });

  it('SLACK_ADMIN_GROUP: the user group that may add documents, a malformed id named', () => {
    expect(loadConfig({ ...SLACK, SLACK_ADMIN_GROUP: 'S0123ABCD' }).slack?.adminGroup).toBe('S0123ABCD');
    expect(loadConfig(SLACK).slack?.adminGroup).toBeUndefined();
    expect(problems({ ...SLACK, SLACK_ADMIN_GROUP: '@budget-admins' })).toEqual([expect.stringMatching(/^SLACK_ADMIN_GROUP 应为 Slack 用户组 ID/)]);
  });

  it('no platform variables: the console', () => {
    expect(loadConfig({})).toMatchObject({ slack: null, discord: null, logLevel: 'info' });
  });

  it('Slack HTTP mode with the default port, Discord with a guild', () => {
    const c = loadConfig({ ...SLACK, ...DISCORD, DISCORD_GUILD_ID: '200000000000000002', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(c.slack).toMatchObject({ port: 3000, apiUrl: 'http://127.0.0.1:9/api/' });
    expect(c.discord).toMatchObject({ guildId: '200000000000000002' });
    expect(c.secrets).toHaveLength(3);
  });

  it('DATABASE_URL turns on shared state for replicas, its password kept out of logs', () => {
    expect(loadConfig({})).toMatchObject({ shared: null, digestTickSec: 60 });
    const c = loadConfig({ ...SLACK, DATABASE_URL: 'postgres://bot:s3cretpass@db.internal:5432/budget_bot', BUDGET_BOT_LEASE_SEC: '10' });
    expect(c.shared).toEqual({ databaseUrl: 'postgres://bot:s3cretpass@db.internal:5432/budget_bot', leaseSec: 10 });
    expect(c.secrets).toContain('s3cretpass');
    expect(problems({ DATABASE_URL: 'mysql://x@y/z' })[0]).toMatch(/^DATABASE_URL .*PostgreSQL/);
    expect(problems({ BUDGET_BOT_DIGEST_TICK_SEC: '0' })[0]).toMatch(/^BUDGET_BOT_DIGEST_TICK_SEC/);
  });

  it('empty variables count as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: '' }).slack).toBeNull();
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'abc' }, /^SLACK_BOT_TOKEN 应以 xoxb- 开头/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET（HTTP 模式）或 SLACK_APP_TOKEN/],
    [{ SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef' }, /^SLACK_BOT_TOKEN 未设置/],
    [{ ...SLACK, PORT: 'eighty' }, /^PORT /],
    [{ ...SLACK, SLACK_API_URL: 'not a url' }, /^SLACK_API_URL /],
    [{ DISCORD_TOKEN: DISCORD.DISCORD_TOKEN }, /^DISCORD_APPLICATION_ID 未设置/],
    [{ DISCORD_APPLICATION_ID: '12' }, /^DISCORD_APPLICATION_ID /],
  ] as [Record<string, string>, RegExp][])('%j is refused with a message naming the variable', (env, message) => {
    expect(problems(env)[0]).toMatch(message);
  });

  it('never repeats a secret in its message', () => {
    const msg = problems({ SLACK_BOT_TOKEN: 'secret-token-value' }).join();
    expect(msg).not.toContain('secret-token-value');
  });
});

describe('logging', () => {
  it('redacts configured secrets and token shapes from every line', () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: ['abcdef0123456789abcdef'], write: (l) => void lines.push(l) });
    log({ level: 'error', error: 'failed with abcdef0123456789abcdef and xoxb-9-9-zzzzzzzz and xapp-1-A1-123-abcdef' });
    expect(lines[0]).not.toMatch(/abcdef0123456789abcdef|xoxb-9|xapp-1/);
    expect(JSON.parse(lines[0]).error).toBe('failed with [REDACTED] and [REDACTED] and [REDACTED]');
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    createLogger({ level: 'warn', write: (l) => void lines.push(l) })({ level: 'info', message: 'x' });
    expect(lines).toEqual([]);
    expect(createRedactor([])('plain')).toBe('plain');
  });
});
