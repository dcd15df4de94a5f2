// Issue 21 item 1: one 43-character question ("ai" × 21 + "b") froze every platform for minutes: a
// pattern backtracked exponentially. Every regular expression literal on the path of user text is
// analysed with recheck (a ReDoS checker); none may be exponential, and each pattern it can make
// super-linear is run on its own worst case, pumped to the longest text that pattern can receive,
// and must finish within the bound.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { checkSync, type Diagnostics, type VulnerableDiagnostics } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT } from '../../src/core/dispatch.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** Where user text flows: the edges see a whole platform message; past dispatch, at most MAX_INPUT. */
const EDGE = ['src/adapters/', 'src/log.ts', 'src/core/dispatch.ts', 'src/core/redact-answer.ts', 'src/core/actions.ts'];
const INNER = ['src/query/', 'src/core/', 'commands/', 'src/render/', 'src/digest/'];
/** A Slack message holds at most 40,000 characters; nothing longer reaches an edge pattern. */
const EDGE_LENGTH = 40_000;
const BOUND_MS = 50;

interface Literal { file: string; line: number; source: string; flags: string }

function literals(): Literal[] {
  const files = execFileSync('git', ['ls-files', 'src', 'commands'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    .split('\n').filter((f) => f.endsWith('.ts') && [...EDGE, ...INNER].some((p) => f.startsWith(p)));
  const found: Literal[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(`${PROJECT_ROOT}/${file}`, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText();
        const end = text.lastIndexOf('/');
        found.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

/** recheck's attack, its pumps repeated until the text is `length` long. */
function attackOf(d: VulnerableDiagnostics, length: number): string {
  const { pumps, suffix } = d.attack;
  const fixed = pumps.reduce((n, p) => n + p.prefix.length, suffix.length);
  const each = Math.max(1, Math.floor((length - fixed) / pumps.reduce((n, p) => n + p.pump.length, 0)));
  return pumps.map((p) => p.prefix + p.pump.repeat(each)).join('') + suffix;
}

const all = literals();
const verdicts = new Map<string, Diagnostics>();
function verdict(l: Literal): Diagnostics {
  const key = `${l.source}/${l.flags}`;
  if (!verdicts.has(key)) verdicts.set(key, checkSync(l.source, l.flags.replace(/[gy]/g, ''), { timeout: 30_000 }));
  return verdicts.get(key)!;
}

describe('regular expressions that see user text', () => {
  it(`are found in the source (${all.length} literals)`, () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((l) => l.file === 'src/log.ts')).toBe(true);
  });

  it('none backtracks exponentially', { timeout: 600_000 }, () => {
    const exponential = all.filter((l) => { const d = verdict(l); return d.status === 'vulnerable' && d.complexity.type === 'exponential'; });
    expect(exponential.map((l) => `${l.file}:${l.line} /${l.source}/`)).toEqual([]);
  });

  it('each pattern recheck can slow down answers its own worst case within the bound', { timeout: 600_000 }, () => {
    const slow: string[] = [];
    for (const l of all) {
      const d = verdict(l);
      if (d.status !== 'vulnerable') continue;
      const text = attackOf(d, EDGE.some((p) => l.file.startsWith(p)) ? EDGE_LENGTH : MAX_INPUT);
      const re = new RegExp(l.source, l.flags);
      let best = Infinity;
      // The fastest of three runs: a busy machine can preempt one, a slow pattern is slow every time.
      for (let i = 0; i < 3 && best >= BOUND_MS; i++) {
        const t = performance.now();
        re.lastIndex = 0;
        void text.replace(re, '');
        best = Math.min(best, performance.now() - t);
      }
      if (best >= BOUND_MS) slow.push(`${l.file}:${l.line} /${l.source}/ on ${text.length} characters: ${best.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
