// Load through the real adapters on loopback: signed slash commands into the Bolt HTTP endpoint,
// N at once, and a burst of Discord interactions through the gateway fake. Bounded in count and
// time; every answer is checked for its figure, whether it came in the acknowledgement or (acked
// first under load) through response_url. What is timed is the acknowledgement: Slack's 3-second rule.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { commandData, startFakeDiscord, type FakeDiscord } from '../test/fakes/discord.js';
import { postSigned, slashBody, startFakeSlack, type FakeSlack } from '../test/fakes/slack.js';

export const SECRET = 'loadtest0123456789abcdef01234567';
/**
 * Commands over the five bundled seeds, each with a figure its answer must contain, and a marker
 * (its title) that tells its answer apart from the others' when answers arrive through response_url.
 */
export const MIX: [string, string, string, Record<string, string>, string][] = [
  ['/budget', '竹山县 三公', '9.60 万元', { department: '竹山县', topic: '三公' }, '竹山县医疗保障局 2022年部门预算 · 三公'],
  ['/subject', '2101501', '1,059.54', { subject: '2101501' }, '2101501 行政运行'],
  ['/rank', '三公', '9.60', { metric: '三公' }, '“三公”经费 排名（各部门最新年度）'],
  ['/diff', '巨鹿县 2022 2023', '+73.81', { department: '巨鹿县', from: '2022', to: '2023' }, '巨鹿县医疗保障局 2023年部门预算：较2022年'],
  ['/compare', '巨鹿县 竹山县', '2,582.46', { first: '巨鹿县', second: '竹山县' }, '巨鹿县医疗保障局 2023年部门预算 对比 竹山县医疗保障局 2022年部门预算'],
  ['/search', '长期护理保险', '巨鹿县医疗保障局', { words: '长期护理保险' }, '搜索“长期护理保险”'],
  ['/check', '竹山县', '639.72', { department: '竹山县' }, '竹山县医疗保障局 勾稽检查'],
];

/** The figure an answer to the i-th request must show, with its marker: "marker\u0000figure". */
export const expectation = (i: number) => `${MIX[i % MIX.length][4]}\u0000${MIX[i % MIX.length][2]}`;

export interface LoadResult {
  slack: { requests: number; errors: number; wrong: number; ackedFirst: number; p50: number; p99: number; max: number; seconds: number; answeredSeconds: number };
  /** The same acknowledgements timed inside the bot, from a request's arrival to its response. */
  inBot: { p50: number; p99: number; max: number };
  /** The machine's 1-minute load average when the burst ran (2 cores shared with other work). */
  loadAverage: number;
  discord: { interactions: number; answered: number; wrong: number; seconds: number };
  memory: { rssBeforeMb: number; rssAfterMb: number; heapBeforeMb: number; heapAfterMb: number };
}

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
export const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/**
 * The bot (Slack over HTTP, Discord) in a child process over a fresh database of the seeds, against
 * fakes in this process. Separate processes, as in production: the load generator's own work does
 * not queue on the bot's event loop, so the acknowledgement times are the bot's.
 */
export async function startBot(dir: string) {
  const fakeSlack = await startFakeSlack();
  const fakeDiscord = await startFakeDiscord();
  const child = fork(join(PROJECT_ROOT, 'bench', 'bot-process.ts'), [dir, fakeSlack.apiUrl, fakeDiscord.apiUrl, SECRET], {
    execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = <T>(key: string) => new Promise<T>((resolve, reject) => {
    const onMessage = (m: any) => {
      if (m && key in m) {
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m[key]);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`the bot process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  const port = await reply<number>('port');
  const endpoint = `http://127.0.0.1:${port}/slack/events`;
  return {
    fakeSlack, fakeDiscord, endpoint,
    /** Arrival-to-acknowledgement times measured inside the bot since the last call. */
    async acks() {
      const a = reply<number[]>('acks');
      child.send('acks');
      return a;
    },
    /** Writes a heap snapshot of the bot process (after a GC) to the file; returns its path. */
    async snapshot(file: string) {
      const a = reply<string>('snapshot');
      child.send({ snapshot: file });
      return a;
    },
    /** The bot process's memory after a GC. */
    async memory() {
      const m = reply<{ rss: number; heapUsed: number }>('memory');
      child.send('memory');
      return m;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null) child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await fakeSlack.close();
      await fakeDiscord.close();
    },
  };
}

/** Resolves once the fake has received no call or response for `ms` (at most `maxMs` in all). */
async function quiet(fake: FakeSlack, ms: number, maxMs: number): Promise<void> {
  const until = Date.now() + maxMs;
  let seen = -1;
  while (Date.now() < until) {
    const now = fake.calls.length + fake.responses.length;
    if (now === seen) return;
    seen = now;
    await new Promise((r) => setTimeout(r, ms));
  }
}

/** Sends one slash command of the mix; what came back in the acknowledgement, and how long it took. */
export async function slash(endpoint: string, fake: FakeSlack, i: number, tag: string) {
  const [cmd, text, figure] = MIX[i % MIX.length];
  const t0 = performance.now();
  const r = await postSigned(endpoint, SECRET, slashBody(cmd, text, `${fake.url}/response/${tag}${i}`, { user_id: `U${tag}${i % 97}`, channel_id: `C${tag}${i % 13}` }));
  return { ms: performance.now() - t0, status: r.status, text: r.text, figure };
}

/** Answers that came through response_url, each matched to a request by its marker, checked for its figure. */
export function wrongFollowUps(responses: unknown[], expected: string[]): number {
  const pool = responses.map((b) => JSON.stringify(b));
  let wrong = 0;
  for (const e of expected) {
    const [marker, figure] = e.split('\u0000');
    // The title is the header block's text: exact, where a figure or a code may recur in other answers.
    const at = pool.findIndex((p) => p.includes(`"text":${JSON.stringify(marker)}`));
    if (at < 0 || !pool[at].includes(figure)) wrong++;
    if (at >= 0) pool.splice(at, 1);
  }
  return wrong;
}

async function discordBurst(fake: FakeDiscord, interactions: number, deadline: number) {
  const t1 = performance.now();
  const sent = Array.from({ length: interactions }, (_, i) => {
    const [cmd, , figure, options] = MIX[i % MIX.length];
    return { ...fake.interact(commandData(cmd.slice(1), options)), figure };
  });
  const answered = () => sent.filter((s) => fake.calls.some((c) => c.path === `/api/v10/interactions/${s.id}/${s.token}/callback`));
  await fake.waitFor(() => answered().length === sent.length || Date.now() > deadline, 60_000).catch(() => {});
  const seconds = (performance.now() - t1) / 1000;
  const byPath = new Map(fake.calls.map((c) => [c.path, c.body]));
  const wrong = sent.filter((s) => !JSON.stringify(byPath.get(`/api/v10/interactions/${s.id}/${s.token}/callback`) ?? '').includes(s.figure)).length;
  return { interactions, answered: answered().length, wrong, seconds };
}

/**
 * `count` requests sent at once from four client processes (LOAD_CLIENTS to change; one process
 * alone spends longer opening 1,000 connections than the bot acknowledging them).
 */
async function burst(endpoint: string, responseBase: string, count: number, tag: string) {
  const parts = Math.min(Number(process.env.LOAD_CLIENTS ?? 4), count);
  const clients = Array.from({ length: parts }, (_, k) => {
    const from = Math.floor((count * k) / parts);
    const to = Math.floor((count * (k + 1)) / parts);
    const client = fork(join(PROJECT_ROOT, 'bench', 'burst-client.ts'), [endpoint, responseBase, String(from), String(to), tag], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<never>((_, reject) => client.once('exit', (code) => reject(new Error(`the load client exited (${code})`))));
    exited.catch(() => {});
    const next = () => Promise.race([new Promise<unknown>((resolve) => client.once('message', resolve)), exited]);
    return { client, ready: next(), next };
  });
  // Every client started and its requests built before any is sent: the burst is one burst.
  await Promise.all(clients.map((c) => c.ready));
  const results = clients.map((c) => c.next() as Promise<{ i: number; ms: number; status: number; text: string }[]>);
  for (const c of clients) c.client.send('go');
  return (await Promise.all(results)).flat();
}

/** The same burst against a server that answers at once (bench/floor-server.ts): p50 and p99 of the machine and clients alone. */
export async function burstFloor(count: number): Promise<{ p50: number; p99: number }> {
  const server = fork(join(PROJECT_ROOT, 'bench', 'floor-server.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((r) => server.once('message', (m) => r(m as number)));
    const times = (await burst(`http://127.0.0.1:${port}/slack/events`, 'http://127.0.0.1:1/response', count, 'f')).map((r) => r.ms);
    return { p50: pct(times, 0.5), p99: pct(times, 0.99) };
  } finally {
    server.kill();
  }
}

/**
 * `requests` slash commands with `inFlight` at a time (npm run load: 1,000 all at once), then a
 * burst of Discord interactions.
 */
export async function runLoad({ requests = 1000, inFlight = 1000, interactions = 300, dir }: { requests?: number; inFlight?: number; interactions?: number; dir: string }): Promise<LoadResult> {
  const bot = await startBot(dir);
  const { fakeSlack, fakeDiscord, endpoint } = bot;
  const deadline = Date.now() + 120_000;
  try {
    // Warm up (the first chart of each command renders once), then measure memory before the load.
    for (let i = 0; i < 2 * MIX.length; i++) await slash(endpoint, fakeSlack, i, 'w');
    // The warm-up's charts are drawn and uploaded after its acknowledgements: wait until the bot has
    // sent nothing for a second, so the burst measures the bot, not its warm-up still under way.
    await quiet(fakeSlack, 1000, 15_000);
    const before = await bot.memory();
    await bot.acks();
    const loadAverage = loadavg()[0];

    const times: number[] = [];
    const followUps: string[] = [];
    let errors = 0;
    let wrong = 0;
    const responsesBefore = fakeSlack.responses.length;
    const started = performance.now();
    for (let sent = 0; sent < requests && Date.now() < deadline; sent += inFlight) {
      for (const r of await burst(endpoint, `${fakeSlack.url}/response`, Math.min(inFlight, requests - sent), `l${sent}-`)) {
        const figure = MIX[r.i % MIX.length][2];
        times.push(r.ms);
        if (r.status !== 200) errors++;
        else if (r.text === '') followUps.push(expectation(r.i));
        else if (!r.text.includes(figure)) wrong++;
      }
    }
    const slackSeconds = (performance.now() - started) / 1000;
    await fakeSlack.waitFor(() => fakeSlack.responses.length - responsesBefore >= followUps.length || Date.now() > deadline, 60_000).catch(() => {});
    const answeredSeconds = (performance.now() - started) / 1000;
    wrong += wrongFollowUps(fakeSlack.responses.slice(responsesBefore), followUps);

    const inBot = await bot.acks();
    const discord = await discordBurst(fakeDiscord, interactions, deadline);
    const after = await bot.memory();
    return {
      slack: { requests: times.length, errors, wrong, ackedFirst: followUps.length, p50: pct(times, 0.5), p99: pct(times, 0.99), max: Math.max(...times), seconds: slackSeconds, answeredSeconds },
      inBot: { p50: pct(inBot, 0.5), p99: pct(inBot, 0.99), max: Math.max(...inBot) },
      loadAverage,
      discord,
      memory: { rssBeforeMb: mb(before.rss), rssAfterMb: mb(after.rss), heapBeforeMb: mb(before.heapUsed), heapAfterMb: mb(after.heapUsed) },
    };
  } finally {
    await bot.stop();
  }
}
