// Everything replicas share, opened from one DATABASE_URL: the digest state, de-duplication and
// replay memory, rate-limit buckets, and the scheduler's lease. The composition root (cli.ts start)
// hands these to the adapters and the runner in place of their in-process counterparts.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError } from '../config.js';
import type { Logger } from '../core/dispatch.js';
import type { Verdict } from '../core/rate-limit.js';
import { openPgDigestState } from '../digest/state-pg.js';
import { createPgLimiter } from './buckets.js';
import { createSharedGuard } from './deadline.js';
import { createLease } from './lease.js';
import { openSharedDb } from './pg.js';
import { createPgSeen } from './seen.js';

/** How long each kind of key is remembered — the same windows the in-process sets use. */
const SLACK_EVENT_TTL_MS = 30 * 60 * 1000;
const SLACK_SIGNATURE_TTL_MS = 10 * 60 * 1000;
const DISCORD_INTERACTION_TTL_MS = 20 * 60 * 1000;

export async function openReplicaState(
  { databaseUrl, leaseSec }: { databaseUrl: string; leaseSec: number },
  rateLimit: { perUser: number; perChannel: number },
  log: Logger,
) {
  let db: Awaited<ReturnType<typeof openSharedDb>>;
  try {
    db = await openSharedDb(databaseUrl, log);
  } catch (err) {
    // Said like any other configuration problem: the variable to check, and why it failed.
    throw new ConfigError([`DATABASE_URL 无法连接或迁移失败：${(err as Error).message}`]);
  }
  // One deadline and one memory of "unreachable" for every call a request waits on: the outage is
  // logged once, and while it lasts every call answers from local state at once.
  const guard = createSharedGuard({ log });
  const limiter = createPgLimiter(db.pool, log, guard);
  // Unique per process: a restarted replica is a new holder and waits out its predecessor's lease.
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lease = createLease(db.pool, { name: 'digest-scheduler', holder, termMs: leaseSec * 1000, log });
  return {
    db,
    holder,
    guard,
    lease,
    take: (user: string | undefined, channel: string | undefined): Promise<Verdict> =>
      limiter([
        ...(user ? [{ key: `user:${user}`, capacity: rateLimit.perUser, perMinute: rateLimit.perUser }] : []),
        ...(channel ? [{ key: `channel:${channel}`, capacity: rateLimit.perChannel, perMinute: rateLimit.perChannel }] : []),
      ]),
    seenEvent: createPgSeen(db.pool, 'slack-event', SLACK_EVENT_TTL_MS, log, guard),
    seenSignature: createPgSeen(db.pool, 'slack-signature', SLACK_SIGNATURE_TTL_MS, log, guard),
    seenInteraction: createPgSeen(db.pool, 'discord-interaction', DISCORD_INTERACTION_TTL_MS, log, guard),
    openDigestState: () => openPgDigestState(db.pool, log),
    async close() {
      await lease.stop();
      await db.close();
    },
  };
}

export type ReplicaState = Awaited<ReturnType<typeof openReplicaState>>;
