// Issue 21, items 2, 11 and 13: small .docx files built to hang or exhaust the reader. Each is
// refused (or read) quickly, with its reason, whatever the document holds.
import { describe, expect, it } from 'vitest';
import { docxToText, WordError } from '../../src/docx/index.js';
import { tokenize } from '../../src/docx/xml.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DOCUMENT_BYTES, parseInput } from '../../src/store/parse-input.js';
import { tempDir } from '../helpers/tmp.js';
import { CONTENT_TYPES, docx, documentXml, zip } from './build-docx.js';

const timed = <T>(f: () => T): [T | Error, number] => {
  const t0 = performance.now();
  try {
    return [f(), performance.now() - t0];
  } catch (err) {
    return [err as Error, performance.now() - t0];
  }
};

describe('hostile Word files', () => {
  it('a [Content_Types].xml of `<Override` repeated is scanned in linear time', () => {
    const types = '<Types>' + '<Override'.repeat(100_000);
    const bytes = zip([{ name: '[Content_Types].xml', data: types, deflate: true }, { name: 'word/document.xml', data: documentXml(['一般公共预算']), deflate: true }]);
    const [text, ms] = timed(() => docxToText(bytes));
    expect(text).toBe('一般公共预算');
    expect(ms).toBeLessThan(1000);
  });

  it('a part of `<!x>` declarations repeated is tokenized in linear time', () => {
    const xml = '<a>' + '<!x>'.repeat(200_000) + '</a>';
    const [tokens, ms] = timed(() => [...tokenize(xml)]);
    expect(tokens).toHaveLength(2);
    expect(ms).toBeLessThan(1000);
  });

  it('paragraphs nested a million deep are refused for their depth, in bounded memory', () => {
    const xml = documentXml([{ xml: '<w:p>'.repeat(1_000_000) + '</w:p>'.repeat(1_000_000) }]);
    const before = process.memoryUsage().rss;
    const [err, ms] = timed(() => docxToText(zip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }, { name: 'word/document.xml', data: xml, deflate: true }])));
    expect(err).toBeInstanceOf(WordError);
    expect((err as Error).message).toMatch(/嵌套超过 1000 层/);
    expect(ms).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('a .docx holding more text than a .txt may is refused as a .txt would be', () => {
    const row = '一般公共预算拨款收入合计'.repeat(100);
    const paras = Array.from({ length: Math.ceil(MAX_DOCUMENT_BYTES / Buffer.byteLength(row)) + 10 }, () => row);
    const [err, ms] = timed(() => docxToText(docx(paras), { limits: { maxInflatedBytes: 200 * 1024 * 1024, maxEntries: 10 } }));
    expect(err).toBeInstanceOf(WordError);
    expect((err as Error).message).toMatch(/正文过长/);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('the time budget of one document', () => {
  it('a Word file that takes longer than its budget is refused with the reason, not waited for', () => {
    const dir = tempDir();
    const path = join(dir, 'slow.docx');
    writeFileSync(path, docx(Array.from({ length: 20_000 }, (_, i) => `第${i}段`)));
    const parsed = parseInput({ format: 'docx', path, name: 'slow.docx', sha: 'x' }, dir, { budgetMs: 1 });
    expect(parsed).toMatchObject({ ok: false, reason: '解析超过 0.001 秒仍未完成，已停止（文件过于复杂或内容异常）' });
    expect(parsed.parseMs).toBeLessThan(1000);
  });
});
