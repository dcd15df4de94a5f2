// Property-based: whatever a user types, the dispatcher answers — an answer or a clear message —
// within a bound, and nothing escapes it. Also: no SQL is ever built from strings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { bundledApp } from '../helpers/app.js';
import { commandText } from '../support/question-generators.js';

const app = bundledApp();
const BOUND_MS = 50;

/**
 * On a busy machine a run can be preempted mid-way: a case over the bound is timed twice more and the
 * fastest run counts. An input that is slow to answer is slow every time, so none slips through.
 */
function fastest(first: number, again: () => number): number {
  let ms = first;
  for (let i = 0; i < 2 && ms >= BOUND_MS; i++) ms = Math.min(ms, again());
  return ms;
}

describe('any command text', () => {
  it('gets an answer or a clear message, within the bound, never a crash', () => {
    fc.assert(
      fc.property(commandText, (text) => {
        const r = app.dispatch({ text, platform: 'test' });
        expect(r.outcome).not.toBe('bug');
        expect(r.answer.title.length).toBeGreaterThan(0);
        expect(fastest(r.millis, () => app.dispatch({ text, platform: 'test' }).millis)).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 1500 },
    );
  });

  it('structured options (as Discord sends them) are just as safe', () => {
    const names = ['budget', 'subject', 'diff', 'compare', 'rank', 'search', 'check', 'sources', 'help'];
    const keys = ['department', 'topic', 'year', 'subject', 'from', 'to', 'first', 'second', 'metric', 'top', 'words', 'command'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.string({ maxLength: 80 }), fc.integer())), (command, options) => {
        const r = app.dispatch({ command, options, platform: 'test' });
        expect(r.outcome).not.toBe('bug');
        expect(fastest(r.millis, () => app.dispatch({ command, options, platform: 'test' }).millis)).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 800 },
    );
  });

  it('the database is unchanged by any of it', () => {
    expect(app.dispatch({ text: '/sources' }).answer.summary).toBe('5 个部门，6 份预算，年度 2022、2023、2024、2025。');
  });
});

describe('SQL', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

  it('is never built by string concatenation: every statement is prepared with placeholders', () => {
    for (const f of [...files(join(PROJECT_ROOT, 'src')), ...files(join(PROJECT_ROOT, 'commands'))]) {
      const source = readFileSync(f, 'utf8');
      for (const m of source.matchAll(/\.(prepare|exec)\(\s*(`[^`]*`)/g)) expect(m[2], `${f}: ${m[2].slice(0, 60)}`).not.toContain('${');
      for (const m of source.matchAll(/\.(prepare|exec)\(\s*['"][^'"]*['"]\s*\+/g)) throw new Error(`${f}: concatenated SQL ${m[0]}`);
    }
  });
});
