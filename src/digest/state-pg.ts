// Digest state in PostgreSQL, shared by replicas. The run log's (subscription, scheduled_at) key is
// the guard: a claim is an insert-if-absent, so a second replica's attempt at the same scheduled
// time is a no-op. /digest's synchronous reads (list, preview) come from a mirror of subscriptions,
// last runs and reported state, refreshed every few seconds and before every scheduler pass; its
// writes (add, remove) change the mirror at once and the database just after, so the replica asked
// answers from them immediately and the others within one refresh. Known down, a change is refused
// (available()); one whose write fails after it was confirmed is queued and written when it is back.
import type pg from 'pg';
import type { Logger } from '../core/dispatch.js';
import { parseJson, readSubscriptionRows, runFromRow, type Run, type SkippedRow, type StoredSubscription, type SubscriptionRow } from './state.js';
import type { DigestStore } from './store.js';

const REFRESH_MS = 2_000;

export async function openPgDigestState(pool: pg.Pool, log: Logger = () => {}, { refreshMs = REFRESH_MS } = {}): Promise<DigestStore> {
  let subs: StoredSubscription[] = [];
  let skipped: SkippedRow[] = [];
  let last = new Map<string, Run>();
  let reported = new Map<string, string>();
  const logged = new Set<string>();
  // A write not yet in the database must not be undone by a refresh that read before it landed.
  let writes = 0;

  // Whether the last statement sent reached PostgreSQL: known down, /digest refuses a change rather
  // than confirm one it cannot save.
  let reachable = true;
  // Changes confirmed in chat whose write failed: kept in the mirror and written, in order, before
  // the next refresh reads — never undone by a refresh that does not see them.
  const pending: { what: string; sql: string; params: unknown[] }[] = [];
  let flushing: Promise<void> | null = null;
  async function drain() {
    while (pending.length) {
      await pool.query(pending[0].sql, pending[0].params);
      log({ level: 'info', source: 'digest', message: `saved ${pending.shift()!.what} to PostgreSQL after it came back` });
    }
  }
  /** One drain at a time: two refreshes must not write the same queued change twice. */
  const flush = () => {
    if (!pending.length) return Promise.resolve();
    if (!flushing) flushing = drain().finally(() => (flushing = null));
    return flushing;
  };

  async function refresh() {
    const before = writes;
    let read;
    try {
      await flush();
      read = await Promise.all([
        pool.query<SubscriptionRow>('SELECT name, source, spec, created_at FROM subscriptions ORDER BY name'),
        pool.query("SELECT DISTINCT ON (subscription) * FROM digest_runs WHERE scheduled_at NOT LIKE 'manual:%' ORDER BY subscription, scheduled_at DESC"),
        pool.query<{ subscription: string; state: string }>('SELECT subscription, state FROM digest_reported'),
      ]);
      reachable = true;
    } catch (err) {
      reachable = false;
      throw err;
    }
    const [s, l, r] = read;
    if (writes !== before || pending.length) return;
    const rows = readSubscriptionRows(s.rows, log, logged);
    subs = rows.subscriptions;
    skipped = rows.skipped;
    last = new Map(l.rows.map((x) => [x.subscription as string, runFromRow(x)]));
    reported = new Map(r.rows.map((x) => [x.subscription, x.state]));
  }
  /** A write the caller does not wait for: if it fails, logged and queued for when PostgreSQL is back. */
  const background = (what: string, sql: string, params: unknown[]) => {
    writes++;
    void pool.query(sql, params)
      .then(() => { reachable = true; })
      .catch((err) => {
        reachable = false;
        pending.push({ what, sql, params });
        log({ level: 'error', source: 'digest', message: `could not save ${what} to PostgreSQL: queued until it is back`, error: (err as Error).message });
      })
      .finally(() => {
        writes++;
        void refresh().catch(() => {});
      });
  };

  await refresh();
  const timer = setInterval(() => refresh().catch((err) => log({ level: 'warn', source: 'digest', message: 'could not refresh digest state', error: (err as Error).message })), refreshMs);
  timer.unref();

  const upsert = 'INSERT INTO subscriptions (name, source, spec, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, source = excluded.source';
  const noteRun = (name: string, scheduledAt: string, patch: Partial<Run>) => {
    if (scheduledAt.startsWith('manual:')) return; // kept apart from the schedule's own history
    const prev = last.get(name);
    if (!prev || prev.scheduledAt <= scheduledAt) last.set(name, { ...(prev?.scheduledAt === scheduledAt ? prev : { subscription: name, scheduledAt, startedAt: '', finishedAt: null, status: 'pending', messageIds: [], error: null, attempts: 0, nextAttemptAt: null }), ...patch });
  };

  return {
    subscriptions: () => subs,
    skipped: () => skipped,
    available: () => reachable,
    async syncFile(declared, now) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const s of declared) await client.query(upsert, [s.name, 'file', JSON.stringify(s), now.toISOString()]);
        await client.query("DELETE FROM subscriptions WHERE source = 'file' AND NOT (name = ANY($1))", [declared.map((s) => s.name)]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
      await refresh();
    },
    add(s, now) {
      const row = { name: s.name, source: 'chat', spec: JSON.stringify(s), created_at: now.toISOString() };
      subs = [...subs.filter((x) => x.name !== s.name), { ...s, source: 'chat', createdAt: row.created_at }].sort((a, b) => (a.name < b.name ? -1 : 1));
      // Never an overwrite: another replica's subscription of the same name stays.
      background('a subscription', 'INSERT INTO subscriptions (name, source, spec, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING', [row.name, row.source, row.spec, row.created_at]);
    },
    remove(name) {
      const had = subs.some((x) => x.name === name);
      subs = subs.filter((x) => x.name !== name);
      background('a removal', 'DELETE FROM subscriptions WHERE name = $1', [name]);
      return had;
    },
    async claim(name, scheduledAt, now) {
      const r = await pool.query("INSERT INTO digest_runs (subscription, scheduled_at, started_at, status) VALUES ($1, $2, $3, 'pending') ON CONFLICT DO NOTHING", [name, scheduledAt, now.toISOString()]);
      if (r.rowCount === 1) noteRun(name, scheduledAt, { startedAt: now.toISOString() });
      return r.rowCount === 1;
    },
    async retry(name, scheduledAt, now) {
      const r = await pool.query("UPDATE digest_runs SET status = 'pending', started_at = $1 WHERE subscription = $2 AND scheduled_at = $3 AND status = 'failed'", [now.toISOString(), name, scheduledAt]);
      return r.rowCount === 1;
    },
    async finish(name, scheduledAt, now, r) {
      const ids = JSON.stringify(r.messageIds ?? []);
      await pool.query(
        'UPDATE digest_runs SET status = $1, finished_at = $2, message_ids = $3, error = $4, attempts = attempts + 1, next_attempt_at = $5 WHERE subscription = $6 AND scheduled_at = $7',
        [r.status, now.toISOString(), ids, r.error ?? null, r.nextAttemptAt?.toISOString() ?? null, name, scheduledAt],
      );
      noteRun(name, scheduledAt, { status: r.status, finishedAt: now.toISOString(), messageIds: r.messageIds ?? [], error: r.error ?? null });
    },
    lastRun: (name) => last.get(name) ?? null,
    async dueRetries(now) {
      const r = await pool.query("SELECT * FROM digest_runs WHERE status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= $1", [now.toISOString()]);
      return r.rows.map(runFromRow);
    },
    reported: <T>(name: string): T | null => ((s) => (s === undefined ? null : parseJson<T | null>(s, null)))(reported.get(name)),
    async setReported(name, state) {
      const text = JSON.stringify(state);
      await pool.query('INSERT INTO digest_reported (subscription, state) VALUES ($1, $2) ON CONFLICT (subscription) DO UPDATE SET state = excluded.state', [name, text]);
      reported.set(name, text);
    },
    refresh,
    close() {
      clearInterval(timer);
    },
  };
}
