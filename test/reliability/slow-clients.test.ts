// Issue 21, item 19: a client sending its request slowly held a connection 95 s or more (Node's
// defaults: 60 s for headers, 300 s for a request, checked every 30 s). The HTTP servers the bot
// opens — Slack's receiver and the health server — now cut one off within seconds.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealth, SERVER_TIMEOUTS } from '../../src/adapters/health.js';
import { startSlack, type SlackAdapter } from '../../src/adapters/slack.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { bundledApp } from '../helpers/app.js';
import { createLogger } from '../../src/log.js';

/** Sends `head` (and never the rest); resolves with how long the server kept the connection open. */
function heldFor(port: number, head: string, drip?: string): Promise<number> {
  return new Promise((resolve) => {
    const t = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    // A trickle keeps the connection busy without ever finishing the request.
    const timer = drip ? setInterval(() => socket.writable && socket.write(drip), 500) : undefined;
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve(performance.now() - t);
    });
  });
}

describe('slow clients are cut off within seconds', () => {
  const app = bundledApp();
  let fake: FakeSlack;
  let slack: SlackAdapter;
  let health: { port: number; close(): Promise<void> };

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = await startSlack(app, { botToken: 'xoxb-1-2-slow', signingSecret: 'abcdef0123456789abcdef0123456789', port: 0, apiUrl: fake.apiUrl }, createLogger({ write: () => {} }));
    health = await createHealth({}).listen(0);
  });
  afterAll(async () => {
    await slack?.stop();
    await health?.close();
    await fake?.close();
  });

  it('headers never finished, a body trickling in: Slack receiver and health server', async () => {
    const partialHeaders = 'POST /slack/events HTTP/1.1\r\nHost: bot\r\n';
    const slowBody = 'POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{';
    const [slackHeaders, healthHeaders, slackBody, healthTrickle] = await Promise.all([
      heldFor(slack.port!, partialHeaders),
      heldFor(health.port, 'GET /readyz HTTP/1.1\r\n'),
      heldFor(slack.port!, slowBody, ' '),
      heldFor(health.port, 'GET /healthz HTTP/1.1\r\nHost: bot\r\n', 'X-Slow: 1\r\n'),
    ]);
    const headersBound = SERVER_TIMEOUTS.headersTimeout + SERVER_TIMEOUTS.connectionsCheckingInterval + 1_500;
    const requestBound = SERVER_TIMEOUTS.requestTimeout + SERVER_TIMEOUTS.connectionsCheckingInterval + 1_500;
    expect(slackHeaders).toBeLessThan(headersBound);
    expect(healthHeaders).toBeLessThan(headersBound);
    expect(healthTrickle).toBeLessThan(headersBound);
    expect(slackBody).toBeLessThan(requestBound);
  }, 40_000);
});
