// What to suggest for a mistyped command name: the commands one or two keystrokes away (a swapped
// pair counts as one), else those it begins or is part of; every command only when nothing is near.
import { editDistance } from '../query/edit-distance.js';
import type { CommandDef } from './command.js';

/** Levenshtein with adjacent transpositions costing one ("bugdet" → "budget" is one slip). */
function slips(a: string, b: string): number {
  const d = editDistance(a, b, 3);
  if (d <= 1 || a.length !== b.length) return d;
  // One swapped pair: the first difference and the next are each other's, and the rest agree.
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? 1 : d;
}

export function nearCommands(typed: string, commands: Pick<CommandDef, 'name'>[]): string[] {
  const t = typed.toLowerCase().replace(/^\//, '');
  const scored = commands.map((c) => ({ name: c.name, d: slips(t, c.name) })).filter((c) => c.d <= 2 && c.d < Math.max(c.name.length, t.length));
  const near = scored.sort((a, b) => a.d - b.d).map((c) => c.name);
  const partial = t.length >= 2 ? commands.map((c) => c.name).filter((n) => n.startsWith(t) || t.startsWith(n)) : [];
  const found = [...new Set([...near, ...partial])];
  return (found.length ? found : commands.map((c) => c.name)).map((n) => `/${n}`);
}
