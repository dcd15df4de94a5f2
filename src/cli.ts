// The budget-bot command line: ingest | check | export (and, as the command issues land, ask | start).
import { Command, Option } from 'commander';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { CONSOLE_DIR, DEFAULT_DATA_DIR, DEFAULT_DB_FILE, PROJECT_ROOT } from './paths.js';
import { openDigestState } from './digest/state.js';
import type { DigestStore } from './digest/store.js';
import { parseSubscriptionsFile, SubscriptionError } from './digest/subscription.js';
import { createDigestRunner } from './digest/runner.js';
import { createDigestService, disabledDigestService } from './digest/service.js';
import { openDatabase, schemaVersionOf, SCHEMA_VERSION, StoreError } from './store/db.js';
import { COMMANDS } from '../commands/index.js';
import { ConfigError, loadCommandNames, loadConfig } from './config.js';
import { createLogger, createRedactor } from './log.js';
import { createRateLimiter } from './core/rate-limit.js';
import { warmSegmenter } from './query/segment.js';
import { exportCsv, exportDocuments } from './store/export.js';
import { defaultPdfCache, ingest as ingestParallel, IngestInterrupted, type IngestPhase, type ParallelIngestOptions, type IngestReport } from './store/ingest.js';
import { createProgress, type Progress } from './progress.js';
import { findingsOf, formatIngestReport, formatFindings, formatParseReport, parseReportOf } from './store/report.js';
import { openApp } from './app.js';
import { installProcessGuards } from './process-guards.js';
import { renderText } from './render/text.js';
import { runConsole } from './adapters/console.js';

// `budget-bot export | head`: the reader closing the pipe is the end of the output, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
const program = new Command('budget-bot').description('把政府部门预算公开文件变成可以提问的数据').version(version, '-V, --version', '显示版本').showHelpAfterError();

const dbOption = () => new Option('--db <file>', '数据库文件').default(DEFAULT_DB_FILE, 'data/budget.sqlite');
const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];
const dataOption = () => new Option('--data <dir>', '预算文件目录（可重复；.txt、.docx 与 .pdf）').argParser(collect);

/** The bundled documents folder: text files, Word files and PDFs a user drops beside them. */
function defaultDataDirs(): string[] {
  return [DEFAULT_DATA_DIR];
}

const PHASES: Record<IngestPhase | 'pdf', string> = { pdf: '读取 PDF 文字缓存', hash: '清点文件', parse: '解析', index: '建立索引' };

/** PDFs are extracted (once, cached) before the ingest reads them; progress, if any, covers both. */
async function ingest(dirs: string[], dbFile: string, opts: Omit<ParallelIngestOptions, 'pdfCache' | 'onProgress'> = {}, progress?: Progress): Promise<IngestReport> {
  const pdfCache = defaultPdfCache(dbFile);
  const { preparePdfs } = await import('./pdf/prepare.js');
  await preparePdfs(dirs, pdfCache, { signal: opts.signal, onProgress: (done, total) => progress?.update({ phase: PHASES.pdf, done, total }) });
  if (opts.signal?.aborted) throw new IngestInterrupted(dbFile);
  return ingestParallel(dirs, dbFile, { ...opts, pdfCache, onProgress: (p) => progress?.update({ ...p, phase: PHASES[p.phase] }) });
}

const quietOption = () => new Option('--quiet', '不显示进度');
const intervalOption = () => new Option('--progress-interval <seconds>', '不在终端时，进度行的间隔（秒）').default(5).argParser(Number).hideHelp();

/**
 * Opens the database, building it from the bundled documents first when it does not exist yet — or,
 * for the bundled database, when it was built by an older version (it is derived data: rebuilt, not migrated).
 */
export async function ensureDatabase(dbFile: string): Promise<IngestReport | null> {
  if (existsSync(dbFile) && (resolve(dbFile) !== DEFAULT_DB_FILE || schemaVersionOf(dbFile) === SCHEMA_VERSION)) return null;
  const report = await ingest(defaultDataDirs(), dbFile);
  process.stderr.write(formatIngestReport(report) + '\n');
  return report;
}

program
  .command('ingest')
  .description('解析目录中的全部预算文件，原子地重建数据库')
  .addOption(dataOption())
  .addOption(dbOption())
  .option('--force', '即使文件未变也重新解析')
  .option('--max-size <mb>', '数据库最大体积（MB），超过则报错而不写满磁盘', (v) => Number(v))
  .option('--workers <n>', '解析线程数（默认每核一个；0 为不用线程）', (v) => Number(v))
  .addOption(quietOption())
  .addOption(intervalOption())
  .action(async (opts: { data?: string[]; db: string; force?: boolean; maxSize?: number; workers?: number; quiet?: boolean; progressInterval: number }) => {
    const dirs = opts.data?.map((d) => resolve(d)) ?? defaultDataDirs();
    const progress = createProgress({ quiet: opts.quiet, intervalMs: opts.progressInterval * 1000 });
    // Ctrl-C: the run stops between documents, removes its temp file and says so; a second Ctrl-C kills.
    const interrupt = new AbortController();
    process.once('SIGINT', () => interrupt.abort());
    let report: IngestReport;
    try {
      report = await ingest(dirs, resolve(opts.db), { force: opts.force, maxBytes: opts.maxSize ? opts.maxSize * 1024 * 1024 : undefined, workers: opts.workers, signal: interrupt.signal }, progress);
    } catch (err) {
      progress.stop();
      if (!(err instanceof IngestInterrupted)) throw err;
      console.error(err.message);
      process.exitCode = 130;
      return;
    }
    progress.stop();
    console.log(formatIngestReport(report));
    if (report.replaced || report.unchanged) printParseReport(resolve(opts.db), 40);
    if (report.disclosures === 0) process.exitCode = 1;
  });

program
  .command('report')
  .description('解析报告：每份文件找到与缺少的模板表、未能读出的内容、未能核对的数字')
  .addOption(dbOption())
  .option('--json', '输出 JSON（每份文件一项）')
  .action(async (opts: { db: string; json?: boolean }) => {
    await ensureDatabase(resolve(opts.db));
    if (opts.json) withDatabase(resolve(opts.db), (db) => console.log(JSON.stringify(parseReportOf(db), null, 1)));
    else printParseReport(resolve(opts.db));
  });

function withDatabase<T>(dbFile: string, use: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(dbFile);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function printParseReport(dbFile: string, limit?: number): void {
  withDatabase(dbFile, (db) => console.log(formatParseReport(db, limit)));
}

program
  .command('check')
  .description('列出每份文件自身数字不一致之处（勾稽检查）')
  .addOption(dbOption())
  .option('--json', '输出 JSON（每份文件一项：problems 为不一致，notes 为提示）')
  .action(async (opts: { db: string; json?: boolean }) => {
    const dbFile = resolve(opts.db);
    await ensureDatabase(dbFile);
    withDatabase(dbFile, (db) => console.log(opts.json ? JSON.stringify({ documents: findingsOf(db) }, null, 1) : formatFindings(db)));
  });

program
  .command('export')
  .description('导出全部解析结果')
  .addOption(new Option('--format <format>', '格式').choices(['json', 'csv']).default('json'))
  .addOption(dbOption())
  .addOption(quietOption())
  .addOption(intervalOption())
  .action(async (opts: { format: 'json' | 'csv'; db: string; quiet?: boolean; progressInterval: number }) => {
    const dbFile = resolve(opts.db);
    await ensureDatabase(dbFile);
    const db = openDatabase(dbFile);
    // Shown only when the export takes long (a national database), never for the bundled one.
    const progress = createProgress({ quiet: opts.quiet, intervalMs: opts.progressInterval * 1000, delayMs: 1000 });
    const onProgress = (done: number, total: number) => progress.update({ phase: '导出', done, total });
    try {
      const out = opts.format === 'csv' ? exportCsv(db, onProgress) : JSON.stringify(exportDocuments(db, onProgress), null, 1) + '\n';
      progress.stop();
      process.stdout.write(out);
    } finally {
      progress.stop();
      db.close();
    }
  });

program
  .command('ask')
  .description('回答一个问题或命令，如 budget-bot ask "/budget 竹山县 三公"')
  .argument('<question...>', '命令或问题')
  .option('--json', '输出 Answer 结构（JSON）')
  .addOption(dbOption())
  .action(async (question: string[], opts: { json?: boolean; db: string }) => {
    const dbFile = resolve(opts.db);
    await ensureDatabase(dbFile);
    const app = openApp(dbFile);
    try {
      const { answer, outcome } = app.dispatch({ text: question.join(' ') });
      console.log(opts.json ? JSON.stringify(answer, null, 2) : renderText(answer));
      if (outcome !== 'ok') process.exitCode = 1;
    } finally {
      app.close();
    }
  });

/** Platform configuration from the environment (and a .env file beside the project, if any). */
function platformConfig() {
  const envFile = join(PROJECT_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return loadConfig();
}

/** The command names (BUDGET_BOT_COMMAND_PREFIX, from the environment or .env) for the manifest and registration. */
function commandNames() {
  const envFile = join(PROJECT_ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return loadCommandNames();
}

/** Appends log lines to ~/.budget-bot/console.log; if that cannot be written, only errors reach stderr. */
function consoleLogWriter(): (line: string) => void {
  const file = join(CONSOLE_DIR, 'console.log');
  return (line) => {
    try {
      mkdirSync(CONSOLE_DIR, { recursive: true });
      appendFileSync(file, line);
    } catch {
      if (line.includes('"level":"error"')) process.stderr.write(line);
    }
  };
}

program
  .command('start')
  .description('启动：配置了 Slack/Discord 令牌则连接平台，否则打开本地控制台')
  .addOption(new Option('--db <file>', '数据库文件（默认 BUDGET_BOT_DB 或 data/budget.sqlite）'))
  .action(async (opts: { db?: string }) => {
    const cfg = platformConfig();
    // In the console, log lines would land between the answers: they go to a file instead.
    const consoleOnly = !cfg.slack && !cfg.discord;
    const log = createLogger({ secrets: cfg.secrets, level: cfg.logLevel, ...(consoleOnly ? { write: consoleLogWriter() } : {}) });
    installProcessGuards(log);
    const dbFile = resolve(opts.db ?? cfg.dbFile);
    await ensureDatabase(dbFile);
    // Replicas (DATABASE_URL): shared state in PostgreSQL, reached before anything starts answering;
    // unreachable, the start is refused rather than run with state no other replica sees.
    const replicas = cfg.shared && !consoleOnly ? await (await import('./shared/replicas.js')).openReplicaState(cfg.shared, cfg.rateLimit, log) : null;
    const app = openApp(dbFile, log, COMMANDS, replicas ? { take: replicas.take, redact: createRedactor(cfg.secrets) } : {
      perUser: createRateLimiter({ capacity: cfg.rateLimit.perUser, perMinute: cfg.rateLimit.perUser }),
      perChannel: createRateLimiter({ capacity: cfg.rateLimit.perChannel, perMinute: cfg.rateLimit.perChannel }),
      redact: createRedactor(cfg.secrets),
    });
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
      const { checkDiscord, checkSlack } = await import('./adapters/platform-check.js');
      await Promise.all([cfg.slack && checkSlack(cfg.slack), cfg.discord && checkDiscord(cfg.discord)]);
    }
    // Platform clients load only when configured: the console and one-shot commands start faster.
    const { discordPoster, slackPoster } = await import('./digest/posters.js');
    if (cfg.slack) {
      const { startSlack } = await import('./adapters/slack.js');
      const slack = await startSlack(app, cfg.slack, log, { names: cfg.commandNames, ...(replicas ? { seenEvent: replicas.seenEvent, seenSignature: replicas.seenSignature } : {}) });
      running.push(slack);
      slackServer = slack.server;
      posters.slack = slackPoster(slack.bolt.client);
    }
    if (cfg.discord) {
      const { startDiscord } = await import('./adapters/discord.js');
      const discord = await startDiscord(app, cfg.discord, log, { names: cfg.commandNames, ...(replicas ? { seenInteraction: replicas.seenInteraction } : {}) });
      running.push(discord);
      posters.discord = discordPoster(discord.client.rest);
    }
    if (running.length === 0) {
      await runConsole(app, { historyFile: join(CONSOLE_DIR, 'history') });
      app.close();
      return;
    }
    // /healthz and /readyz: on Slack's HTTP port, else on PORT by themselves.
    const { createHealth } = await import('./adapters/health.js');
    const health = createHealth({
      database: () => app.ping(),
      ...(replicas ? { postgresql: async () => void (await replicas.db.pool.query('SELECT 1')) } : {}),
    });
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
      await Promise.allSettled(running.map((r) => ('stop' in r ? r.stop() : r.close())));
      await state?.close();
      // Gives the lease up at once, so another replica schedules from its next try.
      await replicas?.close().catch(() => {});
      app.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('digest')
  .description('定时通报：--dry-run 打印将发送的内容；--now 立即发送')
  .argument('<name>', '订阅名称（data/digests.json 或聊天中添加的）')
  .option('--dry-run', '只打印，不发送')
  .option('--now', '立即发送（需要配置对应平台）')
  .addOption(new Option('--db <file>', '数据库文件（默认 BUDGET_BOT_DB 或 data/budget.sqlite）'))
  .action(async (name: string, opts: { dryRun?: boolean; now?: boolean; db?: string }) => {
    const cfg = platformConfig();
    // In the console, log lines would land between the answers: they go to a file instead.
    const consoleOnly = !cfg.slack && !cfg.discord;
    const log = createLogger({ secrets: cfg.secrets, level: cfg.logLevel, ...(consoleOnly ? { write: consoleLogWriter() } : {}) });
    const dbFile = resolve(opts.db ?? cfg.dbFile);
    await ensureDatabase(dbFile);
    const app = openApp(dbFile, log);
    // With DATABASE_URL, the replicas' shared state: the run log there is what keeps a post single.
    const shared = cfg.shared ? await (await import('./shared/pg.js')).openSharedDb(cfg.shared.databaseUrl, log) : null;
    const state: DigestStore = shared ? await (await import('./digest/state-pg.js')).openPgDigestState(shared.pool, log) : openDigestState(cfg.digestStateFile, log);
    try {
      await state.syncFile(existsSync(cfg.digestsFile) ? parseSubscriptionsFile(readFileSync(cfg.digestsFile, 'utf8'), cfg.digestsFile) : [], new Date());
      const posters: Parameters<typeof createDigestRunner>[0]['posters'] = {};
      const { discordPoster, slackPoster } = await import('./digest/posters.js');
      if (cfg.slack) {
        const { webApi } = await import('@slack/bolt');
        posters.slack = slackPoster(new webApi.WebClient(cfg.slack.botToken, cfg.slack.apiUrl ? { slackApiUrl: cfg.slack.apiUrl } : {}));
      }
      if (cfg.discord) {
        const { REST } = await import('discord.js');
        posters.discord = discordPoster(new REST(cfg.discord.apiUrl ? { api: cfg.discord.apiUrl } : {}).setToken(cfg.discord.token));
      }
      const runner = createDigestRunner({ state, context: () => app.ctx, posters, log });
      const service = createDigestService({ state, runner, context: () => app.ctx });
      if (opts.now && !opts.dryRun) console.log(`${name}：${await service.runNow(name)}`);
      else console.log(renderText(service.preview(name)));
    } finally {
      await state.close();
      await shared?.close();
      app.close();
    }
  });

program
  .command('manifest')
  .description('生成平台应用清单（目前支持 slack）')
  .argument('<platform>', 'slack')
  .option('--url <url>', 'Slack 请求地址，如 https://example.org/slack/events')
  .option('--socket-mode', '使用 Socket Mode（不需要公网地址）')
  .action(async (platform: string, opts: { url?: string; socketMode?: boolean }) => {
    if (platform !== 'slack') throw new StoreError(`不支持的平台：${platform}（Discord 用 budget-bot register-commands）`);
    // A placeholder URL pasted into Slack would fail only later, at the first command: refused here.
    if (!opts.url && !opts.socketMode) throw new ConfigError(['请用 --url https://你的地址/slack/events 指定 Slack 请求地址（HTTP 模式），或用 --socket-mode（不需要公网地址）']);
    if (opts.url && opts.socketMode) throw new ConfigError(['--url 与 --socket-mode 只能选一个']);
    if (opts.url && !/^https:\/\/[^\s/]+\/\S*$/.test(opts.url)) throw new ConfigError([`--url ${opts.url} 应为 https:// 开头的完整地址，如 https://example.org/slack/events`]);
    const { slackAppManifest } = await import('./adapters/slack-manifest.js');
    const manifest = slackAppManifest(COMMANDS, opts.url ? { requestUrl: opts.url } : { socketMode: true }, commandNames());
    console.log(JSON.stringify(manifest, null, 2));
  });

program
  .command('register-commands')
  .description('向 Discord 注册全部命令（设置 DISCORD_GUILD_ID 则只注册到该服务器）')
  .option('--dry-run', '只打印将注册的命令 JSON，不连接 Discord')
  .action(async (opts: { dryRun?: boolean }) => {
    const { discordCommands } = await import('./adapters/discord-commands.js');
    if (opts.dryRun) {
      console.log(JSON.stringify(discordCommands(COMMANDS, commandNames()), null, 2));
      return;
    }
    const cfg = platformConfig();
    if (!cfg.discord) throw new ConfigError(['DISCORD_TOKEN 和 DISCORD_APPLICATION_ID 未设置']);
    const { registerDiscordCommands } = await import('./adapters/discord.js');
    const { discordFailure } = await import('./adapters/platform-check.js');
    const r = await registerDiscordCommands({ commands: COMMANDS, names: cfg.commandNames }, cfg.discord).catch((err) => {
      throw discordFailure(err, cfg.discord!);
    });
    console.log(`已注册 ${r.count} 个命令（${r.scope}）。全局命令可能需要一小时才在所有服务器出现。`);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as Error;
  // Errors meant for the user (missing directory, unreadable database) carry their message; others are bugs.
  const userFacing = ['DocumentError', 'StoreError', 'ConfigError', 'SubscriptionError', 'UserError', 'PlatformUnreachable'].includes(e.name) || e instanceof SubscriptionError;
  console.error(userFacing ? `错误：${e.message}` : e.stack ?? String(e));
  // sysexits: EX_CONFIG (78) for configuration an operator must fix, EX_UNAVAILABLE (69) for a
  // platform that cannot be reached, EX_SOFTWARE (70) for a bug.
  process.exitCode = e instanceof ConfigError ? 78 : e.name === 'PlatformUnreachable' ? 69 : userFacing ? 2 : 70;
}
