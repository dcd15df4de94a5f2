// The command line as an operator meets it before anything is connected: --version, the Discord
// command list and the Slack manifest generated offline, a manifest without a request URL refused,
// and report/check as JSON for other tools.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';
import { tempDir } from './helpers/tmp.js';

/** Each case starts the CLI a few times (a few seconds each on a busy machine). */
const CLI_TIMEOUT_MS = 90_000;

const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
/** No platform variables, and an API address where nothing listens: nothing here may need a network. */
const OFFLINE = { PATH: process.env.PATH, HOME: tempDir(), DISCORD_API_URL: 'http://127.0.0.1:9/api', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
const run = (args: string[], env: Record<string, string | undefined> = {}) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...OFFLINE, ...env }, timeout: 60_000 });

describe('budget-bot as an operator starts it', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    const r = run(['--version']);
    expect([r.status, r.stdout.trim()]).toEqual([0, version]);
  }, CLI_TIMEOUT_MS);

  it('register-commands --dry-run prints the command JSON without a token or a network', () => {
    const r = run(['register-commands', '--dry-run']);
    expect(r.status).toBe(0);
    const commands = JSON.parse(r.stdout) as { name: string; contexts: number[]; integration_types: number[] }[];
    expect(commands.map((c) => c.name)).toContain('budget');
    expect(commands.map((c) => c.name)).toContain('ask');
    expect(commands.every((c) => c.integration_types.length === 1)).toBe(true);
    const prefixed = JSON.parse(run(['register-commands', '--dry-run'], { BUDGET_BOT_COMMAND_PREFIX: 'bb-' }).stdout) as { name: string }[];
    expect(prefixed.map((c) => c.name)).toEqual(expect.arrayContaining(['budget', 'subject', 'bb-help', 'bb-search', 'bb-ask']));
    expect(prefixed.map((c) => c.name)).not.toContain('help');
  }, CLI_TIMEOUT_MS);

  it('register-commands without --dry-run and without a token names the variables (EX_CONFIG)', () => {
    const r = run(['register-commands']);
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('DISCORD_TOKEN 和 DISCORD_APPLICATION_ID 未设置');
  }, CLI_TIMEOUT_MS);

  it('manifest slack without --url refuses rather than write a placeholder; with it, or --socket-mode, prints the manifest', () => {
    const refused = run(['manifest', 'slack']);
    expect(refused.status).toBe(78);
    expect(refused.stderr).toContain('请用 --url https://你的地址/slack/events');
    expect(refused.stdout).toBe('');
    const http = JSON.parse(run(['manifest', 'slack', '--url', 'https://bot.example.org/slack/events']).stdout);
    expect(http.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    const socket = JSON.parse(run(['manifest', 'slack', '--socket-mode'], { BUDGET_BOT_COMMAND_PREFIX: 'bb-' }).stdout);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(expect.arrayContaining(['/budget', '/bb-help']));
  }, CLI_TIMEOUT_MS);

  describe('report and check --json', () => {
    const db = join(tempDir(), 'budget.sqlite');
    beforeAll(() => {
      expect(run(['ingest', '--db', db, '--quiet']).status).toBe(0);
    }, 60_000);

    it('report --json: every document with its template tables and figures', () => {
      const r = run(['report', '--db', db, '--json']);
      expect(r.status).toBe(0);
      const { documents, more } = JSON.parse(r.stdout);
      expect(more).toBe(0);
      expect(documents).toHaveLength(6);
      const zhushan = documents.find((d: { source: string }) => d.source === '001_df29ae28ecb651dd.txt');
      // Twelve document figures: the nine headline totals, 一般公共预算支出, and 政府性基金预算拨款 and 结转下年 (both blank, so 0).
      expect(zhushan).toMatchObject({ name: '竹山县医疗保障局', year: 2022, templateTables: { found: 8, expected: 8, missing: [] }, figures: 12, unverified: 1 });
      const fengquan = documents.find((d: { source: string }) => d.source === '002_b2ab98c35d1620c6.txt');
      expect(fengquan.templateTables).toEqual({ found: 7, expected: 8, missing: ['收入总表'] });
    }, CLI_TIMEOUT_MS);

    it('check --json: per document, the inconsistencies with their rule ids, the notes apart', () => {
      const r = run(['check', '--db', db, '--json']);
      expect(r.status).toBe(0);
      const { documents } = JSON.parse(r.stdout);
      expect(documents).toHaveLength(6);
      const zhushan = documents.find((d: { source: string }) => d.source === '001_df29ae28ecb651dd.txt');
      expect(zhushan.problems.some((f: { message: string; line: number }) => f.line === 904 && f.message.includes('“三公”经费'))).toBe(true);
      for (const d of documents) for (const f of [...d.problems, ...d.notes]) expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'table', 'line']);
      const text = run(['check', '--db', db]).stdout;
      const problems = documents.reduce((n: number, d: { problems: unknown[] }) => n + d.problems.length, 0);
      expect(problems).toBe([...text.matchAll(/：(\d+) 处/g)].reduce((n, m) => n + Number(m[1]), 0));
    }, CLI_TIMEOUT_MS);
  });
});
