// The budget-bot command line: ingest | report | check | export | ask | start | digest | manifest |
// register-commands. Each command loads what it needs when it runs (the parser and the worker pool
// for ingest, the platform SDKs and digests for start): a one-shot `ask` loads only the answer path.
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_DB_FILE, PROJECT_ROOT } from './paths.js';
import { damagedDatabase, isDamage, openDatabase, StoreError } from './store/db.js';
import { COMMANDS } from '../commands/index.js';
import { openApp } from './app.js';
import { renderText } from './render/text.js';
import { defaultDataDirs, ensureDatabase, runIngest, withAddedDocuments } from './cli/database.js';

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

const quietOption = () => new Option('--quiet', '不显示进度');
const intervalOption = () => new Option('--progress-interval <seconds>', '不在终端时，进度行的间隔（秒）').default(5).argParser(Number).hideHelp();

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
    const dirs = withAddedDocuments(opts.data?.map((d) => resolve(d)) ?? defaultDataDirs(), opts.db);
    const [{ createProgress }, { IngestInterrupted }, { formatIngestReport }] = await Promise.all([import('./progress.js'), import('./store/ingest.js'), import('./store/report.js')]);
    const progress = createProgress({ quiet: opts.quiet, intervalMs: opts.progressInterval * 1000 });
    // Ctrl-C: the run stops between documents, removes its temp file and says so; a second Ctrl-C kills.
    const interrupt = new AbortController();
    process.once('SIGINT', () => interrupt.abort());
    let report: Awaited<ReturnType<typeof runIngest>>;
    try {
      report = await runIngest(dirs, resolve(opts.db), { force: opts.force, maxBytes: opts.maxSize ? opts.maxSize * 1024 * 1024 : undefined, workers: opts.workers, signal: interrupt.signal, uninterruptible: withDefaultSigint }, progress);
    } catch (err) {
      progress.stop();
      if (!(err instanceof IngestInterrupted)) throw err;
      console.error(err.message);
      process.exitCode = 130;
      return;
    }
    progress.stop();
    console.log(formatIngestReport(report));
    if (report.replaced || report.unchanged) await printParseReport(resolve(opts.db), 40);
    if (report.disclosures === 0) process.exitCode = 1;
  });

program
  .command('report')
  .description('解析报告：每份文件找到与缺少的模板表、未能读出的内容、未能核对的数字')
  .addOption(dbOption())
  .option('--json', '输出 JSON（每份文件一项）')
  .action(async (opts: { db: string; json?: boolean }) => {
    await ensureDatabase(resolve(opts.db));
    if (!opts.json) return printParseReport(resolve(opts.db));
    const { parseReportOf } = await import('./store/report.js');
    withDatabase(resolve(opts.db), (db) => console.log(JSON.stringify(parseReportOf(db), null, 1)));
  });

/**
 * Runs work no handler can interrupt (jieba's native dictionary load, hashing the files) with Ctrl-C's
 * default action: the process ends at once, which is safe then (the ingest has written nothing yet).
 */
function withDefaultSigint<T>(work: () => T): T {
  const handlers = process.rawListeners('SIGINT') as ((...args: unknown[]) => void)[];
  process.removeAllListeners('SIGINT');
  try {
    return work();
  } finally {
    for (const h of handlers) process.on('SIGINT', h);
  }
}

function withDatabase<T>(dbFile: string, use: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(dbFile);
  try {
    return use(db);
  } catch (err) {
    throw isDamage(err) ? damagedDatabase(dbFile, err) : err;
  } finally {
    db.close();
  }
}

async function printParseReport(dbFile: string, limit?: number): Promise<void> {
  const { formatParseReport } = await import('./store/report.js');
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
    const { findingsOf, formatFindings } = await import('./store/report.js');
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
    const [{ createProgress }, { exportCsv, exportDocuments }] = await Promise.all([import('./progress.js'), import('./store/export.js')]);
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
  .option('--source-image [dir]', '查看原文：把引用数字所在的 PDF 页面存为图片（默认 ~/.budget-bot/charts），文字版则摘录原文')
  .addOption(dbOption())
  .action(async (question: string[], opts: { json?: boolean; db: string; sourceImage?: boolean | string }) => {
    const dbFile = resolve(opts.db);
    await ensureDatabase(dbFile);
    const app = openApp(dbFile);
    try {
      const result = app.dispatch({ text: `${question.join(' ')}${opts.sourceImage ? ' --source-image' : ''}` });
      const { answer, outcome } = result;
      console.log(opts.json ? JSON.stringify(answer, null, 2) : renderText(answer));
      if (opts.sourceImage) {
        const { saveSourceView, CHARTS_DIR } = await import('./adapters/console.js');
        for (const part of await saveSourceView(app, result, typeof opts.sourceImage === 'string' ? resolve(opts.sourceImage) : CHARTS_DIR)) console.log(part);
      }
      if (outcome !== 'ok') process.exitCode = 1;
    } finally {
      app.close();
    }
  });

program
  .command('start')
  .description('启动：配置了 Slack/Discord 令牌则连接平台，否则打开本地控制台')
  .addOption(new Option('--db <file>', '数据库文件（默认 BUDGET_BOT_DB 或 data/budget.sqlite）'))
  .action(async (opts: { db?: string }) => (await import('./cli/start.js')).start(opts));

program
  .command('digest')
  .description('定时通报：--dry-run 打印将发送的内容；--now 立即发送')
  .argument('<name>', '订阅名称（data/digests.json 或聊天中添加的）')
  .option('--dry-run', '只打印，不发送')
  .option('--now', '立即发送（需要配置对应平台）')
  .addOption(new Option('--db <file>', '数据库文件（默认 BUDGET_BOT_DB 或 data/budget.sqlite）'))
  .action(async (name: string, opts: { dryRun?: boolean; now?: boolean; db?: string }) => (await import('./cli/digest.js')).digest(name, opts));

program
  .command('manifest')
  .description('生成平台应用清单（目前支持 slack）')
  .argument('<platform>', 'slack')
  .option('--url <url>', 'Slack 请求地址，如 https://example.org/slack/events')
  .option('--socket-mode', '使用 Socket Mode（不需要公网地址）')
  .action(async (platform: string, opts: { url?: string; socketMode?: boolean }) => {
    if (platform !== 'slack') throw new StoreError(`不支持的平台：${platform}（Discord 用 budget-bot register-commands）`);
    const [{ ConfigError }, { commandNames }] = await Promise.all([import('./config.js'), import('./cli/platform.js')]);
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
    const [{ commandNames, platformConfig }, { ConfigError }, { discordCommands }] = await Promise.all([import('./cli/platform.js'), import('./config.js'), import('./adapters/discord-commands.js')]);
    if (opts.dryRun) {
      console.log(JSON.stringify(discordCommands(COMMANDS, commandNames()), null, 2));
      return;
    }
    const cfg = platformConfig();
    if (!cfg.discord) throw new ConfigError(['DISCORD_TOKEN 和 DISCORD_APPLICATION_ID 未设置']);
    const [{ registerDiscordCommands }, { discordFailure }] = await Promise.all([import('./adapters/discord.js'), import('./adapters/platform-check.js')]);
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
  const userFacing = ['DocumentError', 'StoreError', 'ConfigError', 'SubscriptionError', 'UserError', 'PlatformUnreachable'].includes(e.name);
  console.error(userFacing ? `错误：${e.message}` : e.stack ?? String(e));
  // sysexits: EX_CONFIG (78) for configuration an operator must fix, EX_UNAVAILABLE (69) for a
  // platform that cannot be reached, EX_SOFTWARE (70) for a bug.
  process.exitCode = e.name === 'ConfigError' ? 78 : e.name === 'PlatformUnreachable' ? 69 : userFacing ? 2 : 70;
}
