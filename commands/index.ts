// The explicit list of commands (no filesystem discovery): order is the order of /help.
import type { CommandDef } from '../src/core/command.js';
import budget from './budget.js';
import check from './check.js';
import compare from './compare.js';
import diff from './diff.js';
import digest from './digest.js';
import help from './help.js';
import rank from './rank.js';
import search from './search.js';
import sources from './sources.js';
import subject from './subject.js';

export const COMMANDS: CommandDef[] = [budget, subject, diff, compare, rank, search, check, sources, digest, help];
