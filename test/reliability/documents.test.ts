// Property-based over documents: truncated, shuffled, garbled, binary. Each is read or rejected
// with its name and reason — never another kind of error — and fast.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDocument, DocumentError, parseDocument } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { ingestDirectory, MAX_DOCUMENT_BYTES } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_TEXT_DIR } from '../support/corpus.js';

// The five seeds, and a Jiangsu provincial budget of the corpus in ../shared where present (a second
// template: its mutations are read at run time, never stored).
const SEEDS = ['000_2c141d3c228c2a71.txt', '001_df29ae28ecb651dd.txt', '002_b2ab98c35d1620c6.txt', '003_aefd0e6609c5871f.txt', '004_415779c2f9ebc6e8.txt'];
const DOCS: [dir: string, file: string][] = [...SEEDS.map((f): [string, string] => [DEFAULT_DATA_DIR, f]), ...(CORPUS_TEXT_DIR ? [[CORPUS_TEXT_DIR, 'js_jcy_2019_budget.txt'] as [string, string]] : [])];
const texts = DOCS.map(([dir, f]) => readFileSync(join(dir, f), 'utf8'));

/** Reads or rejects; anything else (an exception that is not a DocumentError) fails the property. */
function readOrReject(bytes: Uint8Array, name: string): 'read' | 'rejected' {
  const started = performance.now();
  try {
    parseDocument(decodeDocument(bytes, name), name);
    return 'read';
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
    expect(e.source).toBe(name);
    expect(e.message.length).toBeGreaterThan(0);
    return 'rejected';
  } finally {
    expect(performance.now() - started).toBeLessThan(3000);
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('shuffle'), seed: fc.integer() }),
  fc.record({ kind: fc.constant('garble'), rate: fc.double({ min: 0, max: 1, noNaN: true }), junk: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('splice'), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

function apply(text: string, m: any): Uint8Array {
  switch (m.kind) {
    case 'truncate':
      return enc(text.slice(0, Math.floor(text.length * m.at)));
    case 'shuffle': {
      const lines = text.split('\n');
      let s = m.seed;
      for (let i = lines.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        const j = s % (i + 1);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return enc(lines.join('\n'));
    }
    case 'garble': {
      let k = 0;
      return enc(text.replace(/\d+\.\d+/g, (n) => ((k++ % 100) / 100 < m.rate ? m.junk : n)));
    }
    default: {
      const b = enc(text);
      const at = Math.floor(b.length * m.at);
      return Uint8Array.from([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
    }
  }
}

describe('broken documents', () => {
  it('truncated, shuffled, garbled or spliced with bytes: read or rejected by name, never crashed', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: texts.length - 1 }), mutation, (i, m) => {
      readOrReject(apply(texts[i], m), DOCS[i][1]);
    }), { numRuns: 120 });
  });

  it('random bytes are rejected by name', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (bytes) => {
      readOrReject(bytes, 'random.bin.txt');
    }), { numRuns: 200 });
  });

  it('a garbled total still loads, with the inconsistency reported rather than hidden', () => {
    const text = texts[0].replace('1 合计 534.80 298.80 236.00', '1 合计 534.80 298.80 999.00');
    const [d] = parseDocument(text, 'garbled.txt');
    expect(d.findings.some((f) => f.message.includes('999.00'))).toBe(true);
  });
});

describe('ingest with hostile files beside good ones', () => {
  it('loads the good ones and names every other with its reason', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    copyFileSync(join(DEFAULT_DATA_DIR, SEEDS[0]), join(dir, SEEDS[0]));
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(MAX_DOCUMENT_BYTES + 1, '预'));
    writeFileSync(join(dir, 'bytes.txt'), Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Budget \xe9t\xe9 \xff\xfe totals 534.80', 'latin1'));
    const r = ingestDirectory(dir, join(dir, '..', 'db.sqlite'));
    expect(r.disclosures).toBe(1);
    expect(Object.fromEntries(r.rejected.map((x) => [x.source, x.reason]))).toMatchObject({
      'huge.txt': expect.stringMatching(/^文件过大/),
      'bytes.txt': expect.stringMatching(/不是文本文件|编码/),
      'latin1.txt': expect.stringMatching(/编码|没有找到预算公开表格/),
    });
  });
});
