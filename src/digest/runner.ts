// Runs digests: on each tick, every subscription's latest scheduled time not yet run (one
// catch-up post after downtime, not a flood), then failed runs whose retry is due. A run is
// claimed in the run log before it starts — the (subscription, scheduled time) key means no
// duplicate post across restarts or overlapping ticks. A failing channel is retried with backoff
// and never holds up the others. Platform rate limits (429) are honoured by the platform clients.
import { Cron } from 'croner';
import type { Answer, Attachment } from '../core/answer.js';
import type { CommandContext } from '../core/command.js';
import type { Logger } from '../core/dispatch.js';
import { attachmentsFor } from '../render/attachments.js';
import { composeDigest } from './compose.js';
import type { DigestStore } from './store.js';
import { latestScheduled, type Subscription } from './subscription.js';

export interface Poster {
  /** Posts an answer (and its files) to a channel; returns the platform's message ids. */
  post(channel: string, answer: Answer, files: Attachment[]): Promise<string[]>;
}

export interface RunnerOptions {
  state: DigestStore;
  context: () => CommandContext;
  posters: Partial<Record<Subscription['platform'], Poster>>;
  log?: Logger;
  now?: () => Date;
  /** Delays before the 1st, 2nd, … retry of a failed post; after the last, the run stays failed. */
  retryDelaysMs?: number[];
  /**
   * Whether this process may schedule now (replicas: it holds the scheduler's lease). Absent, it
   * always may. Manual runs (/digest run-now) need no lease: the run log's claim is their guard.
   */
  leader?: () => boolean;
  /** How often the scheduler looks for due runs (croner pattern); every minute unless a test says otherwise. */
  tickPattern?: string;
}

export type RunOutcome = 'posted' | 'skipped' | 'failed' | 'already-run';

export function createDigestRunner({ state, context, posters, log = () => {}, now = () => new Date(), retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000], leader, tickPattern = '* * * * *' }: RunnerOptions) {
  const inFlight = new Set<Promise<unknown>>();
  let job: Cron | null = null;
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  async function execute(s: Subscription, scheduledAt: string, attempt: number): Promise<RunOutcome> {
    const started = now();
    let composed: ReturnType<typeof composeDigest>;
    let ids: string[];
    try {
      const ctx = context();
      composed = composeDigest(s, ctx.queries, ctx.catalog, state.reported(s.name));
      if (s.onlyWhenChanged && !composed.hasNews) {
        await record('the skipped run', () => state.finish(s.name, scheduledAt, now(), { status: 'skipped' }));
        log({ level: 'info', source: 'digest', subscription: s.name, scheduledAt, outcome: 'skipped' });
        return 'skipped';
      }
      const poster = posters[s.platform];
      if (!poster) throw new Error(`${s.platform} 未配置，无法发送`);
      ids = await poster.post(s.channel, composed.answer, await attachmentsFor(composed.answer));
    } catch (err) {
      const delay = retryDelaysMs[attempt];
      const nextAttemptAt = delay === undefined ? null : new Date(now().getTime() + delay);
      try {
        await state.finish(s.name, scheduledAt, now(), { status: 'failed', error: (err as Error).message, nextAttemptAt });
      } catch (stateErr) {
        log({ level: 'error', source: 'digest', subscription: s.name, message: 'could not record the failed run', error: (stateErr as Error).message });
      }
      log({ level: 'error', source: 'digest', subscription: s.name, channel: s.channel, scheduledAt, outcome: 'failed', error: (err as Error).message, retryAt: nextAttemptAt?.toISOString() ?? null });
      return 'failed';
    }
    // Delivered: a record that cannot be written (PostgreSQL down) is logged, never turned into a
    // failure and a retry — the post is out, and the run's claim keeps it from going out twice.
    await record('the posted run', () => state.finish(s.name, scheduledAt, now(), { status: 'posted', messageIds: ids }));
    await record('what the digest reported', () => state.setReported(s.name, composed.reported));
    log({ level: 'info', source: 'digest', subscription: s.name, scheduledAt, outcome: 'posted', ms: now().getTime() - started.getTime() });
    return 'posted';

    async function record(what: string, write: () => unknown): Promise<void> {
      try {
        await write();
      } catch (err) {
        log({ level: 'error', source: 'digest', subscription: s.name, scheduledAt, message: `could not record ${what}`, error: (err as Error).message });
      }
    }
  }

  /** Runs one scheduled time of a subscription, unless the run log says it already ran. */
  function runOnce(s: Subscription, scheduledAt: string): Promise<RunOutcome> {
    return track((async (): Promise<RunOutcome> => {
      if (!(await state.claim(s.name, scheduledAt, now()))) return 'already-run';
      return execute(s, scheduledAt, 0);
    })());
  }

  /**
   * One pass of the scheduler. Never rejects: it runs from a timer, where a rejection would be
   * unhandled (a bad state row used to take the process down at every tick, and every restart).
   */
  async function tick(at: Date = now()): Promise<void> {
    try {
      await pass(at);
    } catch (err) {
      log({ level: 'error', source: 'digest', message: 'digest tick failed', error: (err as Error).stack ?? String(err) });
    }
  }

  async function pass(at: Date): Promise<void> {
    if (leader && !leader()) return;
    await state.refresh?.();
    const subs = state.subscriptions();
    const work: Promise<RunOutcome>[] = [];
    for (const s of subs) {
      try {
        // The schedule's own last run (manual runs are kept apart), unless it lies in the future — a
        // clock that jumped forward and back — where it would silence the digest until real time caught up.
        // Whatever the base, the run log's claim keeps a scheduled time from being posted twice.
        const last = state.lastRun(s.name);
        const base = last && last.scheduledAt <= at.toISOString() ? last.scheduledAt : s.createdAt;
        const due = latestScheduled(s, new Date(Math.min(Date.parse(base), at.getTime())), at);
        if (due) work.push(runOnce(s, due.toISOString()));
      } catch (err) {
        log({ level: 'error', source: 'digest', subscription: s.name, error: (err as Error).message });
      }
    }
    for (const r of await state.dueRetries(at)) {
      try {
        const s = subs.find((x) => x.name === r.subscription);
        if (s && (await state.retry(s.name, r.scheduledAt, at))) work.push(track(execute(s, r.scheduledAt, r.attempts)));
      } catch (err) {
        log({ level: 'error', source: 'digest', subscription: r.subscription, error: (err as Error).message });
      }
    }
    await Promise.allSettled(work);
  }

  return {
    tick,
    runOnce,
    /** Checks every minute (croner), and once at start for the run missed while down. */
    start() {
      // tick never rejects; croner's catch is the last guard should that ever change.
      job = new Cron(tickPattern, { protect: true, catch: (err) => log({ level: 'error', source: 'digest', message: 'scheduler callback failed', error: String(err) }) }, () => tick());
      return track(tick());
    },
    /** Stops scheduling, then waits for posts already under way: nothing lost, nothing doubled. */
    async stop() {
      job?.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
