// Issue 21: small files that cost a great deal to read are refused with their reason, in bounded
// time and memory (items 11 and 18; the Word and PDF cases are in test/docx and test/pdf).
import { describe, expect, it } from 'vitest';
import { DocumentError, parseDocument } from '../../src/parse/index.js';

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
