// Load through the real adapters on loopback: signed slash commands into the Bolt HTTP endpoint
// with N in flight, and a burst of Discord interactions through the gateway fake. Bounded in
// count and time; every answer is checked for its figure. Over the five bundled seeds.
import { join } from 'node:path';
import { startDiscord } from '../src/adapters/discord.js';
import { startSlack } from '../src/adapters/slack.js';
import { openApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { DEFAULT_DATA_DIR } from '../src/paths.js';
import { ingestDirectory } from '../src/store/ingest.js';
import { APP_ID, commandData, startFakeDiscord } from '../test/fakes/discord.js';
import { postSigned, slashBody, startFakeSlack } from '../test/fakes/slack.js';

const SECRET = 'loadtest0123456789abcdef01234567';
const MIX: [string, string, string, Record<string, string>][] = [
  ['/budget', '竹山县 三公', '9.60 万元', { department: '竹山县', topic: '三公' }],
  ['/subject', '2101501', '1,059.54', { subject: '2101501' }],
  ['/rank', '支出总计', '3,526.22', { metric: '支出总计' }],
  ['/diff', '邢台市医保局 2024 2025', '+504.02', { department: '邢台市医保局', from: '2024', to: '2025' }],
  ['/compare', '巨鹿县 竹山县', '2,582.46', { first: '巨鹿县', second: '竹山县' }],
  ['/search', '长期护理保险', '巨鹿县医疗保障局', { words: '长期护理保险' }],
  ['/check', '竹山县', '639.72', { department: '竹山县' }],
];

export interface LoadResult {
  slack: { requests: number; errors: number; wrong: number; p50: number; p99: number; seconds: number };
  discord: { interactions: number; answered: number; wrong: number; seconds: number };
  memory: { rssBeforeMb: number; rssAfterMb: number; heapBeforeMb: number; heapAfterMb: number };
}

const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

export async function runLoad({ requests = 1000, inFlight = 50, interactions = 300, dir }: { requests?: number; inFlight?: number; interactions?: number; dir: string }): Promise<LoadResult> {
  const db = join(dir, 'load.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const quiet = createLogger({ level: 'warn', secrets: [SECRET], write: () => {} });
  const app = openApp(db, quiet);
  const fakeSlack = await startFakeSlack();
  const fakeDiscord = await startFakeDiscord();
  const slack = await startSlack(app, { botToken: 'xoxb-load-1', signingSecret: SECRET, port: 0, apiUrl: fakeSlack.apiUrl }, quiet);
  const discord = await startDiscord(app, { token: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkEt.loadloadloadloadloadloadloadloadloadABCD', applicationId: APP_ID, apiUrl: fakeDiscord.apiUrl }, quiet);
  const endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  const deadline = Date.now() + 120_000;
  try {
    // Warm up, then measure memory before the load.
    for (let i = 0; i < 20; i++) await postSigned(endpoint, SECRET, slashBody(MIX[i % MIX.length][0], MIX[i % MIX.length][1], `${fakeSlack.url}/response/w${i}`));
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();

    const times: number[] = [];
    let errors = 0;
    let wrong = 0;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < requests && Date.now() < deadline) {
        const i = next++;
        const [cmd, text, figure] = MIX[i % MIX.length];
        const t0 = performance.now();
        try {
          const r = await postSigned(endpoint, SECRET, slashBody(cmd, text, `${fakeSlack.url}/response/l${i}`));
          times.push(performance.now() - t0);
          if (r.status !== 200) errors++;
          else if (!JSON.stringify(r.json).includes(figure)) wrong++;
        } catch {
          errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const slackSeconds = (performance.now() - started) / 1000;

    const t1 = performance.now();
    const sent = Array.from({ length: interactions }, (_, i) => {
      const [cmd, , figure, options] = MIX[i % MIX.length];
      return { ...fakeDiscord.interact(commandData(cmd.slice(1), options)), figure };
    });
    const answered = () => sent.filter((s) => fakeDiscord.calls.some((c) => c.path === `/api/v10/interactions/${s.id}/${s.token}/callback`));
    await fakeDiscord.waitFor(() => answered().length === sent.length || Date.now() > deadline, 60_000).catch(() => {});
    const discordSeconds = (performance.now() - t1) / 1000;
    const byPath = new Map(fakeDiscord.calls.map((c) => [c.path, c.body]));
    const discordWrong = sent.filter((s) => !JSON.stringify(byPath.get(`/api/v10/interactions/${s.id}/${s.token}/callback`) ?? '').includes(s.figure)).length;

    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    return {
      slack: { requests: times.length, errors, wrong, p50: pct(times, 0.5), p99: pct(times, 0.99), seconds: slackSeconds },
      discord: { interactions, answered: answered().length, wrong: discordWrong, seconds: discordSeconds },
      memory: { rssBeforeMb: mb(before.rss), rssAfterMb: mb(after.rss), heapBeforeMb: mb(before.heapUsed), heapAfterMb: mb(after.heapUsed) },
    };
  } finally {
    await slack.stop();
    await discord.stop();
    await fakeSlack.close();
    await fakeDiscord.close();
    app.close();
  }
}
