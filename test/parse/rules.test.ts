// The table of checks is the registry: every finding the parser emits, on every document at hand,
// names a rule that the table lists, with the table's severity (or info, for a rounding-level one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { findingPrefix, RULES, ruleOf } from '../../src/parse/template/rules.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { CORPUS_NEGATIVE_DIR, CORPUS_TEXT_DIR } from '../support/corpus.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'unseen');
const dirs = [DEFAULT_DATA_DIR, fixtures, ...(CORPUS_TEXT_DIR ? [CORPUS_TEXT_DIR] : []), ...(CORPUS_NEGATIVE_DIR ? [CORPUS_NEGATIVE_DIR] : [])];

it('lists each rule once, with an id', () => {
  expect(new Set(RULES.map((r) => r.rule)).size).toBe(RULES.length);
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  expect(ruleOf('income-expenditure')).toMatchObject({ id: 'BUD-C001', severity: 'warning' });
});

it('covers every finding the parser emits on the seeds, the hand-made documents and the corpus', () => {
  const emitted = new Map<string, Set<string>>();
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt') && !/^readme/i.test(x))) {
      for (const d of parseDocument(readFileSync(join(dir, f), 'utf8'), f)) {
        for (const x of d.findings) emitted.set(x.rule, (emitted.get(x.rule) ?? new Set()).add(x.severity));
      }
    }
  }
  const unknown = [...emitted.keys()].filter((r) => !ruleOf(r));
  expect(unknown).toEqual([]);
  for (const [rule, severities] of emitted) expect([...severities].every((s) => s === ruleOf(rule)!.severity), rule).toBe(true);
}, 60_000);

describe('what a finding blames', () => {
  it('only a rule that finds the document disagreeing with itself blames the document', () => {
    expect(RULES.every((r) => ['document', 'reading', 'note'].includes(r.blame))).toBe(true);
    expect(findingPrefix('function-row')).toBe('文件自身不一致：');
    // A cell the text lost, a column not placed, two files of one document differing: the reading's fault.
    for (const rule of ['column-undecided', 'three-public-columns', 'not-read', 'two-files-differ']) expect(findingPrefix(rule)).toBe('文本未能确定读出：');
    expect(findingPrefix('rounding')).toBe('');
  });
});
