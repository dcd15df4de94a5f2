// `budget-bot start` as a new operator meets it: a rejected token stops the start naming its
// variable (EX_CONFIG, no stack trace), an unreachable platform is said as such (EX_UNAVAILABLE),
// and a good token serves /healthz and /readyz — on Slack's HTTP port, or on PORT by themselves
// when Slack runs in Socket Mode or only Discord is configured.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { APP_ID, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
const SECRET = 'fedcba9876543210fedcba9876543210';
const GOOD = 'xoxb-1-2-operatorgood';
const REVOKED = 'xoxb-1-2-operatorrevoked';
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.operatoroperatoroperatoroperatorABCD';
const RESET = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.resetresetresetresetresetresetresetAB';
/** Starting the CLI takes a few seconds, more on a busy machine. */
const START_MS = 90_000;

let slack: FakeSlack;
let discord: FakeDiscord;
const dir = tempDir();
const db = join(dir, 'budget.sqlite');
const baseEnv = () => ({ PATH: process.env.PATH, HOME: dir, PORT: '0', BUDGET_BOT_DIGESTS: join(dir, 'digests.json'), BUDGET_BOT_DIGEST_STATE: join(dir, 'digests.sqlite') });

beforeAll(async () => {
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  slack.badTokens.add(REVOKED);
  discord.badTokens.add(RESET);
  ingestDirectory(DEFAULT_DATA_DIR, db);
}, START_MS);
afterAll(async () => {
  await slack?.close();
  await discord?.close();
});

/**
 * Runs start to its exit (a refused start exits by itself). Asynchronously: the fakes answer from
 * this process, so it must not block while the child talks to them.
 */
function refusedStart(env: Record<string, string>, args: string[] = ['start', '--db', db]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.once('exit', (status) => {
    clearTimeout(timer);
    resolve({ status, stdout, stderr });
  }));
}

describe('a rejected token stops the start, naming the variable', () => {
  it('Slack (HTTP mode): SLACK_BOT_TOKEN 无效（invalid_auth）, exit 78, nothing listening, no stack', async () => {
    const r = await refusedStart({ SLACK_BOT_TOKEN: REVOKED, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('错误：配置有误：\n  - SLACK_BOT_TOKEN 无效（invalid_auth）：Slack 拒绝了这个令牌');
    expect(r.stderr).not.toMatch(/^\s+at |listening on port|unhandled rejection/m);
    expect(r.stderr + r.stdout).not.toContain(REVOKED);
  }, START_MS);

  it('Slack (Socket Mode): a rejected app token names SLACK_APP_TOKEN', async () => {
    slack.badTokens.add('xapp-1-revoked');
    const r = await refusedStart({ SLACK_BOT_TOKEN: GOOD, SLACK_APP_TOKEN: 'xapp-1-revoked', SLACK_API_URL: slack.apiUrl });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('SLACK_APP_TOKEN 无效（invalid_auth）');
  }, START_MS);

  it('Discord: DISCORD_TOKEN 无效 (401), exit 78; register-commands says the same', async () => {
    const env = { DISCORD_TOKEN: RESET, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.apiUrl };
    for (const args of [['start', '--db', db], ['register-commands']]) {
      const r = await refusedStart(env, args);
      expect(r.status).toBe(78);
      expect(r.stderr).toContain('DISCORD_TOKEN 无效（401');
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  }, START_MS);

  it('a platform that cannot be reached is said as such (exit 69), not blamed on the token', async () => {
    const closed = await closedPort();
    const r = await refusedStart({ SLACK_BOT_TOKEN: GOOD, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `http://127.0.0.1:${closed}/api/` });
    expect(r.status).toBe(69);
    expect(r.stderr).toContain(`错误：无法连接 Slack（http://127.0.0.1:${closed}/api/：ECONNREFUSED）`);
    expect(r.stderr).not.toContain('无效');
    // One message, not the client's own retry warnings before it.
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, START_MS);
});

describe('Discord answering with an error that is not about the token', () => {
  // A 5xx (after the client's retry) or any other API error (a 404 from a mistyped DISCORD_API_URL,
  // say) says nothing about DISCORD_TOKEN: the platform is unreachable for now, in one line.
  it.each([
    [500, 'HTTP 500'],
    [404, 'HTTP 404'],
  ])('a %i from Discord at start is said as unreachable (exit 69), in one line, no stack', async (status, said) => {
    discord.failNext('/applications/@me', status, {}, 10);
    try {
      const r = await refusedStart({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.apiUrl });
      expect(r.status).toBe(69);
      expect(r.stderr).toContain(`错误：无法连接 Discord（${discord.apiUrl}：${said}`);
      expect(r.stderr).not.toContain('无效');
      expect(r.stderr).not.toMatch(/^\s+at /m);
      // One message (the bin's note that it recompiles changed sources aside).
      expect(r.stderr.trim().split('\n').filter((l) => !l.includes('正在重新编译'))).toHaveLength(1);
    } finally {
      discord.failNext('/applications/@me', status, {}, 0);
    }
  }, START_MS);
});

/** A loopback port nothing listens on (one just closed): connecting to it is refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the bot and waits for a line; returns the output so far and a stop function. */
async function startBot(env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, [BIN, 'start', '--db', db], { env: { ...baseEnv(), ...env } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const until = Date.now() + 60_000;
  while (!ready.test(output)) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () => new Promise<number | null>((r) => {
    child.once('exit', (code) => r(code));
    child.kill('SIGTERM');
  });
  return { output: () => output, stop };
}

describe('a good token serves health', () => {
  it('Slack over HTTP: /healthz and /readyz on the Slack port, beside /slack/events', async () => {
    const bot = await startBot({ SLACK_BOT_TOKEN: GOOD, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl }, /listening on port \d+/);
    try {
      const port = /listening on port (\d+)/.exec(bot.output())![1];
      const healthz = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect([healthz.status, await healthz.json()]).toEqual([200, { status: 'ok' }]);
      const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect([readyz.status, await readyz.json()]).toEqual([200, { status: 'ok', checks: { database: 'ok' } }]);
      // Slack's endpoint is still guarded: an unsigned post is refused.
      expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' })).status).toBe(401);
      expect(slack.calls.filter((c) => c.method === 'auth.test').length).toBeGreaterThan(0);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, START_MS);

  it('Discord only: the health endpoints on PORT by themselves', async () => {
    const bot = await startBot({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.apiUrl }, /health endpoints listening on port \d+/);
    try {
      const port = /health endpoints listening on port (\d+)/.exec(bot.output())![1];
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      expect(bot.output()).toContain('Discord connected');
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, START_MS);
});
