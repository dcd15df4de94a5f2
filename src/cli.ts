// The budget-bot command line: ingest | check | export (and, as the command issues land, ask | start).
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR, DEFAULT_DB_FILE } from './paths.js';
import { openDatabase } from './store/db.js';
import { exportCsv, exportDocuments } from './store/export.js';
import { ingestDirectory, type IngestReport } from './store/ingest.js';
import { formatIngestReport, formatFindings } from './store/report.js';
import { openApp } from './app.js';
import { renderText } from './render/text.js';
import { runConsole } from './adapters/console.js';

const program = new Command('budget-bot').description('把政府部门预算公开文件变成可以提问的数据').showHelpAfterError();

const dbOption = () => new Option('--db <file>', '数据库文件').default(DEFAULT_DB_FILE, 'data/budget.sqlite');
const dataOption = () => new Option('--data <dir>', '预算文件目录').default(DEFAULT_DATA_DIR, 'data/disclosures');

/** Opens the database, building it from the bundled documents first when it does not exist yet. */
export function ensureDatabase(dbFile: string, dataDir: string = DEFAULT_DATA_DIR): IngestReport | null {
  if (existsSync(dbFile)) return null;
  const report = ingestDirectory(dataDir, dbFile);
  process.stderr.write(formatIngestReport(report) + '\n');
  return report;
}

program
  .command('ingest')
  .description('解析目录中的全部预算文件，原子地重建数据库')
  .addOption(dataOption())
  .addOption(dbOption())
  .option('--force', '即使文件未变也重新解析')
  .action((opts: { data: string; db: string; force?: boolean }) => {
    const report = ingestDirectory(resolve(opts.data), resolve(opts.db), { force: opts.force });
    console.log(formatIngestReport(report));
    if (report.disclosures === 0) process.exitCode = 1;
  });

program
  .command('check')
  .description('列出每份文件自身数字不一致之处（勾稽检查）')
  .addOption(dbOption())
  .action((opts: { db: string }) => {
    const dbFile = resolve(opts.db);
    ensureDatabase(dbFile);
    const db = openDatabase(dbFile);
    try {
      console.log(formatFindings(db));
    } finally {
      db.close();
    }
  });

program
  .command('export')
  .description('导出全部解析结果')
  .addOption(new Option('--format <format>', '格式').choices(['json', 'csv']).default('json'))
  .addOption(dbOption())
  .action((opts: { format: 'json' | 'csv'; db: string }) => {
    const dbFile = resolve(opts.db);
    ensureDatabase(dbFile);
    const db = openDatabase(dbFile);
    try {
      process.stdout.write(opts.format === 'csv' ? exportCsv(db) : JSON.stringify(exportDocuments(db), null, 1) + '\n');
    } finally {
      db.close();
    }
  });

program
  .command('ask')
  .description('回答一个问题或命令，如 budget-bot ask "/budget 竹山县 三公"')
  .argument('<question...>', '命令或问题')
  .option('--json', '输出 Answer 结构（JSON）')
  .addOption(dbOption())
  .action((question: string[], opts: { json?: boolean; db: string }) => {
    const dbFile = resolve(opts.db);
    ensureDatabase(dbFile);
    const app = openApp(dbFile);
    try {
      const { answer, outcome } = app.dispatch({ text: question.join(' ') });
      console.log(opts.json ? JSON.stringify(answer, null, 2) : renderText(answer));
      if (outcome !== 'ok') process.exitCode = 1;
    } finally {
      app.close();
    }
  });

program
  .command('start')
  .description('启动：配置了 Slack/Discord 令牌则连接平台，否则打开本地控制台')
  .addOption(dbOption())
  .action(async (opts: { db: string }) => {
    const dbFile = resolve(opts.db);
    ensureDatabase(dbFile);
    const app = openApp(dbFile);
    try {
      await runConsole(app);
    } finally {
      app.close();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as Error;
  // Errors meant for the user (missing directory, unreadable database) carry their message; others are bugs.
  const userFacing = ['DocumentError', 'StoreError'].includes(e.name);
  console.error(userFacing ? `错误：${e.message}` : e.stack ?? String(e));
  process.exitCode = userFacing ? 2 : 70;
}
