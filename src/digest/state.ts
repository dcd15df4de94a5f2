// Digest state, kept apart from the budget database (which ingest rebuilds): subscriptions, the
// run log (one row per subscription and scheduled time — the idempotency key), and what each
// subscription has already reported.
// Rows are read one by one: a row that does not validate (edited by hand, written by another
// version) is skipped and logged, never a crash at every tick and every restart. The file is
// watched like the budget database: deleted while the bot runs, it is recreated from the still-open
// old one, so no subscription is silently lost.
import { rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../core/dispatch.js';
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

/** A subscription row that could not be read, and why (shown by /digest list). */
export interface SkippedRow {
  name: string;
  reason: string;
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

function connect(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const st = {
    subs: db.prepare('SELECT name, source, spec, created_at FROM subscriptions ORDER BY name'),
    upsert: db.prepare('INSERT INTO subscriptions (name, source, spec, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET spec = excluded.spec, source = excluded.source'),
    // A chat add never overwrites: a taken name is a constraint error, not an update.
    insert: db.prepare('INSERT INTO subscriptions (name, source, spec, created_at) VALUES (?, ?, ?, ?)'),
    remove: db.prepare('DELETE FROM subscriptions WHERE name = ?'),
    removeFileSubs: db.prepare("DELETE FROM subscriptions WHERE source = 'file' AND name NOT IN (SELECT value FROM json_each(?))"),
    claim: db.prepare("INSERT OR IGNORE INTO runs (subscription, scheduled_at, started_at, status) VALUES (?, ?, ?, 'pending')"),
    finish: db.prepare('UPDATE runs SET status = ?, finished_at = ?, message_ids = ?, error = ?, attempts = attempts + 1, next_attempt_at = ? WHERE subscription = ? AND scheduled_at = ?'),
    retrying: db.prepare("UPDATE runs SET status = 'pending', started_at = ? WHERE subscription = ? AND scheduled_at = ? AND status = 'failed'"),
    // The schedule's own last run: manual runs ("manual:…", which sorts after every date) are kept apart.
    last: db.prepare("SELECT * FROM runs WHERE subscription = ? AND scheduled_at NOT LIKE 'manual:%' ORDER BY scheduled_at DESC LIMIT 1"),
    runs: db.prepare('SELECT * FROM runs WHERE subscription = ? ORDER BY scheduled_at'),
    dueRetries: db.prepare("SELECT * FROM runs WHERE status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?"),
    reported: db.prepare('SELECT state FROM reported WHERE subscription = ?'),
    report: db.prepare('INSERT INTO reported (subscription, state) VALUES (?, ?) ON CONFLICT(subscription) DO UPDATE SET state = excluded.state'),
  };
  return { db, st, inode: statSync(file).ino };
}

/** Everything in an open state database, for copying into a recreated one. */
function dump(db: Database.Database) {
  return {
    subscriptions: db.prepare('SELECT * FROM subscriptions').all() as Record<string, unknown>[],
    runs: db.prepare('SELECT * FROM runs').all() as Record<string, unknown>[],
    reported: db.prepare('SELECT * FROM reported').all() as Record<string, unknown>[],
  };
}

function restore(db: Database.Database, data: ReturnType<typeof dump>) {
  const subs = db.prepare('INSERT OR REPLACE INTO subscriptions (name, source, spec, created_at) VALUES (@name, @source, @spec, @created_at)');
  const runs = db.prepare(`INSERT OR REPLACE INTO runs (subscription, scheduled_at, started_at, finished_at, status, message_ids, error, attempts, next_attempt_at)
    VALUES (@subscription, @scheduled_at, @started_at, @finished_at, @status, @message_ids, @error, @attempts, @next_attempt_at)`);
  const reported = db.prepare('INSERT OR REPLACE INTO reported (subscription, state) VALUES (@subscription, @state)');
  db.transaction(() => {
    for (const r of data.subscriptions) subs.run(r);
    for (const r of data.runs) runs.run(r);
    for (const r of data.reported) reported.run(r);
  })();
}

export interface SubscriptionRow {
  name: string;
  source: string;
  spec: string;
  created_at: string;
}

export type StoredSubscription = Subscription & { source: string; createdAt: string };

/**
 * Validates subscription rows (SQLite's or PostgreSQL's): a row that does not validate is skipped
 * and logged once per content (`logged` remembers), never a crash at every tick.
 */
export function readSubscriptionRows(rows: SubscriptionRow[], log: Logger, logged: Set<string>): { subscriptions: StoredSubscription[]; skipped: SkippedRow[] } {
  const out: StoredSubscription[] = [];
  const bad: SkippedRow[] = [];
  for (const r of rows) {
    const spec = parseJson<unknown>(r.spec, undefined);
    const parsed = spec === undefined ? null : subscriptionSchema.safeParse(spec);
    const created = new Date(r.created_at);
    const reason = !parsed ? '内容不是有效的 JSON'
      : !parsed.success ? parsed.error.issues.map((i) => `${i.path.join('.') || '整项'} ${i.message}`).join('；')
      : Number.isNaN(created.getTime()) ? `创建时间无效：${String(r.created_at).slice(0, 40)}`
      : null;
    if (reason || !parsed?.success) {
      bad.push({ name: r.name, reason: reason ?? '无法读取' });
      const key = `${r.name}\n${r.spec}\n${r.created_at}`;
      if (!logged.has(key)) {
        logged.add(key);
        log({ level: 'error', source: 'digest', message: 'invalid subscription row skipped', subscription: r.name, reason });
      }
      continue;
    }
    out.push({ ...parsed.data, source: r.source, createdAt: r.created_at });
  }
  return { subscriptions: out, skipped: bad };
}

/** A run-log row (either database) as the runner sees it. */
export const runFromRow = (r: any): Run => ({
  subscription: r.subscription, scheduledAt: r.scheduled_at, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status,
  messageIds: parseJson<string[]>(r.message_ids, []), error: r.error, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
});

export const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function openDigestState(file: string, log: Logger = () => {}) {
  let conn = connect(file);
  /** The connection to use now: if the file was deleted, recreated with what the old one still holds. */
  const cur = () => {
    let ino: number | null = null;
    try {
      ino = statSync(file).ino;
    } catch {
      /* deleted */
    }
    if (ino === conn.inode) return conn;
    const old = conn;
    if (ino === null) {
      // The open handle still reads the deleted file: copy it all into a new one.
      const data = dump(old.db);
      old.db.close();
      for (const stale of ['-wal', '-shm']) rmSync(file + stale, { force: true });
      conn = connect(file);
      restore(conn.db, data);
      log({ level: 'warn', source: 'digest', message: 'digest state database was deleted while running: recreated and re-saved', file, subscriptions: data.subscriptions.length, runs: data.runs.length });
    } else {
      // Replaced by another file (a restored backup): that file is now the state.
      old.db.close();
      conn = connect(file);
      log({ level: 'warn', source: 'digest', message: 'digest state database replaced while running: reopened', file });
    }
    return conn;
  };
  const run = runFromRow;
  let skipped: SkippedRow[] = [];
  const logged = new Set<string>();
  return {
    subscriptions(): StoredSubscription[] {
      const read = readSubscriptionRows(cur().st.subs.all() as SubscriptionRow[], log, logged);
      skipped = read.skipped;
      return read.subscriptions;
    },
    /** Rows the last read of the subscriptions had to skip. */
    skipped: (): SkippedRow[] => skipped,
    /** The file's subscriptions replace the file's previous ones; chat-added ones stay. */
    syncFile(subs: Subscription[], now: Date) {
      const { db, st } = cur();
      db.transaction(() => {
        for (const s of subs) st.upsert.run(s.name, 'file', JSON.stringify(s), now.toISOString());
        st.removeFileSubs.run(JSON.stringify(subs.map((s) => s.name)));
      })();
    },
    add(s: Subscription, now: Date) {
      cur().st.insert.run(s.name, 'chat', JSON.stringify(s), now.toISOString());
    },
    remove: (name: string) => cur().st.remove.run(name).changes > 0,
    /** Claims a scheduled run; false when it was already claimed (by this or an earlier process). */
    claim: (name: string, scheduledAt: string, now: Date) => cur().st.claim.run(name, scheduledAt, now.toISOString()).changes === 1,
    /** Takes a failed run back for a retry. */
    retry: (name: string, scheduledAt: string, now: Date) => cur().st.retrying.run(now.toISOString(), name, scheduledAt).changes === 1,
    finish(name: string, scheduledAt: string, now: Date, r: { status: RunStatus; messageIds?: string[]; error?: string; nextAttemptAt?: Date | null }) {
      cur().st.finish.run(r.status, now.toISOString(), JSON.stringify(r.messageIds ?? []), r.error ?? null, r.nextAttemptAt?.toISOString() ?? null, name, scheduledAt);
    },
    lastRun: (name: string) => ((r) => (r ? run(r) : null))(cur().st.last.get(name)),
    runs: (name: string) => (cur().st.runs.all(name) as any[]).map(run),
    dueRetries: (now: Date) => (cur().st.dueRetries.all(now.toISOString()) as any[]).map(run),
    reported: <T>(name: string): T | null => ((r) => (r ? parseJson<T | null>(r.state, null) : null))(cur().st.reported.get(name) as { state: string } | undefined),
    setReported: (name: string, state: unknown) => cur().st.report.run(name, JSON.stringify(state)),
    close: () => conn.db.close(),
  };
}

export type DigestState = ReturnType<typeof openDigestState>;
