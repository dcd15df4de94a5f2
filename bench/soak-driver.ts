// A steady soak through the real adapters on loopback: a fixed rate of Slack slash commands and
// Discord interactions for a bounded time, RSS sampled after GC. The fakes' own records are checked
// and emptied at every sample, so the curve is the bot's memory, not the test rig's.
import { commandData } from '../test/fakes/discord.js';
import { MIX, expectation, mb, slash, startBot, wrongFollowUps } from './load-driver.js';

export interface SoakSample {
  second: number;
  rssMb: number;
  heapMb: number;
  sent: number;
}

export interface SoakResult {
  sent: number;
  errors: number;
  wrong: number;
  samples: SoakSample[];
  firstHalfMeanMb: number;
  secondHalfMeanMb: number;
  secondHalfSlopeMbPerMin: number;
  /** The last third's peak is within 5 MB of the middle third's: memory has levelled off. */
  levelled: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** Least-squares slope of RSS against time, in MB per minute. */
function slope(samples: SoakSample[]): number {
  const mx = mean(samples.map((s) => s.second));
  const my = mean(samples.map((s) => s.rssMb));
  const num = samples.reduce((a, s) => a + (s.second - mx) * (s.rssMb - my), 0);
  const den = samples.reduce((a, s) => a + (s.second - mx) ** 2, 0);
  return den ? (num / den) * 60 : 0;
}

export async function runSoak({ seconds, ratePerSec = 20, dir, onSample = () => {} }: { seconds: number; ratePerSec?: number; dir: string; onSample?: (s: SoakSample) => void }): Promise<SoakResult> {
  const bot = await startBot(dir);
  const { fakeSlack, fakeDiscord, endpoint } = bot;
  const sampleEvery = Math.max(5, Math.round(seconds / 40));
  const samples: SoakSample[] = [];
  let sent = 0;
  let errors = 0;
  let wrong = 0;
  let followUps: string[] = [];
  let interactions: { id: string; token: string; figure: string }[] = [];
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  const end = started + seconds * 1000;
  try {
    /** Checks what the fakes received since the last sample, then forgets it. */
    const settle = async () => {
      await Promise.allSettled([...pending]);
      await fakeSlack.waitFor(() => fakeSlack.responses.length >= followUps.length, 5000).catch(() => {});
      wrong += wrongFollowUps(fakeSlack.responses, followUps);
      await fakeDiscord.waitFor(() => interactions.every((s) => fakeDiscord.calls.some((c) => c.path === `/api/v10/interactions/${s.id}/${s.token}/callback`)), 5000).catch(() => {});
      const byPath = new Map(fakeDiscord.calls.map((c) => [c.path, JSON.stringify(c.body)]));
      wrong += interactions.filter((s) => !(byPath.get(`/api/v10/interactions/${s.id}/${s.token}/callback`) ?? '').includes(s.figure)).length;
      followUps = [];
      interactions = [];
      for (const arr of [fakeSlack.calls, fakeSlack.responses, fakeSlack.uploads, fakeDiscord.calls] as unknown[][]) arr.length = 0;
    };
    const sample = async () => {
      await settle();
      const m = await bot.memory();
      const s = { second: Math.round((Date.now() - started) / 1000), rssMb: mb(m.rss), heapMb: mb(m.heapUsed), sent };
      samples.push(s);
      onSample(s);
    };
    await sample();
    let nextSample = started + sampleEvery * 1000;
    const interval = 1000 / ratePerSec;
    for (let i = 0, due = Date.now(); Date.now() < end; i++, due += interval) {
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sent++;
      if (i % 2 === 0) {
        const p = slash(endpoint, fakeSlack, i, 's').then((r) => {
          if (r.status !== 200) errors++;
          else if (r.text === '') followUps.push(expectation(i));
          else if (!r.text.includes(r.figure)) wrong++;
        }, () => void errors++);
        pending.add(p);
        void p.finally(() => pending.delete(p));
      } else {
        const [cmd, , figure, options] = MIX[i % MIX.length];
        interactions.push({ ...fakeDiscord.interact(commandData(cmd.slice(1), options)), figure });
      }
      if (Date.now() >= nextSample) {
        await sample();
        nextSample += sampleEvery * 1000;
        due = Date.now();
      }
    }
    await sample();
  } finally {
    await bot.stop();
  }
  const warm = samples.slice(Math.ceil(samples.length * 0.2));
  const half = Math.floor(warm.length / 2);
  const third = Math.floor(warm.length / 3);
  const peak = (xs: SoakSample[]) => Math.max(...xs.map((s) => s.rssMb));
  return {
    sent, errors, wrong, samples,
    firstHalfMeanMb: mean(warm.slice(0, half).map((s) => s.rssMb)),
    secondHalfMeanMb: mean(warm.slice(half).map((s) => s.rssMb)),
    secondHalfSlopeMbPerMin: slope(warm.slice(half)),
    levelled: warm.length < 3 || peak(warm.slice(2 * third)) <= peak(warm.slice(third, 2 * third)) + 5,
  };
}
