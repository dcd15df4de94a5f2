// What the digest runner and /digest need from their state, whichever database holds it: the
// SQLite state file (one process) or PostgreSQL (replicas, shared/). Reads /digest makes from a
// synchronous command are synchronous — PostgreSQL's side answers them from a mirror it refreshes —
// and the runner awaits everything, so a write that must be atomic across replicas (claiming a
// scheduled run) is asked of the database itself.
import type { Run, RunStatus, SkippedRow, StoredSubscription } from './state.js';
import type { Subscription } from './subscription.js';

type MaybePromise<T> = T | Promise<T>;

export interface DigestStore {
  subscriptions(): StoredSubscription[];
  /** Rows the last read of the subscriptions had to skip. */
  skipped(): SkippedRow[];
  /** The file's subscriptions replace the file's previous ones; chat-added ones stay. */
  syncFile(subs: Subscription[], now: Date): MaybePromise<void>;
  /** False while the database is known unreachable: /digest then refuses a change it could not save. */
  available?(): boolean;
  add(s: Subscription, now: Date): void;
  remove(name: string): boolean;
  /** Claims a scheduled run; false when it was already claimed (by this or another process). */
  claim(name: string, scheduledAt: string, now: Date): MaybePromise<boolean>;
  /** Takes a failed run back for a retry. */
  retry(name: string, scheduledAt: string, now: Date): MaybePromise<boolean>;
  finish(name: string, scheduledAt: string, now: Date, r: { status: RunStatus; messageIds?: string[]; error?: string; nextAttemptAt?: Date | null }): MaybePromise<unknown>;
  lastRun(name: string): Run | null;
  dueRetries(now: Date): MaybePromise<Run[]>;
  reported<T>(name: string): T | null;
  setReported(name: string, state: unknown): MaybePromise<unknown>;
  /** Re-reads what other replicas may have changed (PostgreSQL); the runner calls it before each pass. */
  refresh?(): Promise<void>;
  close(): MaybePromise<unknown>;
}
