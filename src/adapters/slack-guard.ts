// What Slack's HTTP endpoint checks before Bolt sees a request, following Slack's signing spec:
// a timestamp within five minutes either way (Bolt only refuses old ones), a body read no further
// than a cap (Bolt buffers whatever it is sent before verifying), and a signature answered once
// within its window (a captured request replayed is ignored). Also counts requests in flight, so
// the slash-command handler can tell when a request has waited behind others.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { createTtlSet } from '../core/rate-limit.js';

/** Slack's payloads are a few kilobytes; a large view submission stays well under this. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Slack's rule: refuse a request whose timestamp is more than five minutes from now. */
export const MAX_SKEW_SEC = 5 * 60;

export interface SlackGuardOptions {
  signingSecret: string;
  log: Logger;
  /**
   * Sees each verified request before Bolt does; returns true when it has answered it itself
   * (the acknowledge-first path for slash commands under load, slack-ack-first.ts).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => boolean;
  maxBodyBytes?: number;
  now?: () => number;
  /** Told how long each request took from arrival to its response being sent (load measurements). */
  observe?: (ms: number, status: number) => void;
  /**
   * Replay memory shared by replicas (PostgreSQL): true the first time a signature is seen by any
   * of them. Absent, this process remembers signatures itself.
   */
  seenSignature?: (signature: string) => Promise<boolean>;
}

export interface SlackGuard {
  /** Requests received and not yet answered (this one included). */
  inFlight(): number;
  /** Requests received in about the last second. */
  recentRate(): number;
  /** Milliseconds since the last request arrived. */
  sinceLastArrival(): number;
  /** Puts the guard in front of the listeners the server already has (Bolt's receiver). */
  install(server: Server): void;
}

function refuse(res: ServerResponse, status: number, close = false) {
  res.writeHead(status, { 'content-type': 'text/plain', ...(close ? { connection: 'close' } : {}) });
  res.end();
}

export function createSlackGuard({ signingSecret, log, intercept, observe, seenSignature, maxBodyBytes = MAX_BODY_BYTES, now = () => Date.now() }: SlackGuardOptions): SlackGuard {
  // Remembered for the whole span a signature can be valid: up to five minutes ahead and behind.
  const seen = createTtlSet(2 * MAX_SKEW_SEC * 1000, now);
  let inFlight = 0;
  // Arrivals per one-second bucket, this and the previous: a burst shows here even when its
  // requests reach the event loop one at a time.
  let bucket = { second: 0, count: 0, previous: 0 };
  let lastArrival = 0;
  const arrived = () => {
    lastArrival = now();
    const second = Math.floor(now() / 1000);
    if (second !== bucket.second) bucket = { second, count: 0, previous: second === bucket.second + 1 ? bucket.count : 0 };
    bucket.count++;
  };

  const verify = (ts: string, body: Buffer, signature: string) => {
    const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:`).update(body).digest('hex')}`);
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  function guard(next: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      arrived();
      const t0 = performance.now();
      res.once('close', () => inFlight--);
      if (observe) res.once('finish', () => observe(performance.now() - t0, res.statusCode));
      if (req.method !== 'POST') return next(req, res);
      const refused = (status: number, reason: string, extra: Record<string, unknown> = {}, close = false) => {
        log({ level: 'warn', source: 'slack', message: `request refused: ${reason}`, status, ...extra });
        refuse(res, status, close);
        // A body not read is not drained either: the connection is closed once the answer is out.
        if (close) res.once('finish', () => req.destroy());
      };
      const ts = req.headers['x-slack-request-timestamp'];
      const signature = req.headers['x-slack-signature'];
      if (typeof ts !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(ts)) return refused(401, 'missing signature headers', {}, true);
      const skew = Math.abs(now() / 1000 - Number(ts));
      if (skew > MAX_SKEW_SEC) return refused(401, 'timestamp more than five minutes from now', { skewSec: Math.round(skew) }, true);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes) return refused(413, 'body too large', { declared, read: 0 }, true);
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on('data', (c: Buffer) => {
        if (over) return;
        size += c.length;
        if (size > maxBodyBytes) {
          over = true;
          req.pause();
          return refused(413, 'body too large', { read: size }, true);
        }
        chunks.push(c);
      });
      req.on('error', () => {});
      req.on('end', () => {
        if (over) return;
        const body = Buffer.concat(chunks);
        if (!verify(ts, body, signature)) return refused(401, 'bad signature');
        const pass = (fresh: boolean) => {
          if (!fresh) {
            // A replay: acknowledged (so a genuine duplicate is not retried) and not acted on.
            log({ level: 'warn', source: 'slack', message: 'replayed request ignored' });
            res.writeHead(200).end();
            return;
          }
          if (intercept?.(req, res, body)) return;
          // Bolt reads the body we already hold (it takes rawBody as buffered) and verifies it again.
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
          next(req, res);
        };
        // Shared memory is a round trip away; this process's own answers in the same turn.
        if (seenSignature) void seenSignature(signature).then(pass);
        else pass(seen.add(signature));
      });
    };
  }

  return {
    inFlight: () => inFlight,
    sinceLastArrival: () => now() - lastArrival,
    recentRate() {
      const t = now();
      const second = Math.floor(t / 1000);
      if (second === bucket.second) return bucket.count + bucket.previous * (1 - (t % 1000) / 1000);
      return second === bucket.second + 1 ? bucket.count * (1 - (t % 1000) / 1000) : 0;
    },
    install(server) {
      const listeners = server.listeners('request') as RequestListener[];
      server.removeAllListeners('request');
      server.on('request', guard((req, res) => {
        for (const l of listeners) l.call(server, req, res);
      }));
    },
  };
}
