// What to suggest for a mistyped command name: the commands one or two keystrokes away (a swapped
// pair counts as one), else those it begins or is part of; every command only when nothing is near.
import { editDistance } from '../query/edit-distance.js';
import type { CommandDef } from './command.js';

/** Levenshtein with adjacent transpositions costing one ("bugdet" → "budget" is one slip). */
function slips(a: string, b: string): number {
  const d = editDistance(a, b, 3);
  for (let i = 0; i + 1 < a.length; i++) {
    const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
    if (swapped === b) return Math.min(d, 1);
  }
  return d;
}

export function nearCommands(typed: string, commands: Pick<CommandDef, 'name'>[]): string[] {
  const t = typed.toLowerCase().replace(/^\//, '');
  const scored = commands.map((c) => ({ name: c.name, d: slips(t, c.name) })).filter((c) => c.d <= 2 && c.d < Math.max(c.name.length, t.length));
  const near = scored.sort((a, b) => a.d - b.d).map((c) => c.name);
  const partial = t.length >= 2 ? commands.map((c) => c.name).filter((n) => n.startsWith(t) || t.startsWith(n)) : [];
  const found = [...new Set([...near, ...partial])];
  return (found.length ? found : commands.map((c) => c.name)).map((n) => `/${n}`);
}
