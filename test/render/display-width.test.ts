// The console's display width: the characters measured directly (no string-width loaded) must
// measure exactly as string-width does, one by one and in the answers the seeds give.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/fit.js';
import { renderText } from '../../src/render/text.js';
import { bundledApp } from '../helpers/app.js';

const RANGES: [number, number][] = [
  [0x20, 0x7e], [0xb7, 0xb7], [0x2014, 0x2014], [0x2018, 0x2019], [0x201c, 0x201d], [0x2026, 0x2026],
  [0x3000, 0x3029], [0x3030, 0x303e], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff01, 0xff60], [0xffe0, 0xffe6],
];

describe('displayWidth', () => {
  it('measures every directly measured character as string-width does', () => {
    const differ: string[] = [];
    for (const [from, to] of RANGES) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCodePoint(c);
        if (displayWidth(ch) !== stringWidth(ch)) differ.push(c.toString(16));
      }
    }
    expect(differ).toEqual([]);
  });

  it('hands anything else to string-width: combining marks, astral ideographs, emoji, tabs', () => {
    for (const s of ['〪', '𠮷', '👨‍👩‍👧', '⚠ 文件', 'e\u0301', '\t竹山', '①']) expect(displayWidth(s)).toBe(stringWidth(s));
    expect(displayWidth('竹山县 ab')).toBe(9);
    expect(displayWidth('“三公”经费合计            9.60 万元 [1]')).toBe(stringWidth('“三公”经费合计            9.60 万元 [1]'));
  });

  it('agrees with string-width on every line of the seeds’ answers', () => {
    const app = bundledApp();
    const lines = ['/budget 竹山县 三公', '/budget 邢台市医保局', '/subject 2101501', '/check', '/sources', '/rank 三公']
      .flatMap((q) => renderText(app.dispatch({ text: q }).answer).split('\n'));
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.filter((l) => displayWidth(l) !== stringWidth(l))).toEqual([]);
  });
});
