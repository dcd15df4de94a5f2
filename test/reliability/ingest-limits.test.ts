// Issue 21: small files that cost a great deal to read are refused with their reason, in bounded
// time and memory (items 11 and 18; the Word and PDF cases are in test/docx and test/pdf).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDocument, DocumentError, parseDocument } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    if (err instanceof DocumentError) return err.message;
    throw err;
  }
  throw new Error('not refused');
};

describe('a text of newlines', () => {
  it('19 MB of newlines is refused for its line count, without splitting it', () => {
    const text = '\n'.repeat(19 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    expect(refusal(() => parseDocument(text, 'lines.txt'))).toBe('行数 19922945 超过上限 200000，不像是一份预算公开文件');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('form feeds and lone carriage returns count as lines too', () => {
    expect(refusal(() => parseDocument('\f\r'.repeat(100_001), 'ff.txt'))).toMatch(/^行数 200003 超过上限 200000/);
  });
});

/** Bytes of a text in a legacy double-byte encoding, via a decoder round-trip table (Node has no such encoder). */
function encodeWith(encoding: 'gb18030' | 'big5', text: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? [0x3f]))));
}

describe('text encodings (item 18)', () => {
  const seed = readFileSync(join(DEFAULT_DATA_DIR, '000_2c141d3c228c2a71.txt'), 'utf8');

  it('UTF-16 with a byte-order mark, either order, reads as the same text', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeDocument(le, 'le.txt')).toBe(seed);
    expect(decodeDocument(be, 'be.txt')).toBe(seed);
  });

  it('UTF-16 without a byte-order mark is named as such', () => {
    expect(refusal(() => decodeDocument(Buffer.from(seed, 'utf16le'), 'u16.txt'))).toBe('文字编码是没有字节顺序标记（BOM）的 UTF-16，请另存为 UTF-8 后再导入');
  });

  it('a Big5 (traditional Chinese) file is named as Big5, not as binary or GBK', () => {
    const big5 = encodeWith('big5', '臺北市政府主計處 2025年度預算 部門預算收支總表 一般公共預算撥款收入 支出合計 項目經費\n'.repeat(40));
    expect(refusal(() => decodeDocument(big5, 'big5.txt'))).toBe('文字编码是繁体中文 Big5，暂不支持，请另存为 UTF-8 后再导入');
  });

  it('a damaged GBK file is refused, not loaded as mojibake', () => {
    const gbk = encodeWith('gb18030', seed);
    // Every 50th byte dropped: the double-byte pairs after each cut are read out of step.
    const damaged = Buffer.from(gbk.filter((_, i) => i % 50 !== 7));
    expect(refusal(() => decodeDocument(damaged, 'damaged.txt'))).toMatch(/^文字编码像 GBK，但有 \d+ 处无法解码（文件可能已损坏），请检查后另存为 UTF-8$/);
    // An intact GBK file still reads.
    expect(decodeDocument(gbk, 'gbk.txt')).toBe(seed);
  });
});
