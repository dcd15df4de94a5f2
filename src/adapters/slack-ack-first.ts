// Slash commands under load, acknowledged before anything else is done. Bolt's own path builds a
// context, listeners and clients for every request — about a millisecond each, which at 1,000 at
// once puts the last acknowledgement seconds out. When others are waiting, a verified slash
// command is acknowledged here with an empty 200 in a fraction of that, and answered through its
// response_url when its turn in the queue comes. Alone, it goes to Bolt and is answered in the ack.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DispatchResult } from '../core/dispatch.js';
import type { Logger } from '../log.js';
import { renderSlack } from '../render/slack.js';
import type { createYieldQueue } from './yield-queue.js';

export interface AckFirstOptions {
  commands: Set<string>;
  teamId?: string;
  queue: ReturnType<typeof createYieldQueue>;
  /** True when other requests are waiting: only then is this path taken. */
  waited: () => boolean;
  dispatch: (text: string, command: string, who: { user?: string; channel?: string }) => DispatchResult;
  /** Charts and CSVs, after the answer (the adapter's own uploader). */
  upload: (result: DispatchResult, channel: string) => Promise<void>;
  log: Logger;
}

/** Posts one message to a slash command's response_url (valid for 30 minutes, five messages). */
async function respond(url: string, message: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

export function createAckFirst({ commands, teamId, queue, waited, dispatch, upload, log }: AckFirstOptions) {
  return (req: IncomingMessage, res: ServerResponse, body: Buffer): boolean => {
    if (!waited() || !/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return false;
    const p = new URLSearchParams(body.toString('utf8'));
    const name = p.get('command')?.replace(/^\//, '') ?? '';
    const responseUrl = p.get('response_url') ?? '';
    // Anything unusual (another workspace, an unknown command, no response_url) takes Bolt's path.
    if (!commands.has(name) || !/^https?:\/\//.test(responseUrl) || (teamId && p.get('team_id') !== teamId)) return false;
    res.writeHead(200).end();
    const channel = p.get('channel_id') ?? '';
    void queue.run(() => dispatch(p.get('text') ?? '', name, { user: p.get('user_id') ?? undefined, channel }))
      .then(async (result) => {
        const response_type = result.answer.ephemeral ? 'ephemeral' : 'in_channel';
        for (const m of renderSlack(result.answer)) await respond(responseUrl, { response_type, ...m });
        await upload(result, channel);
      })
      .catch((err) => log({ level: 'error', source: 'slack', message: 'answer after acknowledgement failed', command: name, error: (err as Error).message }));
    return true;
  };
}
