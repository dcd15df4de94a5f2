// The load generator for the concurrent burst, in its own process: with the platform fakes busy
// receiving the bot's follow-ups and uploads in another process, every request here really is sent
// at once. Sends its share (from, to) of the signed slash commands of the mix simultaneously; reports each one's
// acknowledgement time, status and body over IPC.
import { Agent, request } from 'node:http';
import { createHmac } from 'node:crypto';
import { MIX, SECRET } from './load-driver.js';
import { slashBody } from '../test/fakes/slack.js';

const [endpoint, responseBase, fromText, toText, tag] = process.argv.slice(2);
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function post(body: string): Promise<{ status: number; text: string }> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(endpoint, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const from = Number(fromText);
// Bodies are built before the clock starts: what is timed is the bot.
const bodies = Array.from({ length: Number(toText) - from }, (_, k) => k + from).map((i) => slashBody(MIX[i % MIX.length][0], MIX[i % MIX.length][1], `${responseBase}/${tag}${i}`, { user_id: `U${tag}${i % 97}`, channel_id: `C${tag}${i % 13}` }));
// The clients start together: each says it is ready, and all are told to go at once (a client
// process takes a second or more to start on a busy machine; waiting for a clock tick let the
// bursts of four clients land seconds apart, each behind the previous one's answers).
await new Promise<void>((go) => {
  process.once('message', () => go());
  process.send!('ready');
});
const results = await Promise.all(bodies.map(async (body, k) => {
  const i = k + from;
  const t0 = performance.now();
  try {
    const r = await post(body);
    return { i, ms: performance.now() - t0, status: r.status, text: r.text };
  } catch (err) {
    return { i, ms: performance.now() - t0, status: 0, text: String(err) };
  }
}));
process.send!(results, () => process.exit(0));
