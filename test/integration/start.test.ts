// `budget-bot start` as a process: with Slack and Discord configured it serves both (here, against
// the local fakes); SIGTERM stops it cleanly; no secret appears in its output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { APP_ID, commandData, startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { tempDir } from '../helpers/tmp.js';

const SECRET = 'fedcba9876543210fedcba9876543210';
const SLACK_TOKEN = 'xoxb-42-42-startsecret';
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.startsecretstartsecretstartsecretABCD';

describe('budget-bot start', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let output = '';
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    const dir = tempDir();
    const db = join(dir, 'budget.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'start', '--db', db], {
      env: {
        PATH: process.env.PATH, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '0', SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.apiUrl,
        BUDGET_BOT_DIGESTS: join(dir, 'digests.json'), BUDGET_BOT_DIGEST_STATE: join(dir, 'digests.sqlite'),
      },
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const until = Date.now() + 20_000;
    while (!(/listening on port \d+/.test(output) && /Discord connected/.test(output))) {
      if (Date.now() > until) throw new Error(`start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 30_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await slack?.close();
    await discord?.close();
  });

  it('serves Slack and Discord from one process', async () => {
    const port = /listening on port (\d+)/.exec(output)![1];
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, slashBody('/budget', '竹山县 三公', `${slack.url}/response/s`));
    expect(JSON.stringify(res.json.blocks)).toContain('9.60 万元');
    const { id, token } = discord.interact(commandData('subject', { subject: '2101501' }));
    await discord.waitFor(() => discord.calls.some((c) => c.path === `/api/v10/interactions/${id}/${token}/callback`));
    expect(JSON.stringify(discord.calls.find((c) => c.path.includes(token))!.body)).toContain('1,059.54');
  });

  it('never posts a secret a user typed (issue 15 item 10): the answer passes the log redactor', async () => {
    const port = /listening on port (\d+)/.exec(output)![1];
    for (const [command, text] of [['/search', SECRET], ['/diff', SLACK_TOKEN], ['/search', `${DISCORD_TOKEN} 医保`]]) {
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, slashBody(command, text, `${slack.url}/response/r`));
      expect(res.status).toBe(200);
      for (const s of [SECRET, SLACK_TOKEN, DISCORD_TOKEN]) expect(res.text).not.toContain(s);
      expect(res.text).toContain('[REDACTED]');
    }
  });

  it('logs one line per command, and stops on SIGTERM without a secret in its output', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.command === 'budget' && l.platform === 'slack')).toHaveLength(1);
    expect(lines.filter((l) => l.command === 'subject' && l.platform === 'discord')).toHaveLength(1);
    for (const s of [SECRET, SLACK_TOKEN, DISCORD_TOKEN]) expect(output).not.toContain(s);
  });
});
