// The explicit list of commands (no filesystem discovery): order is the order of /help.
import type { CommandDef } from '../src/core/command.js';
import budget from './budget.js';
import check from './check.js';
import compare from './compare.js';
import diff from './diff.js';
import { fitForChat } from './fit.js';
import digest from './digest.js';
import help from './help.js';
import rank from './rank.js';
import search from './search.js';
import sources from './sources.js';
import subject from './subject.js';
import trend from './trend.js';

/** The commands that answer with figures are sized for chat (fit.ts); the CSV keeps every row. */
// Asked for everything (--all, a 显示全部 button) or for one page, the answer is already the size asked for.
const sized = (def: CommandDef): CommandDef => ({ ...def, run: (input, ctx) => (input.view?.all || input.view?.page ? def.run(input, ctx) : fitForChat(def.run(input, ctx))) });

export const COMMANDS: CommandDef[] = [...[budget, subject, diff, trend, compare, rank, search, check].map(sized), sources, digest, help];
