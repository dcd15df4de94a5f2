// The composition root: an open database, its queries and catalog, and the dispatcher over the
// command list. Adapters (console, Slack, Discord) receive one of these and only do transport.
import { COMMANDS } from '../commands/index.js';
import { createDispatcher, type Limits, type Logger } from './core/dispatch.js';
import type { CommandContext, CommandDef } from './core/command.js';
import { buildCatalog } from './query/catalog.js';
import { openDatabase } from './store/db.js';
import { createQueries } from './store/queries.js';

export function openApp(dbFile: string, log: Logger = () => {}, commands: CommandDef[] = COMMANDS, limits: Limits = {}) {
  const db = openDatabase(dbFile);
  const queries = createQueries(db);
  const ctx: CommandContext = { queries, catalog: buildCatalog(queries), commands };
  return {
    ctx,
    commands,
    dispatch: createDispatcher(commands, () => ctx, log, limits),
    close: () => db.close(),
  };
}

export type App = ReturnType<typeof openApp>;
