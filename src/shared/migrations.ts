// The shared-state schema in PostgreSQL, as an ordered list: entry i is schema version i + 1. A
// replica applies the ones its database lacks at start, under an advisory lock so replicas started
// together do not race. Append only — an applied entry is never edited (add a new one instead).
export const MIGRATIONS: string[] = [
  `
  -- Digest subscriptions, the run log (one row per subscription and scheduled time: the key that
  -- makes a second replica's attempt a no-op) and what each subscription has already reported.
  -- Times are ISO-8601 text, exactly as the SQLite state file keeps them.
  CREATE TABLE subscriptions (name text PRIMARY KEY, source text NOT NULL, spec text NOT NULL, created_at text NOT NULL);
  CREATE TABLE digest_runs (
    subscription text NOT NULL, scheduled_at text NOT NULL, started_at text NOT NULL, finished_at text,
    status text NOT NULL, message_ids text NOT NULL DEFAULT '[]', error text, attempts integer NOT NULL DEFAULT 0, next_attempt_at text,
    PRIMARY KEY (subscription, scheduled_at)
  );
  CREATE TABLE digest_reported (subscription text PRIMARY KEY, state text NOT NULL);
  -- Keys seen recently (Slack event ids, request signatures, Discord interaction ids), with expiry.
  CREATE TABLE seen_keys (kind text NOT NULL, key text NOT NULL, expires_at timestamptz NOT NULL, PRIMARY KEY (kind, key));
  CREATE INDEX seen_keys_expiry ON seen_keys (expires_at);
  -- Token buckets per user and per channel; times are the database's, so replicas' clocks do not matter.
  CREATE TABLE rate_buckets (key text PRIMARY KEY, tokens double precision NOT NULL, at timestamptz NOT NULL);
  CREATE INDEX rate_buckets_at ON rate_buckets (at);
  -- Leases (the digest scheduler's): one holder until it stops renewing.
  CREATE TABLE leases (name text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL);
  `,
];
