// Where an ingest parses each document (shared-parse.ts): here, in input order; a document over this
// thread's budget goes to a thread only when this thread's budget was the short one; a signal stops
// parsing here at once.
import { describe, expect, it } from 'vitest';
import type { Input, Parsed } from '../../src/store/parse-input.js';
import type { ParsePool } from '../../src/store/parse-pool.js';
import { sharedParse } from '../../src/store/shared-parse.js';

const inputs: Input[] = ['a', 'b', 'long', 'c'].map((name) => ({ name, sha: name, format: 'txt', path: `/nowhere/${name}` }));
const ok = (name: string): Parsed => ({ ok: true, disclosures: [], parseMs: 1, entries: [[{ tokens: name, kind: 'x', line: 1, text: name }]] as never });
const overBudget: Parsed = { ok: false, reason: '解析超过 0.5 秒仍未完成', parseMs: 500, overBudget: true };

function fakePool(log: string[]): () => ParsePool {
  return () => ({
    parse: async (input) => {
      log.push(`thread:${input.name}`);
      return ok(`thread-${input.name}`);
    },
    destroy: async () => {},
  });
}

async function run(o: { handOff: boolean; signal?: AbortSignal; onParsed?: (name: string) => void }) {
  const log: string[] = [];
  const out: [string, Parsed][] = [];
  for await (const [input, parsed] of sharedParse(inputs, {
    parseHere: (input) => {
      log.push(`here:${input.name}`);
      o.onParsed?.(input.name);
      return input.name === 'long' ? overBudget : ok(input.name);
    },
    pool: fakePool(log), eager: false, window: 0, ahead: 16, handOff: o.handOff, signal: o.signal,
  })) out.push([input.name, parsed]);
  return { log, out };
}

describe('sharedParse', () => {
  it('hands a document over the short budget to a thread, and keeps the input order', async () => {
    const { log, out } = await run({ handOff: true });
    expect(out.map(([name]) => name)).toEqual(['a', 'b', 'long', 'c']);
    expect(out[2][1]).toMatchObject({ ok: true, entries: [[{ tokens: 'thread-long' }]] });
    expect(log).toContain('thread:long');
  });

  it('with the full budget here (--workers 0), the rejection stands: no second parse on a thread', async () => {
    const { log, out } = await run({ handOff: false });
    expect(out[2][1]).toEqual(overBudget);
    expect(log.filter((l) => l.startsWith('thread:'))).toEqual([]);
  });

  it('stops parsing here once the signal fires', async () => {
    const stop = new AbortController();
    const { log, out } = await run({ handOff: true, signal: stop.signal, onParsed: (name) => name === 'b' && stop.abort() });
    expect(out.map(([name]) => name)).toEqual(['a', 'b']);
    expect(log).not.toContain('here:c');
  });
});
