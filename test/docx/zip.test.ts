// The ZIP reader: stored and deflated entries read back; damaged and hostile archives refused with
// a reason (never a crash, never an allocation past the cap), whatever bytes it is handed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docxToText, WordError } from '../../src/docx/index.js';
import { openZip, ZipError } from '../../src/docx/zip.js';
import { docx, zip } from './build-docx.js';
import { SAMPLE } from './sample.js';

const LIMITS = { maxInflatedBytes: 1024 * 1024, maxEntries: 10 };
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ZipError);
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('openZip', () => {
  it('reads stored and deflated entries', () => {
    const z = openZip(zip([{ name: 'a.txt', data: '你好' }, { name: 'b/c.xml', data: '<x/>'.repeat(1000), deflate: true }]), LIMITS);
    expect(z.names()).toEqual(['a.txt', 'b/c.xml']);
    expect(z.read('a.txt').toString()).toBe('你好');
    expect(z.read('b/c.xml').toString()).toBe('<x/>'.repeat(1000));
    expect(reason(() => z.read('missing.xml'))).toBe('缺少 missing.xml');
  });

  it('refuses an entry declaring more than the cap (a zip bomb by its own account)', () => {
    const z = openZip(zip([{ name: 'big.xml', data: 'x', declaredSize: 0xfffffff0 }]), LIMITS);
    expect(reason(() => z.read('big.xml'))).toBe('big.xml 解压后有 4096 MB，超过上限 1 MB（疑似压缩炸弹）');
  });

  it('refuses an entry that inflates past its declared size, without inflating it all', () => {
    // 64 MB of zeros deflate to about 64 KB; the directory claims 100 bytes.
    const z = openZip(zip([{ name: 'bomb.xml', data: Buffer.alloc(64 << 20), deflate: true, declaredSize: 100 }]), LIMITS);
    expect(reason(() => z.read('bomb.xml'))).toBe('bomb.xml 解压后比声明的大小大（疑似压缩炸弹）');
  });

  it('counts every entry read against one budget', () => {
    const data = 'y'.repeat(600 * 1024);
    const z = openZip(zip([{ name: 'a', data, deflate: true }, { name: 'b', data, deflate: true }]), LIMITS);
    expect(z.read('a').length).toBe(data.length);
    expect(reason(() => z.read('b'))).toMatch(/^b 解压后有 1 MB，超过上限 1 MB/);
  });

  it.each([
    ['too many entries', () => zip(Array.from({ length: 11 }, (_, i) => ({ name: `e${i}`, data: '' }))), null, '压缩包条目过多（11 个，上限 10）'],
    ['truncated', () => zip([{ name: 'a', data: 'abc' }]).subarray(0, 40), null, '找不到 ZIP 目录（文件不完整或已损坏）'],
    ['too short', () => Buffer.from('PK\x03\x04'), null, '文件过短，不是 ZIP 压缩包'],
    ['encrypted', () => zip([{ name: 'a', data: 'abc', flags: 1 }]), 'a', '文件已加密（有密码保护）'],
    ['damaged data', () => {
      const b = zip([{ name: 'a', data: 'abcdef' }]);
      b[32] ^= 0xff; // a byte of the stored data
      return b;
    }, 'a', 'a 校验失败（文件已损坏）'],
    ['damaged deflate stream', () => {
      const b = zip([{ name: 'a', data: 'hello '.repeat(100), deflate: true }]);
      b.fill(0xff, 31, 40);
      return b;
    }, 'a', 'a 无法解压（数据已损坏）'],
    ['a directory pointing outside the file', () => {
      const b = zip([{ name: 'a', data: 'abc' }]);
      b.writeUInt32LE(0x7fffffff, b.length - 22 - 46 - 1 + 42);
      return b;
    }, 'a', 'a 的数据位置已损坏'],
    ['duplicate names', () => zip([{ name: 'a', data: '1' }, { name: 'a', data: '2' }]), null, '压缩包中有重名条目 a'],
  ])('refuses %s', (_, bytes, entry, message) => {
    expect(reason(() => openZip(bytes(), LIMITS).read(entry ?? 'a'))).toBe(message);
  });
});

describe('docxToText on hostile bytes', () => {
  const good = docx(SAMPLE);

  it('reads the sample', () => {
    expect(docxToText(good)).toMatch(/^某某县某某局2024年部门预算\n/);
  });

  it('any damage to a .docx gives its text or a WordError, never another error', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(good.length), (edits, cut) => {
        const b = Buffer.from(good.subarray(0, Math.max(cut, good.length - 200)));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        try {
          expect(typeof docxToText(b)).toBe('string');
        } catch (err) {
          if (!(err instanceof WordError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a cut-off document.xml is refused, not half read', () => {
    const xml = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>部门预算';
    expect(() => docxToText(zip([{ name: 'word/document.xml', data: xml, deflate: true }]))).toThrow(new WordError('XML 不完整（<w:t> 没有结束）'));
  });
});
