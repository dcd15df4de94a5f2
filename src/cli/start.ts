// budget-bot start: the platforms that are configured (Slack, Discord, both) with digests, or the
// console when none is. Loaded only by `start`, so one-shot commands never load the platform code.
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { COMMANDS } from '../../commands/index.js';
import { runConsole } from '../adapters/console.js';
import { openApp } from '../app.js';
import { createRateLimiter } from '../core/rate-limit.js';
import { createDigestRunner } from '../digest/runner.js';
import { createDigestService, disabledDigestService } from '../digest/service.js';
import { openDigestState } from '../digest/state.js';
import type { DigestStore } from '../digest/store.js';
import { parseSubscriptionsFile } from '../digest/subscription.js';
import { createRedactor } from '../log.js';
import { CONSOLE_DIR } from '../paths.js';
import { installProcessGuards } from '../process-guards.js';
import { warmSegmenter } from '../query/segment.js';
import { ensureDatabase } from './database.js';
import { platformSetup } from './platform.js';

/** How often the added folder is looked at for documents another replica added. */
const ADDED_SYNC_MS = 5000;

export async function start(opts: { db?: string }): Promise<void> {
  const { cfg, consoleOnly, log } = platformSetup();
  installProcessGuards(log);
  const dbFile = resolve(opts.db ?? cfg.dbFile);
  await ensureDatabase(dbFile);
  // Replicas (DATABASE_URL): shared state in PostgreSQL, reached before anything starts answering;
  // unreachable, the start is refused rather than run with state no other replica sees.
  const replicas = cfg.shared && !consoleOnly ? await (await import('../shared/replicas.js')).openReplicaState(cfg.shared, cfg.rateLimit, log) : null;
  const app = openApp(dbFile, log, COMMANDS, replicas ? { take: replicas.take, redact: createRedactor(cfg.secrets) } : {
    perUser: createRateLimiter({ capacity: cfg.rateLimit.perUser, perMinute: cfg.rateLimit.perUser }),
    perChannel: createRateLimiter({ capacity: cfg.rateLimit.perChannel, perMinute: cfg.rateLimit.perChannel }),
    redact: createRedactor(cfg.secrets),
  }, { names: cfg.commandNames });
  const running: ({ stop(): Promise<void> } | { close(): Promise<void> })[] = [];
  const posters: Parameters<typeof createDigestRunner>[0]['posters'] = {};
  let slackServer: Server | null = null;
  // Digests are prepared before any platform connects: a broken data/digests.json refuses the
  // start cleanly (exit 2, nothing half-running); a state database that cannot be opened starts
  // the bot with digests explicitly off, said in the log now and by /digest later.
  let state: DigestStore | null = null;
  let digestsOff: string | null = null;
  if (cfg.slack || cfg.discord) {
    const declared = existsSync(cfg.digestsFile) ? parseSubscriptionsFile(readFileSync(cfg.digestsFile, 'utf8'), cfg.digestsFile) : [];
    const where = replicas ? 'PostgreSQL' : cfg.digestStateFile;
    try {
      state = replicas ? await replicas.openDigestState() : openDigestState(cfg.digestStateFile, log);
      await state.syncFile(declared, new Date());
    } catch (err) {
      state = null;
      digestsOff = `状态数据库 ${where} 无法打开（${(err as Error).message}）`;
      log({ level: 'error', source: 'digest', message: 'digests disabled: the state database cannot be opened', file: where, error: (err as Error).message, notice: `定时通报已停用：${digestsOff}` });
    }
  }
  // Each configured platform's token is checked before anything connects: a rejected one stops the
  // start naming its variable (EX_CONFIG), an unreachable platform is said as such (EX_UNAVAILABLE).
  if (cfg.slack || cfg.discord) {
    const { checkDiscord, checkSlack } = await import('../adapters/platform-check.js');
    await Promise.all([cfg.slack && checkSlack(cfg.slack), cfg.discord && checkDiscord(cfg.discord)]);
  }
  // Documents added from a channel (an admin's upload) go to the added folder beside the database and
  // are loaded by the same atomic build as ingest. The folder is polled too: with replicas sharing it,
  // a document one of them added reaches the others within a poll (docs/SCALING.md).
  const adder = cfg.slack || cfg.discord ? (await import('../added/add-document.js')).createDocumentAdder({ dbFile, queries: () => app.ctx.queries, log }) : undefined;
  const syncAdded = adder && setInterval(() => void adder.sync().catch((err: Error) => log({ level: 'error', source: 'added', message: 'rebuilding for the added folder failed', error: err.message })), ADDED_SYNC_MS);
  syncAdded?.unref();
  // Platform clients load only when configured: the console and one-shot commands start faster.
  const { discordPoster, slackPoster } = await import('../digest/posters.js');
  if (cfg.slack) {
    const { startSlack } = await import('../adapters/slack.js');
    const slack = await startSlack(app, cfg.slack, log, { names: cfg.commandNames, adder, ...(replicas ? { seenEvent: replicas.seenEvent, seenSignature: replicas.seenSignature } : {}) });
    running.push(slack);
    slackServer = slack.server;
    posters.slack = slackPoster(slack.bolt.client);
  }
  if (cfg.discord) {
    const { startDiscord } = await import('../adapters/discord.js');
    const discord = await startDiscord(app, cfg.discord, log, { names: cfg.commandNames, adder, ...(replicas ? { seenInteraction: replicas.seenInteraction } : {}) });
    running.push(discord);
    posters.discord = discordPoster(discord.client.rest);
  }
  if (running.length === 0) {
    await runConsole(app, { historyFile: join(CONSOLE_DIR, 'history') });
    app.close();
    return;
  }
  // /healthz and /readyz: on Slack's HTTP port, else on PORT by themselves.
  const { createHealth } = await import('../adapters/health.js');
  const health = createHealth({
    database: () => app.ping(),
    ...(replicas ? { postgresql: async () => void (await replicas.db.pool.query('SELECT 1')) } : {}),
  }, { optional: ['postgresql'] });
  if (slackServer) health.install(slackServer);
  else {
    const own = await health.listen(cfg.httpPort);
    running.push(own);
    log({ level: 'info', message: `health endpoints listening on port ${own.port}` });
  }
  // With replicas, only the holder of the scheduler's lease schedules; the others take over when it stops renewing.
  const tickPattern = cfg.digestTickSec >= 60 ? '* * * * *' : `*/${cfg.digestTickSec} * * * * *`;
  const runner = state ? createDigestRunner({ state, context: () => app.ctx, posters, log, tickPattern, ...(replicas ? { leader: replicas.lease.held } : {}) }) : null;
  app.attach({ digests: state && runner ? createDigestService({ state, runner, context: () => app.ctx }) : disabledDigestService(digestsOff ?? '状态数据库未打开') });
  if (replicas && runner) await replicas.lease.start();
  void runner?.start();
  // Platforms are connected and answering; load the segmenter's dictionary (≈1 s) while idle.
  setTimeout(warmSegmenter, 2000).unref();
  const stop = async (signal: string) => {
    log({ level: 'info', message: `${signal}: stopping` });
    // The scheduler first, waiting for posts under way; then the platforms.
    await runner?.stop();
    if (syncAdded) clearInterval(syncAdded);
    await Promise.allSettled(running.map((r) => ('stop' in r ? r.stop() : r.close())));
    await state?.close();
    // Gives the lease up at once, so another replica schedules from its next try.
    await replicas?.close().catch(() => {});
    app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
