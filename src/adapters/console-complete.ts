// Tab completion in the console from the same autocomplete the platforms use: command names after
// "/", subject codes (with their names while several match) for digits, departments (then subject names) for anything else.
import type { App } from '../app.js';
import { complete } from '../core/autocomplete.js';

/** The last whitespace-free run, found from the end: /(\S*)$/ retries at every position (quadratic). */
function lastToken(line: string): string {
  let i = line.length;
  while (i > 0 && !/\s/.test(line[i - 1])) i--;
  return line.slice(i);
}

export function createCompleter(app: Pick<App, 'ctx' | 'commands'>) {
  return (line: string): [string[], string] => {
    const token = lastToken(line);
    const { catalog } = app.ctx;
    if (/^\/\S*$/.test(line)) return [complete('command', token.slice(1), catalog, app.commands).map((c) => `/${c} `), token];
    if (!token) return [[], token];
    // Several codes are listed with their names (readline inserts their common prefix, and the
    // names say which to pick); the one left is inserted as the code alone.
    if (/^\d+$/.test(token)) {
      const subjects = complete('subject', token, catalog, app.commands);
      return [subjects.length === 1 ? [subjects[0].split(' ')[0]] : subjects, token];
    }
    const departments = complete('department', token, catalog, app.commands);
    // Only completions that extend what was typed: readline replaces the token with the choice.
    const extending = departments.filter((d) => d.startsWith(token));
    if (extending.length) return [extending, token];
    return [complete('subject', token, catalog, app.commands).map((s) => s.split(' ').slice(1).join(' ')).filter((n) => n.startsWith(token)), token];
  };
}
