// Issue 21, item 19: XML errors copied binary from a damaged part into rejection reasons (control
// bytes, invisible characters, a megabyte "tag name"). A reason now holds printable characters only,
// at most 120 of them, and still says what was wrong.
import { describe, expect, it } from 'vitest';
import { tokenize, XmlError } from '../../src/docx/xml.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;
const reasonOf = (xml: string): string => {
  try {
    for (const _ of tokenize(xml)) void _;
  } catch (err) {
    expect(err).toBeInstanceOf(XmlError);
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('XML error reasons', () => {
  const binary = (n: number, seed = 7) => {
    let x = seed;
    return Array.from({ length: n }, () => String.fromCharCode((x = (x * 1103515245 + 12345) & 0x7fffffff) % 256)).join('');
  };

  it('print only printable characters, bounded, the kind of fault kept', () => {
    const cases = [
      `<w:document><w:body\u0000\u0001\u001b[31m\u200b\ud800>`,
      `<${binary(200_000).replace(/[\s<>/]/g, 'x')}`,
      `<a>${binary(5_000)}</b\u0007\u202e>`,
      `<a b=${binary(300).replace(/["'\s<>/]/g, 'x')}>`,
    ];
    for (const xml of cases) {
      const reason = reasonOf(xml);
      expect(reason.length).toBeLessThanOrEqual(120);
      expect(reason, JSON.stringify(reason)).toMatch(PRINTABLE);
      expect(reason).toMatch(/^XML (不完整|结构错误)/);
    }
    expect(reasonOf('<a>text</b>')).toBe('XML 结构错误（</b> 与开始标签不匹配）');
  });
});
