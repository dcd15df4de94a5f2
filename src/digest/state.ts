// Digest state, kept apart from the budget database (which ingest rebuilds): subscriptions, the
// run log (one row per subscription and scheduled time — the idempotency key), and what each
// subscription has already reported.
import Database from 'better-sqlite3';
import { subscriptionSchema, type Subscription } from './subscription.js';

export type RunStatus = 'pending' | 'posted' | 'skipped' | 'failed';

export interface Run {
  subscription: string;
  scheduledAt: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  messageIds: string[];
  error: string | null;
  attempts: number;
  nextAttemptAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (name TEXT PRIMARY KEY, source TEXT NOT NULL, spec TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  subscription TEXT NOT NULL, scheduled_at TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
  status TEXT NOT NULL, message_ids TEXT NOT NULL DEFAULT '[]', error TEXT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT,
  PRIMARY KEY (subscription, scheduled_at)
);
CREATE TABLE IF NOT EXISTS reported (subscription TEXT PRIMARY KEY, state TEXT NOT NULL);
`;

export function openDigestState(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const st = {
    subs: db.prepare('SELECT name, source, spec, created_at FROM subscriptions ORDER BY name'),
    upsert: db.prepare('INSERT INTO subscriptions (name, source, spec, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, source = excluded.source'),
    remove: db.prepare('DELETE FROM subscriptions WHERE name = ?'),
    removeFileSubs: db.prepare("DELETE FROM subscriptions WHERE source = 'file' AND name NOT IN (SELECT value FROM json_each(?))"),
    claim: db.prepare("INSERT OR IGNORE INTO runs (subscription, scheduled_at, started_at, status) VALUES (?, ?, ?, 'pending')"),
    finish: db.prepare('UPDATE runs SET status = ?, finished_at = ?, message_ids = ?, error = ?, attempts = attempts + 1, next_attempt_at = ? WHERE subscription = ? AND scheduled_at = ?'),
    retrying: db.prepare("UPDATE runs SET status = 'pending', started_at = ? WHERE subscription = ? AND scheduled_at = ? AND status = 'failed'"),
    last: db.prepare('SELECT * FROM runs WHERE subscription = ? ORDER BY scheduled_at DESC LIMIT 1'),
    runs: db.prepare('SELECT * FROM runs WHERE subscription = ? ORDER BY scheduled_at'),
    dueRetries: db.prepare("SELECT * FROM runs WHERE status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?"),
    reported: db.prepare('SELECT state FROM reported WHERE subscription = ?'),
    report: db.prepare('INSERT INTO reported (subscription, state) VALUES (?, ?) ON CONFLICT(subscription) DO UPDATE SET state = excluded.state'),
  };
  const run = (r: any): Run => ({
    subscription: r.subscription, scheduledAt: r.scheduled_at, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status,
    messageIds: JSON.parse(r.message_ids), error: r.error, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
  });
  return {
    subscriptions(): (Subscription & { source: string; createdAt: string })[] {
      return (st.subs.all() as any[]).map((r) => ({ ...subscriptionSchema.parse(JSON.parse(r.spec)), source: r.source, createdAt: r.created_at }));
    },
    /** The file's subscriptions replace the file's previous ones; chat-added ones stay. */
    syncFile(subs: Subscription[], now: Date) {
      db.transaction(() => {
        for (const s of subs) st.upsert.run(s.name, 'file', JSON.stringify(s), now.toISOString());
        st.removeFileSubs.run(JSON.stringify(subs.map((s) => s.name)));
      })();
    },
    add(s: Subscription, now: Date) {
      st.upsert.run(s.name, 'chat', JSON.stringify(s), now.toISOString());
    },
    remove: (name: string) => st.remove.run(name).changes > 0,
    /** Claims a scheduled run; false when it was already claimed (by this or an earlier process). */
    claim: (name: string, scheduledAt: string, now: Date) => st.claim.run(name, scheduledAt, now.toISOString()).changes === 1,
    /** Takes a failed run back for a retry. */
    retry: (name: string, scheduledAt: string, now: Date) => st.retrying.run(now.toISOString(), name, scheduledAt).changes === 1,
    finish(name: string, scheduledAt: string, now: Date, r: { status: RunStatus; messageIds?: string[]; error?: string; nextAttemptAt?: Date | null }) {
      st.finish.run(r.status, now.toISOString(), JSON.stringify(r.messageIds ?? []), r.error ?? null, r.nextAttemptAt?.toISOString() ?? null, name, scheduledAt);
    },
    lastRun: (name: string) => ((r) => (r ? run(r) : null))(st.last.get(name)),
    runs: (name: string) => (st.runs.all(name) as any[]).map(run),
    dueRetries: (now: Date) => (st.dueRetries.all(now.toISOString()) as any[]).map(run),
    reported: <T>(name: string): T | null => ((r) => (r ? (JSON.parse(r.state) as T) : null))(st.reported.get(name) as { state: string } | undefined),
    setReported: (name: string, state: unknown) => st.report.run(name, JSON.stringify(state)),
    close: () => db.close(),
  };
}

export type DigestState = ReturnType<typeof openDigestState>;
