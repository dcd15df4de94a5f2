// A local stand-in for Discord on 127.0.0.1: the REST API (interaction callbacks, webhooks,
// command registration, channel messages; every call recorded) and a gateway websocket that says
// HELLO, answers IDENTIFY with READY, acks heartbeats and pushes interactions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { discordRejects } from './discord-limits.js';

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';

export interface RestCall {
  method: string;
  path: string;
  body: any;
}

export interface FakeDiscord {
  apiUrl: string;
  calls: RestCall[];
  identified(): Promise<void>;
  /** Sends an interaction over the gateway; returns its id and token. */
  interact(data: Record<string, unknown>, type?: 2 | 3 | 4 | 5, extra?: Record<string, unknown>): { id: string; token: string };
  /**
   * A member posts a message in the channel (the guild is announced first, as a gateway would);
   * `author` another member than the guild's owner, `attachments` files served over HTTP.
   */
  say(content: string, mentions?: string[], extra?: { author?: Member; attachments?: { name: string; bytes: Buffer }[] }): string;
  /** Each attachment download: its path. */
  downloads: string[];
  failNext(pathPart: string, status: number, headers?: Record<string, string>, times?: number, code?: number): void;
  /** Drops the gateway connection, as a network failure would. */
  dropGateway(): void;
  identifies: number;
  /** Tokens every REST call refuses with 401 (as Discord answers a reset or mistyped token). */
  badTokens: Set<string>;
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}


const USER = { id: '400000000000000004', username: 'asker', discriminator: '0', global_name: 'Asker', avatar: null };

/** A role granting Manage Channels (1 << 4), and members with and without it (the asker owns the guild). */
export const MANAGER_ROLE_ID = '210000000000000021';
export interface Member { id: string; username: string; roles: string[] }
export const MANAGER: Member = { id: '410000000000000041', username: 'manager', roles: [MANAGER_ROLE_ID] };
export const MEMBER: Member = { id: '420000000000000042', username: 'member', roles: [] };
const role = (id: string, name: string, permissions: string, position: number) => ({ id, name, color: 0, hoist: false, icon: null, unicode_emoji: null, position, permissions, managed: false, mentionable: false, flags: 0 });

function message(body: any, id: string) {
  return {
    id, type: 0, channel_id: CHANNEL_ID, content: body?.content ?? '', embeds: body?.embeds ?? [], attachments: [], components: [], mentions: [], mention_roles: [],
    pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: body?.flags ?? 0,
    author: { id: APP_ID, username: 'budget-bot', discriminator: '0', bot: true, avatar: null }, webhook_id: APP_ID, application_id: APP_ID,
  };
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: RestCall[] = [];
  const failures = new Map<string, { status: number; headers: Record<string, string>; times: number; code: number }>();
  let identifies = 0;
  let gateway: WebSocket | null = null;
  let onIdentify: (() => void) | null = null;
  let seq = 0;
  let nextId = 500000000000000000n;
  let guildAnnounced = false;
  const badTokens = new Set<string>();
  const attachments = new Map<string, Buffer>();
  const downloads: string[] = [];

  const server: Server = createServer(async (req, res) => {
    if (req.url?.startsWith('/attachments/')) {
      // Discord's CDN: signed URLs, no token.
      const path = decodeURIComponent(req.url.split('?')[0]);
      downloads.push(path);
      const bytes = attachments.get(path);
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/octet-stream' });
      return res.end(bytes ?? '');
    }
    // Binary-safe: multipart bodies (attachments) are kept as latin1 text.
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString(req.headers['content-type']?.startsWith('multipart/') ? 'latin1' : 'utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      // multipart: the JSON part, with the raw body kept for checking the files.
      const json = /name="payload_json"[^]*?\r\n\r\n([^]*?)\r\n--/.exec(raw)?.[1];
      body = json ? { ...JSON.parse(Buffer.from(json, 'latin1').toString('utf8')), __multipart: raw } : raw;
    }
    calls.push({ method: req.method ?? '', path, body });
    const token = /^Bot (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token && badTokens.has(token)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
    }
    const json = (status: number, obj: unknown, headers: Record<string, string> = {}) => {
      // A 204 has no body, and so no content type (a client would try to parse an empty JSON body).
      res.writeHead(status, obj === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(obj === undefined ? undefined : JSON.stringify(obj));
    };
    for (const [part, f] of failures) {
      if (path.includes(part) && f.times > 0) {
        f.times--;
        return json(f.status, { message: f.status === 429 ? 'You are being rate limited.' : f.code === 10062 ? 'Unknown interaction' : 'Server error', code: f.code, retry_after: Number(f.headers['retry-after'] ?? 0), global: false }, f.headers);
      }
    }
    // Messages Discord would refuse are refused here too (an interaction callback carries it in data).
    const refused = req.method !== 'GET' && req.method !== 'DELETE' && !/commands$/.test(path) ? discordRejects(body?.data ?? body) : null;
    if (refused) return json(400, { message: 'Invalid Form Body', code: 50035, errors: { _errors: [{ code: 'BASE_TYPE_INVALID', message: refused }] } });
    const port = (server.address() as AddressInfo).port;
    if (path === '/api/v10/gateway/bot') {
      return json(200, { url: `ws://127.0.0.1:${port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    }
    if (path === '/api/v10/applications/@me') return json(200, { id: APP_ID, name: 'budget-bot', icon: null, description: '', bot_public: false, bot_require_code_grant: false, verify_key: '0', flags: 0 });
    if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return json(204, undefined);
    if (/^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      return req.method === 'DELETE' ? json(204, undefined) : json(200, message(body, String(nextId++)));
    }
    if (/^\/api\/v10\/webhooks\/\d+\/[^/]+$/.test(path)) return json(200, message(body, String(nextId++)));
    if (/^\/api\/v10\/channels\/\d+\/messages$/.test(path)) return json(200, message(body, String(nextId++)));
    if (/commands$/.test(path) && req.method === 'PUT') return json(200, (body as any[]).map((c, i) => ({ ...c, id: String(600000000000000000n + BigInt(i)), application_id: APP_ID, version: '1' })));
    return json(404, { message: 'Unknown', code: 0 });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    wss.handleUpgrade(req, sock, head, (ws) => {
      gateway = ws;
      ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        if (msg.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++seq, d: {} }));
        if (msg.op === 2) {
          identifies++;
          const port = (server.address() as AddressInfo).port;
          ws.send(JSON.stringify({
            op: 0, t: 'READY', s: ++seq,
            d: {
              v: 10, user: { id: APP_ID, username: 'budget-bot', discriminator: '0', bot: true, avatar: null, flags: 0 }, guilds: [],
              session_id: 'fake-session', resume_gateway_url: `ws://127.0.0.1:${port}/gateway`, application: { id: APP_ID, flags: 0 }, shard: [0, 1],
            },
          }));
          onIdentify?.();
        }
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  let interactionId = 700000000000000000n;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    identified: () => new Promise<void>((r) => (gateway ? (onIdentify = r) : (onIdentify = r))),
    downloads,
    say(content, mentions = [], { author, attachments: files = [] } = {}) {
      if (!guildAnnounced) {
        guildAnnounced = true;
        gateway!.send(JSON.stringify({
          op: 0, t: 'GUILD_CREATE', s: ++seq,
          d: {
            id: GUILD_ID, name: 'fake', icon: null, owner_id: USER.id, unavailable: false, member_count: 2, large: false, features: [], emojis: [], stickers: [],
            roles: [role(GUILD_ID, '@everyone', '3072', 0), role(MANAGER_ROLE_ID, 'manager', String(1 << 4), 1)],
            channels: [{ id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'budget', position: 0, permission_overwrites: [] }], threads: [], members: [], presences: [],
            voice_states: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [], joined_at: new Date().toISOString(), preferred_locale: 'zh-CN',
          },
        }));
      }
      const id = String(nextId++);
      const port = (server.address() as AddressInfo).port;
      const served = files.map((f, i) => {
        const path = `/attachments/${CHANNEL_ID}/${id}${i}/${f.name}`;
        attachments.set(path, f.bytes);
        return { id: `${id}${i}`, filename: f.name, size: f.bytes.length, url: `http://127.0.0.1:${port}${encodeURI(path)}?ex=1&is=1&hm=signed`, proxy_url: `http://127.0.0.1:${port}${encodeURI(path)}`, content_type: 'application/octet-stream' };
      });
      const who = author ? { id: author.id, username: author.username, discriminator: '0', global_name: author.username, avatar: null } : USER;
      gateway!.send(JSON.stringify({
        op: 0, t: 'MESSAGE_CREATE', s: ++seq,
        d: {
          id, channel_id: CHANNEL_ID, guild_id: GUILD_ID, author: { ...who, bot: false }, member: { roles: author?.roles ?? [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
          content, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mention_roles: [], attachments: served, embeds: [], type: 0, pinned: false, flags: 0,
          mentions: mentions.map((m) => ({ id: m, username: m === APP_ID ? 'budget-bot' : 'someone', discriminator: '0', avatar: null, bot: m === APP_ID })),
        },
      }));
      return id;
    },
    interact(data, type = 2, extra = {}) {
      const id = String(interactionId++);
      const token = `tok-${id}`;
      gateway!.send(JSON.stringify({
        op: 0, t: 'INTERACTION_CREATE', s: ++seq,
        d: {
          id, token, type, version: 1, application_id: APP_ID, guild_id: GUILD_ID, channel_id: CHANNEL_ID,
          channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'budget' },
          member: { user: USER, roles: [], permissions: '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
          data: { id: '800000000000000008', type: 1, ...data },
          locale: 'zh-CN', guild_locale: 'zh-CN', app_permissions: '0', entitlements: [], authorizing_integration_owners: { '0': GUILD_ID }, context: 0,
          ...extra,
        },
      }));
      return { id, token };
    },
    failNext(pathPart, status, headers = {}, times = 1, code = 0) {
      failures.set(pathPart, { status, headers, times, code });
    },
    dropGateway() {
      gateway?.terminate();
      gateway = null;
    },
    badTokens,
    get identifies() {
      return identifies;
    },
    async waitFor(pred, ms = 5000) {
      const until = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > until) throw new Error('timed out waiting for the fake Discord');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      gateway?.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Options as Discord sends them for a chat input command. */
export function commandData(name: string, options: Record<string, string | number> = {}, focused?: string) {
  return {
    name,
    options: Object.entries(options).map(([k, v]) => ({ name: k, type: typeof v === 'number' ? 4 : 3, value: v, ...(k === focused ? { focused: true } : {}) })),
  };
}
