// Token buckets per key (a user, a channel): a burst up to `capacity`, refilled steadily. Memory is
// bounded: full buckets are forgotten once the map grows large.

export type Verdict = { ok: true } | { ok: false; retryAfterSec: number };

export interface RateLimiter {
  /** Takes one token for the key; when none is left, says how many seconds until one is. */
  take(key: string): Verdict;
  /** Says what take would, without taking: lets two limits be asked before either is spent. */
  check(key: string): Verdict;
}

/**
 * Takes from every (limiter, key) pair only when all of them allow. Asking each in turn and taking
 * as we go would let one limit's refusal still spend the others' allowance (a busy channel would
 * drain its quiet users' buckets).
 */
export function takeAll(pairs: [RateLimiter | undefined, string | undefined][]): Verdict {
  const live = pairs.filter((p): p is [RateLimiter, string] => !!p[0] && !!p[1]);
  const refusals = live.map(([l, k]) => l.check(k)).filter((v): v is Extract<Verdict, { ok: false }> => !v.ok);
  if (refusals.length) return { ok: false, retryAfterSec: Math.max(...refusals.map((r) => r.retryAfterSec)) };
  for (const [l, k] of live) l.take(k);
  return { ok: true };
}

export function createRateLimiter({ capacity, perMinute, now = () => Date.now(), maxKeys = 10_000 }: { capacity: number; perMinute: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  const refusal = (tokens: number): Verdict => ({ ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)) });
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: capacity, at: t };
      b.tokens = Math.min(capacity, b.tokens + (t - b.at) * refillPerMs);
      b.at = t;
      if (buckets.size >= maxKeys && !buckets.has(key)) {
        for (const [k, v] of buckets) if (v.tokens + (t - v.at) * refillPerMs >= capacity) buckets.delete(k);
      }
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return refusal(b.tokens);
    },
    check(key) {
      const b = buckets.get(key);
      const tokens = b ? Math.min(capacity, b.tokens + (now() - b.at) * refillPerMs) : capacity;
      return tokens >= 1 ? { ok: true } : refusal(tokens);
    },
  };
}

/**
 * A set whose members expire: remembers event, interaction and signature ids long enough to drop
 * repeats. Expired members are dropped as new ones arrive — entries expire in insertion order (a
 * key seen again moves to the end), so they are always at the front — and memory stays at one
 * window's worth. (It used to prune only past 50,000 entries: a steady soak grew until then.)
 */
export function createTtlSet(ttlMs: number, now = () => Date.now()) {
  const seen = new Map<string, number>();
  return {
    /** True the first time a key is seen within the window; false for a repeat. */
    add(key: string): boolean {
      const t = now();
      for (const [k, exp] of seen) {
        if (exp > t) break;
        seen.delete(k);
      }
      const exp = seen.get(key);
      if (exp !== undefined && exp > t) return false;
      seen.delete(key);
      seen.set(key, t + ttlMs);
      return true;
    },
    size: () => seen.size,
  };
}
