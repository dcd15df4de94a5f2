// A local stand-in for Slack on 127.0.0.1: the Web API (every call recorded), response_url
// endpoints, and a Socket Mode websocket that pushes envelopes and collects acks. Also the signing
// helper that sends requests to the app exactly as Slack signs them.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { slackRejects } from './slack-limits.js';

export interface ApiCall {
  method: string;
  body: Record<string, any>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

/** Web API bodies arrive form-encoded with JSON-encoded nested fields, or as JSON. */
function parseBody(raw: string, type: string | undefined): Record<string, any> {
  if (type?.includes('json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: ApiCall[];
  /** Bytes posted to upload URLs. */
  uploads: { url: string; bytes: Buffer }[];
  responses: Record<string, any>[];
  /** The messages posted to one response_url (its path, e.g. "/response/list-1"), in order. */
  responsesAt(path: string): Record<string, any>[];
  /** Envelopes acked over Socket Mode: envelope_id → the ack's payload. */
  acks: Map<string, any>;
  /** Makes the next calls of a method fail, e.g. with a 429 and Retry-After. */
  failNext(method: string, status: number, headers?: Record<string, string>, times?: number, error?: string): void;
  pushEnvelope(envelope: Record<string, unknown>): void;
  /** Makes every post to a channel fail with a Slack error (channel_not_found, not_in_channel…). */
  badChannel(channel: string, error: string): void;
  /** Drops the Socket Mode connection, as a network failure would. */
  dropSocket(): void;
  /** Users users.info reports as workspace admins. */
  admins: Set<string>;
  /** Tokens every call refuses with invalid_auth (as Slack answers a revoked or mistyped token). */
  badTokens: Set<string>;
  /** User group id → its members (usergroups.users.list). */
  groups: Map<string, string[]>;
  /**
   * A member shares a file in a channel: files.info describes it, and its url_private_download serves
   * the bytes to a bearer token only (without one, Slack's sign-in page, as Slack does). Returns the
   * file id and the ts of the message that shared it.
   */
  shareFile(file: { name: string; bytes: Buffer; user: string; channel: string }): { id: string; ts: string };
  /** Each download of a shared file: its id and the token it came with. */
  downloads: { id: string; token: string | null }[];
  socketConnected(): Promise<void>;
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const uploads: { url: string; bytes: Buffer }[] = [];
  const responses: Record<string, any>[] = [];
  const responsesByPath = new Map<string, Record<string, any>[]>();
  const acks = new Map<string, any>();
  const failures = new Map<string, { status: number; headers: Record<string, string>; times: number; error?: string }>();
  const badChannels = new Map<string, string>();
  const admins = new Set<string>();
  const badTokens = new Set<string>();
  const groups = new Map<string, string[]>();
  const files = new Map<string, { name: string; bytes: Buffer; user: string; channel: string; ts: string }>();
  const downloads: { id: string; token: string | null }[] = [];
  let socket: WebSocket | null = null;
  let onSocket: (() => void) | null = null;
  let ts = 1700000000;

  const server: Server = createServer(async (req, res) => {
    if (req.url?.startsWith('/upload/')) {
      // The bytes of an external upload (files.getUploadURLExternal's upload_url).
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      uploads.push({ url: req.url, bytes: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('OK - uploaded');
    }
    if (req.url?.startsWith('/files-pri/')) {
      const id = /^\/files-pri\/T0FAKE-(F\w+)\//.exec(req.url)?.[1] ?? '';
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
      downloads.push({ id, token });
      const file = files.get(id);
      if (!token || badTokens.has(token) || !file) {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><body>Sign in to Slack</body></html>');
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
      return res.end(file.bytes);
    }
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type']);
    const json = (status: number, obj: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(obj));
    };
    if (req.url?.startsWith('/response/')) {
      // A response_url refuses what chat.postMessage refuses.
      const refused = slackRejects(body);
      if (refused) return json(400, { ok: false, error: refused });
      responses.push(body);
      responsesByPath.set(req.url, [...(responsesByPath.get(req.url) ?? []), body]);
      return json(200, { ok: true });
    }
    const method = /^\/api\/([\w.]+)/.exec(req.url ?? '')?.[1];
    if (!method) return json(404, { ok: false, error: 'unknown_url' });
    calls.push({ method, body });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? body.token;
    if (token && badTokens.has(token)) return json(200, { ok: false, error: 'invalid_auth' });
    if (['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(method)) {
      const refused = slackRejects(body);
      if (refused) return json(200, { ok: false, error: refused });
    }
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times--;
      return json(failure.status, { ok: false, error: failure.error ?? (failure.status === 429 ? 'ratelimited' : 'fatal_error') }, failure.headers);
    }
    switch (method) {
      case 'auth.test':
        return json(200, { ok: true, url: 'https://fake.slack/', team: 'fake', user: 'budget-bot', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' });
      case 'apps.connections.open':
        return json(200, { ok: true, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/socket` });
      case 'chat.postMessage':
        if (badChannels.has(body.channel)) return json(200, { ok: false, error: badChannels.get(body.channel) });
        return json(200, { ok: true, channel: body.channel, ts: `${++ts}.000100`, message: { text: body.text } });
      case 'users.info':
        return json(200, { ok: true, user: { id: body.user, name: String(body.user).toLowerCase(), is_admin: admins.has(body.user), is_owner: false } });
      case 'views.open':
        // A modal opens only on a fresh trigger from a slash command or an action.
        if (!body.trigger_id) return json(200, { ok: false, error: 'invalid_trigger_id' });
        return json(200, { ok: true, view: { id: `V${++ts}`, ...body.view } });
      case 'views.publish':
        if (!body.user_id) return json(200, { ok: false, error: 'invalid_arguments' });
        return json(200, { ok: true, view: { id: `V${++ts}`, ...body.view } });
      case 'usergroups.users.list':
        return json(200, { ok: true, users: groups.get(body.usergroup) ?? [] });
      case 'files.info': {
        const file = files.get(body.file);
        if (!file) return json(200, { ok: false, error: 'file_not_found' });
        const port = (server.address() as AddressInfo).port;
        return json(200, {
          ok: true,
          file: {
            id: body.file, name: file.name, title: file.name, size: file.bytes.length, user: file.user, mimetype: 'application/octet-stream',
            url_private_download: `http://127.0.0.1:${port}/files-pri/T0FAKE-${body.file}/download/${encodeURIComponent(file.name)}`,
            shares: { public: { [file.channel]: [{ ts: file.ts, channel_name: 'budget' }] } },
          },
        });
      }
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: `${++ts}.000100` });
      case 'files.completeUploadExternal':
        return json(200, { ok: true, files: (body.files ?? []).map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title ?? '' })) });
      case 'files.getUploadURLExternal':
        return json(200, { ok: true, upload_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload/${ts}`, file_id: `F${++ts}` });
      default:
        return json(200, { ok: true });
    }
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    wss.handleUpgrade(req, sock, head, (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.envelope_id) acks.set(msg.envelope_id, msg.payload ?? null);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake' } }));
      onSocket?.();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitFor = async (pred: () => boolean, ms = 5000) => {
    const until = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > until) throw new Error('timed out waiting for the fake Slack');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    uploads,
    responses,
    responsesAt: (path) => responsesByPath.get(path) ?? [],
    acks,
    admins,
    badTokens,
    groups,
    downloads,
    shareFile(file) {
      const id = `F${++ts}`;
      const at = `${++ts}.000100`;
      files.set(id, { ...file, ts: at });
      return { id, ts: at };
    },
    failNext(method, status, headers = {}, times = 1, error) {
      failures.set(method, { status, headers, times, error });
    },
    badChannel(channel, error) {
      badChannels.set(channel, error);
    },
    pushEnvelope(envelope) {
      socket!.send(JSON.stringify(envelope));
    },
    dropSocket() {
      socket?.terminate();
      socket = null;
    },
    socketConnected: () => (socket ? Promise.resolve() : new Promise<void>((r) => (onSocket = r))),
    waitFor,
    async close() {
      socket?.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Posts to the app as Slack does: form-encoded (exactly that content type) and signed. */
export async function postSigned(url: string, secret: string, body: string, { timestamp = Math.floor(Date.now() / 1000), contentType = 'application/x-www-form-urlencoded', signature }: { timestamp?: number; contentType?: string; signature?: string } = {}) {
  const sig = signature ?? `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sig },
    body,
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json };
}

/** The form body Slack sends for a slash command. */
export function slashBody(command: string, text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy', team_id: 'T0FAKE', team_domain: 'fake', channel_id: 'C0CHAN', channel_name: 'budget', user_id: 'U0ASKER', user_name: 'asker',
    command, text, api_app_id: 'A0FAKE', response_url: responseUrl, trigger_id: '1.2.3', ...extra,
  }).toString();
}
