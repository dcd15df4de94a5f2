// Slash commands under load, acknowledged before anything else is done. Bolt's own path builds a
// context, listeners and clients for every request — about a millisecond each, which at 1,000 at
// once puts the last acknowledgement seconds out. When others are waiting, a verified slash
// command is acknowledged here with an empty 200 in a fraction of that, and answered through its
// response_url when its turn in the queue comes. Alone, it goes to Bolt and is answered in the ack.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DispatchResult } from '../core/dispatch.js';
import type { Logger } from '../log.js';
import { renderSlack } from '../render/slack.js';
import type { SlackGuard } from './slack-guard.js';
import { isPrivate } from './slack-files.js';
import { createYieldQueue } from './yield-queue.js';

/** Above this many requests a second the bot is under load, even if each reaches it alone. */
const BUSY_PER_SECOND = 50;

/**
 * When to acknowledge first, and the queue answers wait in. A request "has waited" when another is
 * in flight, an answer is queued, or requests arrive faster than BUSY_PER_SECOND. Answers wait
 * while requests are still being acknowledged: none in flight but those waiting for their answer
 * in the acknowledgement itself, and none arrived for 5 ms (30 ms under a burst).
 */
export function createAckPolicy(guard: () => SlackGuard | null) {
  let inline = 0;
  const queue = createYieldQueue({
    ready: () => {
      const g = guard();
      // Under a burst, a lull of 30 ms before an answer runs: one answer's milliseconds of work
      // would otherwise keep the next arrivals from being read and acknowledged.
      return !g || (g.inFlight() <= inline && g.sinceLastArrival() > (g.recentRate() > BUSY_PER_SECOND ? 30 : 5));
    },
  });
  const waited = () => {
    const g = guard();
    return (g?.inFlight() ?? 0) > 1 || queue.pending() > 0 || (g?.recentRate() ?? 0) > BUSY_PER_SECOND;
  };
  return {
    waited,
    /** Runs a dispatch in its turn; `inAck` when its answer goes in the request's own acknowledgement. */
    async answer<T>(inAck: boolean, fn: () => T | Promise<T>): Promise<T> {
      if (inAck) inline++;
      try {
        return await queue.run(fn);
      } finally {
        if (inAck) inline--;
      }
    },
  };
}

export type AckPolicy = ReturnType<typeof createAckPolicy>;

export interface AckFirstOptions {
  /** Registered slash command name (a prefix included, without "/") → the definition's name. */
  commands: Map<string, string>;
  teamId?: string;
  /** Says when other requests are waiting (only then is this path taken) and queues the answers. */
  policy: AckPolicy;
  dispatch: (text: string, command: string, who: { user?: string; channel?: string }) => Promise<DispatchResult>;
  /** What follows the answer: charts, CSVs and a typed --source-image's page (the adapter's own followSlashAnswer). */
  upload: (result: DispatchResult, channel: string) => Promise<void>;
  /** Requests that must take Bolt's path (those that ask Slack who is an admin before dispatching). */
  bypass?: (command: string, text: string) => boolean;
  log: Logger;
}

/** Posts one message to a slash command's response_url (valid for 30 minutes, five messages). */
async function respond(url: string, message: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

export function createAckFirst({ commands, teamId, policy, dispatch, upload, log, bypass }: AckFirstOptions) {
  return (req: IncomingMessage, res: ServerResponse, body: Buffer): boolean => {
    if (!policy.waited() || !/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return false;
    const p = new URLSearchParams(body.toString('utf8'));
    const name = commands.get(p.get('command')?.replace(/^\//, '') ?? '') ?? '';
    const responseUrl = p.get('response_url') ?? '';
    // Anything unusual (another workspace, an unknown command, no response_url) takes Bolt's path.
    if (!name || !/^https?:\/\//.test(responseUrl) || (teamId && p.get('team_id') !== teamId) || bypass?.(name, p.get('text') ?? '')) return false;
    res.writeHead(200).end();
    const channel = p.get('channel_id') ?? '';
    void policy.answer(false, () => dispatch(p.get('text') ?? '', name, { user: p.get('user_id') ?? undefined, channel }))
      .then(async (result) => {
        const response_type = isPrivate(result.answer) ? 'ephemeral' : 'in_channel';
        for (const m of renderSlack(result.answer)) await respond(responseUrl, { response_type, ...m });
        await upload(result, channel);
      })
      .catch((err) => log({ level: 'error', source: 'slack', message: 'answer after acknowledgement failed', command: name, error: (err as Error).message }));
    return true;
  };
}
