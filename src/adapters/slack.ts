// The Slack adapter (Bolt): every command as a slash command, @mentions (the thread fallback) and
// direct messages. Transport only: parse the event, dispatch, render Block Kit, send. Slash
// commands are acknowledged with the answer itself when nothing else is waiting, and acknowledged
// first (the answer following through response_url) in a burst; what does not fit one message
// follows through response_url. HTTP requests pass slack-guard.ts before Bolt sees them.
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { App as BudgetApp } from '../app.js';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../log.js';
import { renderSlack } from '../render/slack.js';
import { createTtlSet } from '../core/rate-limit.js';
import { registerSlackActions } from './slack-actions.js';
import { openDigestModal, registerDigestModal } from './slack-digest-modal.js';
import { registerAppHome } from './slack-home.js';
import { wantsDigestForm } from './digest-form.js';
import { followSlashAnswer, isPrivate, uploadAttachments } from './slack-files.js';
import { registerSlackUploads } from './slack-uploads.js';
import type { DocumentAdder } from '../added/add-document.js';
import { isWorkspaceAdmin, needsAdminCheck } from './slack-permissions.js';

/** Help is for the asker; errors are too. Neither is posted to the channel. */
import { createAckFirst, createAckPolicy } from './slack-ack-first.js';
import { createSlackGuard, type SlackGuard } from './slack-guard.js';
import { teamOf } from './slack-team.js';
import { SERVER_TIMEOUTS } from './health.js';
import { PLAIN_NAMES, type CommandNames } from '../core/command-names.js';


export interface SlackAdapter {
  bolt: InstanceType<typeof App>;
  /** The HTTP port actually listened on (HTTP mode). */
  port: number | null;
  /** The HTTP server (HTTP mode), where the health endpoints are served too. */
  server: Server | null;
  stop(): Promise<void>;
}

/** Bolt's logger interface over ours, so its lines are structured and redacted too. */
function boltLogger(log: Logger) {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => log({ level, source: 'bolt', message: msg.map(String).join(' ') });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), setLevel() {}, getLevel: () => LogLevel.INFO, setName() {} };
}

export interface SlackOptions {
  botId?: string;
  botUserId?: string;
  /** Told each HTTP request's time from arrival to response (npm run load reads it). */
  observeAck?: (ms: number, status: number) => void;
  /** How Web API calls are retried on errors and rate limits (Retry-After is always honoured). */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /** Shared by replicas (PostgreSQL): event ids and request signatures seen by any of them. */
  seenEvent?: (eventId: string) => Promise<boolean>;
  seenSignature?: (signature: string) => Promise<boolean>;
  /** The names the commands were registered under (a prefix, if configured). */
  names?: CommandNames;
  /** Adds documents shared in channels (absent: files are not looked at). */
  adder?: DocumentAdder;
}

export async function startSlack(app: BudgetApp, cfg: SlackConfig, log: Logger, { retryConfig = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 }, observeAck, seenEvent, seenSignature, names = PLAIN_NAMES, adder, ...extra }: SlackOptions = {}): Promise<SlackAdapter> {
  const clientOptions = { ...(cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {}), retryConfig };
  const socketMode = !!cfg.appToken && !cfg.signingSecret;
  const b = new App({
    token: cfg.botToken,
    ...(socketMode ? { socketMode: true, appToken: cfg.appToken, installerOptions: { clientOptions } } : { signingSecret: cfg.signingSecret!, port: cfg.port }),
    clientOptions,
    logger: boltLogger(log),
    logLevel: LogLevel.INFO,
    ...extra,
  });
  const dispatch = (text: string, command: string | undefined, who: { user?: string; channel?: string; admin?: boolean }) =>
    app.ask({ text, command, platform: 'slack', user: who.user && `slack:${who.user}`, channel: who.channel && `slack:${who.channel}`, admin: who.admin });

  // SLACK_TEAM_ID set: requests from any other workspace are acknowledged and not answered.
  if (cfg.teamId) {
    b.use(async ({ body, next, ...rest }) => {
      const team = teamOf(body);
      if (team === cfg.teamId) return next();
      log({ level: 'warn', source: 'slack', message: 'request from another workspace ignored', team: team ?? 'none' });
      const ack = (rest as { ack?: (r?: unknown) => Promise<void> }).ack;
      await ack?.({ response_type: 'ephemeral', text: '这个机器人只为配置的工作区服务。' });
    });
  }

  // Slack retries an event it thinks went unanswered (after 1 minute, then 5): answer each once.
  const seenEvents = createTtlSet(30 * 60 * 1000);
  const firstSight = seenEvent ?? (async (id: string) => seenEvents.add(id));
  b.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await firstSight(eventId))) {
      log({ level: 'info', source: 'slack', message: 'duplicate event ignored', eventId });
      return;
    }
    await next();
  });

  // Charts and CSVs go up after the answer (one upload, same thread), so rendering never delays the acknowledgement.
  registerSlackActions(b, app, log);
  registerDigestModal(b, app, log);
  registerAppHome(b, app, names, log);
  const uploads = adder ? registerSlackUploads(b, app, { botToken: cfg.botToken, adminGroup: cfg.adminGroup, adder }, log) : null;

  // Ack first when others are waiting (slack-ack-first.ts): alone, a request is answered in its
  // acknowledgement; in a burst it is acknowledged at once and answered through response_url.
  let guard: SlackGuard | null = null;
  const policy = createAckPolicy(() => guard);
  for (const def of app.commands) {
    b.command(`/${names.registered(def.name)}`, async ({ command, ack, respond, client }) => {
      // `/digest add` alone opens the form (a modal needs the trigger within three seconds: first).
      if (wantsDigestForm(def.name, command.text ?? '')) {
        await ack();
        await openDigestModal(client, command.trigger_id, command.channel_id);
        return;
      }
      const deferred = policy.waited();
      if (deferred) await ack();
      // Only /digest remove asks Slack who is an admin; everything else dispatches straight away.
      const admin = needsAdminCheck(def.name, command.text ?? '') ? await isWorkspaceAdmin(client, command.user_id) : undefined;
      const ask = () => dispatch(command.text ?? '', def.name, { user: command.user_id, channel: command.channel_id, admin });
      // Through the queue even when alone: the turn it waits lets a burst's other requests arrive,
      // see this one pending, and be acknowledged at once.
      const result = await policy.answer(!deferred, ask);
      const { answer } = result;
      const response_type = isPrivate(answer) ? 'ephemeral' : 'in_channel';
      const [first, ...rest] = renderSlack(answer);
      if (deferred) await respond({ response_type, ...first });
      else await ack({ response_type, ...first });
      for (const m of rest) await respond({ response_type, ...m });
      await followSlashAnswer(app, client, result, { channel: command.channel_id, user: command.user_id }, log);
    });
  }

  b.event('app_mention', async ({ event, say, client, context }) => {
    const text = event.text.replace(/<@[A-Z0-9]{1,32}(?:\|[^<>]{0,100})?>/g, ' ').trim();
    // A file attached to the mention is a document to add; a mention that is only the file asks nothing.
    const files = (event as { files?: { id: string }[] }).files;
    if (files?.length && uploads) {
      await uploads.mentioned(client, { files, channel: event.channel, user: event.user }, context.botUserId);
      if (!text) return;
    }
    const result = await dispatch(text, undefined, { user: event.user, channel: event.channel });
    const { answer } = result;
    const thread_ts = event.thread_ts ?? event.ts;
    for (const m of renderSlack(answer)) {
      if (isPrivate(answer) && event.user) await client.chat.postEphemeral({ channel: event.channel, user: event.user, thread_ts, ...m });
      else await say({ thread_ts, ...m });
    }
    await uploadAttachments(client, result, { channel: event.channel, thread_ts, user: event.user }, log);
  });

  b.message(async ({ message, say, client }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('text' in message) || !message.text) return;
    const who = { user: 'user' in message ? message.user : undefined, channel: message.channel };
    const result = await dispatch(message.text, undefined, who);
    // A question asked inside a DM thread is answered in that thread.
    const thread_ts = 'thread_ts' in message ? message.thread_ts : undefined;
    for (const m of renderSlack(result.answer)) await say(thread_ts ? { thread_ts, ...m } : m);
    await uploadAttachments(client, result, { channel: message.channel, thread_ts, user: who.user }, log);
  });

  b.error(async (error) => {
    log({ level: 'error', source: 'slack', error: error.message });
  });

  // Slow clients cut off within seconds (SERVER_TIMEOUTS). A deep accept queue: a burst of a thousand new connections waits in it rather than having its
  // SYNs dropped and retried a second or three later (Node's default backlog is 511).
  const server = (await (socketMode ? b.start() : b.start({ port: cfg.port, backlog: 4096 }, SERVER_TIMEOUTS))) as (Server & { address?: () => { port: number } | string | null }) | undefined;
  if (!socketMode && server) {
    const intercept = createAckFirst({
      commands: new Map(app.commands.map((c) => [names.registered(c.name), c.name])), teamId: cfg.teamId, policy, dispatch, log,
      upload: (result, channel) => followSlashAnswer(app, b.client, result, { channel }, log),
      bypass: (command, text) => needsAdminCheck(command, text) || wantsDigestForm(command, text),
    });
    guard = createSlackGuard({ signingSecret: cfg.signingSecret!, log, intercept, observe: observeAck, seenSignature });
    guard.install(server);
  }
  const address = typeof server?.address === 'function' ? server.address() : null;
  const port = address && typeof address === 'object' ? address.port : null;
  log({ level: 'info', source: 'slack', message: socketMode ? 'Slack Socket Mode connected' : `Slack HTTP endpoint listening on port ${port}` });
  return { bolt: b, port, server: !socketMode && server ? server : null, stop: () => b.stop() as Promise<void> };
}
