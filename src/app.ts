// The composition root: an open database, its queries and catalog, and the dispatcher over the
// command list. Adapters (console, Slack, Discord) receive one of these and only do transport.
// Ingest swaps a new database file in atomically; the app notices (the file's inode changes) and
// reopens, so a running bot answers from new documents without a restart.
import { statSync } from 'node:fs';
import { COMMANDS } from '../commands/index.js';
import type { CommandContext, CommandDef } from './core/command.js';
import { PLAIN_NAMES, type CommandNames } from './core/command-names.js';
import { createDispatcher, type DispatchResult, type Limits, type Logger, type Request } from './core/dispatch.js';
import { buildCatalog } from './query/catalog.js';
import { warmPinyin } from './query/normalize.js';
import { damagedDatabase, isDamage, openDatabase, type DB } from './store/db.js';
import { createQueries } from './store/queries.js';
import type { SourceView } from './source-view/index.js';
import { addedDirOf, listAdded } from './added/folder.js';

export interface AppExtras {
  /** Services some commands use (the digest subscriptions), attached by the composition root. */
  digests?: CommandContext['digests'];
  /** The names the platforms register the commands under (BUDGET_BOT_COMMAND_PREFIX): fixed at start. */
  names?: CommandNames;
}

export function openApp(dbFile: string, log: Logger = () => {}, commands: CommandDef[] = COMMANDS, limits: Limits = {}, extras: AppExtras = {}) {
  let db: DB;
  let inode = 0;
  let ctx: CommandContext;
  const open = () => {
    db = openDatabase(dbFile);
    inode = statSync(dbFile).ino;
    try {
      const queries = createQueries(db);
      ctx = { queries, catalog: buildCatalog(queries), commands, names: extras.names ?? PLAIN_NAMES, digests: extras.digests, added: () => listAdded(addedDirOf(dbFile)) };
    } catch (err) {
      // Pages that do not read (a truncated file opens fine): named, with how to rebuild, not a stack.
      db.close();
      throw isDamage(err) ? damagedDatabase(dbFile, err) : err;
    }
    // In the background once the bot is up (≈0.2 s): start-up stays as fast, the first pinyin question
    // too, and a one-shot `ask`, gone before then, never loads it.
    const catalog = ctx.catalog;
    setTimeout(() => warmPinyin(catalog), 2000).unref();
  };
  open();
  /** The current context, reopened first if ingest has swapped a new database in. */
  const current = (): CommandContext => {
    try {
      if (statSync(dbFile).ino !== inode) {
        const old = db;
        open();
        old.close();
        log({ level: 'info', message: 'database replaced by ingest: reopened' });
      }
    } catch {
      /* the file is being swapped this instant: keep answering from the open one */
    }
    return ctx;
  };
  const dispatch = createDispatcher(commands, current, log, limits);
  const app = {
    get ctx() {
      return current();
    },
    commands,
    dispatch,
    /**
     * What the platform adapters call: shared rate limits (when configured) are taken first, since
     * PostgreSQL cannot be asked from inside the synchronous dispatch; otherwise the same as dispatch.
     */
    /**
     * 查看原文 for an answer: its figures' printed pages as images, or their lines quoted. Loaded on
     * first use (pdf.js and the renderer are not needed to answer).
     */
    async sourceView(result: DispatchResult): Promise<SourceView> {
      const { sourceView } = await import('./source-view/index.js');
      return sourceView(result.answer, current().queries);
    },
    async ask(request: Request): Promise<DispatchResult> {
      if (!limits.take) return dispatch(request);
      return dispatch({ ...request, verdict: await limits.take(request.user, request.channel) });
    },
    /** Readiness: the database (reopened if ingest swapped it) opens and answers a query. */
    ping() {
      current();
      db.prepare('SELECT count(*) FROM documents').get();
    },
    attach(more: AppExtras) {
      Object.assign(extras, more);
      ctx.digests = extras.digests;
    },
    close: () => db.close(),
  };
  return app;
}

export type App = ReturnType<typeof openApp>;
