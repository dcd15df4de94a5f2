// Health endpoints for a load balancer and a container healthcheck: GET /healthz says the process
// is alive (it answers at all); GET /readyz runs the readiness checks (the database opens and
// answers; PostgreSQL answers when replicas share state) and is 503 while any fails. Served on
// Slack's HTTP port when Slack runs over HTTP, else on a small server of its own on PORT.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';

/** One readiness check: resolves when ready, throws (its message said in the answer) when not. */
export type ReadinessCheck = () => Promise<void> | void;

const CHECK_TIMEOUT_MS = 2000;

/**
 * Bounds for every HTTP server the bot opens (Slack's receiver, this one): a client that sends its
 * headers or body slowly is cut off within seconds — Node's defaults held one 60 s for headers and
 * 300 s for the request, checked only every 30 s. Slack's requests are at most 256 KB.
 */
export const SERVER_TIMEOUTS = { headersTimeout: 5_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 } as const;

function withTimeout(check: ReadinessCheck): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    Promise.resolve().then(check).then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * `optional` checks are reported but do not make the process unready: PostgreSQL with replicas,
 * whose outage the bot rides out from local state (shared/deadline.ts) — were it to fail readiness,
 * a load balancer would take every replica out at once. Failing, the answer is 200 "degraded".
 */
export function createHealth(checks: Record<string, ReadinessCheck>, { optional = [] }: { optional?: string[] } = {}) {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const ready = async () => {
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, (err as Error).message || 'failed'] as const;
      }
    }));
    return {
      ok: results.every(([name, r]) => r === 'ok' || optional.includes(name)),
      degraded: results.some(([, r]) => r !== 'ok'),
      checks: Object.fromEntries(results),
    };
  };
  /** Answers a health request itself (true) or leaves it to the next listener (false). */
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '').split('?')[0];
    if (path === '/healthz') {
      send(res, 200, { status: 'ok' });
      return true;
    }
    if (path === '/readyz') {
      void ready().then((r) => send(res, r.ok ? 200 : 503, { status: !r.ok ? 'unavailable' : r.degraded ? 'degraded' : 'ok', checks: r.checks }));
      return true;
    }
    return false;
  };
  return {
    ready,
    handle,
    /** In front of the listeners a server already has (Slack's receiver and its guard). */
    install(server: Server) {
      const listeners = server.listeners('request') as RequestListener[];
      server.removeAllListeners('request');
      server.on('request', (req, res) => {
        if (handle(req, res)) return;
        for (const l of listeners) l.call(server, req, res);
      });
    },
    /** A server of its own (Socket Mode, Discord only): health alone, 404 for anything else. */
    async listen(port: number): Promise<{ port: number; close(): Promise<void> }> {
      const server = createServer(SERVER_TIMEOUTS, (req, res) => {
        if (!handle(req, res)) send(res, 404, { status: 'not found' });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, resolve);
      });
      const address = server.address();
      return {
        port: typeof address === 'object' && address ? address.port : port,
        close: () => new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
      };
    },
  };
}

export type Health = ReturnType<typeof createHealth>;
