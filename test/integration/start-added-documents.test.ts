// `budget-bot start` as a process, with Slack against the fake: a document an admin shares is added
// by the running bot (the wiring in start.ts), and after a restart it is still loaded and listed by
// /sources with who added it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { seedBytes, seedsWithout } from '../helpers/added.js';

const SECRET = 'fedcba9876543210fedcba9876543210';
const TOKEN = 'xoxb-42-42-addedsecret';

describe('budget-bot start with documents added from Slack', () => {
  let slack: FakeSlack;
  const { dbFile, root } = seedsWithout();
  let child: ReturnType<typeof spawn> | null = null;
  let output = '';

  async function startBot(): Promise<string> {
    output = '';
    child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'start', '--db', dbFile], {
      env: {
        PATH: process.env.PATH, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '0', SLACK_API_URL: slack.apiUrl,
        BUDGET_BOT_DIGESTS: join(root, 'digests.json'), BUDGET_BOT_DIGEST_STATE: join(root, 'digests.sqlite'),
      },
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const until = Date.now() + 30_000;
    while (!/listening on port \d+/.test(output)) {
      if (Date.now() > until) throw new Error(`start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return `http://127.0.0.1:${/listening on port (\d+)/.exec(output)![1]}/slack/events`;
  }

  async function stopBot() {
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = null;
  }

  /** The first message of a slash command's answer: in the acknowledgement, or through response_url on a busy machine. */
  async function slash(endpoint: string, command: string, text: string): Promise<string> {
    const id = Math.random().toString(36).slice(2);
    const res = await postSigned(endpoint, SECRET, slashBody(command, text, `${slack.url}/response/${id}`));
    if (res.json) return JSON.stringify(res.json);
    await slack.waitFor(() => slack.responsesAt(`/response/${id}`).length > 0, 20_000);
    return JSON.stringify(slack.responsesAt(`/response/${id}`)[0]);
  }

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.admins.add('U0ADMIN');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await slack?.close();
  });

  it('adds a shared document, and still answers from it after a restart', async () => {
    let endpoint = await startBot();
    expect(await slash(endpoint, '/budget', '竹山县 三公')).toContain('没有找到部门');
    const { id, ts } = slack.shareFile({ name: '竹山县.txt', bytes: seedBytes(), user: 'U0ADMIN', channel: 'C0CHAN' });
    const event = {
      token: 'legacy', team_id: 'T0FAKE', api_app_id: 'A0FAKE', type: 'event_callback', event_id: 'EvStartFile', event_time: 1,
      event: { type: 'file_shared', file_id: id, file: { id }, user_id: 'U0ADMIN', channel_id: 'C0CHAN', event_ts: ts },
    };
    expect((await postSigned(endpoint, SECRET, JSON.stringify(event), { contentType: 'application/json' })).status).toBe(200);
    await slack.waitFor(() => slack.calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts && JSON.stringify(c.body).includes('载入预算 1 份')), 60_000);
    expect(await slash(endpoint, '/budget', '竹山县 三公')).toContain('9.60 万元');
    await stopBot();

    endpoint = await startBot();
    expect(await slash(endpoint, '/budget', '竹山县 三公')).toContain('9.60 万元');
    const sources = await slash(endpoint, '/sources', '');
    expect(sources).toContain('竹山县.txt');
    expect(sources).toContain('slack:U0ADMIN');
    await stopBot();
    expect(output).not.toContain(TOKEN);
  }, 150_000);
});
