// Bad input gets a clear reason naming the file; nothing half-parsed slips through.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDocument, DocumentError, parseDocument } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { amount } from '../helpers/documents.js';

const seedText = readFileSync(join(DEFAULT_DATA_DIR, '000_2c141d3c228c2a71.txt'), 'utf8');
const read = (bytes: Uint8Array, name: string) => parseDocument(decodeDocument(bytes, name), name);
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return `${(e as DocumentError).source}: ${(e as Error).message}`;
  }
  throw new Error('expected a DocumentError');
};

describe('documents that cannot be read', () => {
  it.each([
    ['empty.txt', new Uint8Array(0), '文件为空'],
    ['blank.txt', new TextEncoder().encode('\n\n   \n'), '文件为空'],
    ['binary.txt', Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256), '不是文本文件'],
    ['report.txt', readFileSync(join(import.meta.dirname, '..', 'fixtures', 'malformed', 'report.txt')), '没有找到预算公开表格'],
  ])('%s is rejected with its name and reason', (name, bytes, why) => {
    expect(reason(() => read(bytes, name))).toMatch(new RegExp(`^${name}: .*${why}`));
  });
});

describe('documents in other encodings', () => {
  it.each([
    ['GBK', encodeGbk(seedText)],
    ['UTF-8 with a BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seedText)])],
  ])('%s reads the same figures as UTF-8', (_, bytes) => {
    const [d] = read(bytes, 'seed.txt');
    expect([d.department, amount(d.totals.get('expenditure_total')?.value), d.functionItems.length]).toEqual(['巨鹿县医疗保障局', '534.80', 21]);
  });
});

describe('a document truncated in the middle of a table', () => {
  // Cut mid-page in the 支出总表, right after 2101504 (line 316).
  const cut = seedText.split('\n').slice(0, 317).join('\n');
  const [d] = parseDocument(cut, 'truncated.txt');

  it('loads the rows that are there, correctly', () => {
    expect(amount(d.functionItems.find((r) => r.code === '2101501')?.basic)).toBe('219.90');
  });

  it('reports what it could not read', () => {
    expect(d.findings.find((f) => f.rule === 'not-read')?.message).toMatch(/“三公”经费/);
  });
});

/** GBK bytes for a string, via a decoder round trip table (Node has no GBK encoder built in). */
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}
