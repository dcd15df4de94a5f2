// Issue 15 item 1: every command × every subject code and name, department name and alias and year
// in the catalog, alone, in pairs, with random words after them and as structured options —
// zero internal errors. The red-team run found 1.4% of 22,000 such inputs answered "出错了"
// (`/subject 30201` among them). Runs on the five seeds, so it runs everywhere.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDigestRunner } from '../../src/digest/runner.js';
import { createDigestService } from '../../src/digest/service.js';
import { openDigestState } from '../../src/digest/state.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

const logs: Record<string, unknown>[] = [];
const app = bundledApp((e) => void logs.push(e));
// /digest too, over a real state file (no platform: nothing is posted).
const state = openDigestState(join(tempDir(), 'digests.sqlite'));
app.attach({ digests: createDigestService({ state, runner: createDigestRunner({ state, context: () => app.ctx, posters: {} }), context: () => app.ctx }) });

const catalog = app.ctx.catalog;
const subjects = [...catalog.subjects.values()];
const terms = [...new Set([
  ...subjects.map((s) => s.code), ...subjects.map((s) => s.name),
  ...catalog.departments.map((d) => d.name), ...catalog.byAlias.keys(),
  ...catalog.years.map(String), '三公', '行政运行', '人员经费', '项目支出', '基本支出',
])];
const names = app.commands.map((c) => c.name);

/** What the dispatcher did with one input; a bug carries the logged stack, to show which input found it. */
function bugs(inputs: { text?: string; command?: string; options?: Record<string, string> }[]): string[] {
  const found: string[] = [];
  for (const input of inputs) {
    logs.length = 0;
    const r = app.dispatch({ ...input, platform: 'fuzz', user: undefined });
    if (r.outcome === 'bug') found.push(`${JSON.stringify(input)} → ${String(logs.find((l) => l.level === 'error')?.error).split('\n').slice(0, 2).join(' ')}`);
  }
  return found;
}

describe('every command × every term of the catalog', () => {
  it(`${names.length} commands × ${terms.length} terms, as text: no internal error`, () => {
    expect(terms.length).toBeGreaterThan(100);
    expect(bugs(names.flatMap((n) => terms.map((t) => ({ text: `/${n} ${t}` }))))).toEqual([]);
    // /digest's own words in front of them.
    expect(bugs(['list', 'add 每天 09:00', 'add 每周一 08:30 watch', 'remove', 'preview', 'run-now'].flatMap((a) => terms.map((t) => ({ text: `/digest ${a} ${t}` }))))).toEqual([]);
  });

  it('the same terms as each declared option of each command (as Discord sends them): no internal error', () => {
    const inputs = app.commands.flatMap((c) => c.options.flatMap((o) => terms.map((t) => ({ command: c.name, options: { [o.name]: t } }))));
    expect(bugs(inputs)).toEqual([]);
  });

  it('pairs and triples of terms, with random words after them: no internal error', () => {
    const term = fc.constantFrom(...terms);
    const word = fc.oneof(term, fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('前5', '去年', '2019', '--csv', '和', 'vs', '对比', '-1', '0', '99999999'));
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(term, { minLength: 1, maxLength: 3 }), fc.array(word, { maxLength: 4 }), (name, ts, words) => {
        expect(bugs([{ text: `/${name} ${[...ts, ...words].join(' ')}` }])).toEqual([]);
      }),
      { numRuns: 6000, seed: 15 },
    );
  });

  it('free questions built from the catalog (no command named): no internal error', () => {
    const term = fc.constantFrom(...terms);
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '是多少', '哪个最多', '比去年', '变化', '排名'), (ts, tail) => {
        expect(bugs([{ text: `${ts.join('')}${tail}` }, { text: `${ts.join(' ')} ${tail}` }])).toEqual([]);
      }),
      { numRuns: 1500, seed: 1515 },
    );
  });
});
