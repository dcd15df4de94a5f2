// Issue 21, items 7 and 11: a PDF may not hold the ingest for minutes or take gigabytes. Pages are
// capped, extraction has a time budget and stops on the abort signal between pages, and a stream
// that inflates past the cap is refused before pdf.js decodes it.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_PDF_INFLATED_BYTES, MAX_PDF_PAGES, pdfToLines, PdfRefused } from '../../src/pdf/extract.js';
import { listPdfDocuments, preparePdfs, readCachedPdf } from '../../src/pdf/prepare.js';
import { tempDir } from '../helpers/tmp.js';
import { buildPdf } from './build-pdf.js';

/** zlib data inflating to `bytes` zeros, made in chunks (never the whole in memory). */
async function zeros(bytes: number): Promise<Buffer> {
  const d = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(1 << 20);
  for (let n = 0; n < bytes; n += chunk.length) if (!d.write(chunk)) await new Promise((r) => d.once('drain', r));
  await new Promise((r) => d.end(r));
  return Buffer.concat(out);
}

describe('PDF limits', () => {
  it('a PDF of 20,000 pages sharing one content stream is refused for its pages, at once', async () => {
    const t0 = performance.now();
    const err = await pdfToLines([{ name: 'many.pdf', bytes: buildPdf({ pages: 20_000 }) }]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(PdfRefused);
    expect((err as Error).message).toBe(`页数 20000 超过上限 ${MAX_PDF_PAGES}`);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('extraction past its time budget stops between pages with the reason', async () => {
    const err = await pdfToLines([{ name: 'slow.pdf', bytes: buildPdf({ pages: 50 }) }], { budgetMs: 1 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(PdfRefused);
    expect((err as Error).message).toMatch(/^提取文字超过 0.001 秒仍未完成，已停止（读到第 \d+ 页）$/);
  });

  it('an abort stops extraction between pages, and nothing is cached for the document', async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    // Enough pages that a quiet machine is still extracting when the abort lands.
    writeFileSync(join(dir, 'a.pdf'), buildPdf({ pages: 1500 }));
    const stop = new AbortController();
    const t0 = performance.now();
    setTimeout(() => stop.abort(), 5);
    await preparePdfs([dir], cache, { signal: stop.signal });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it('a flate bomb is refused for its inflated size before pdf.js decodes it, and the refusal is cached', async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    const bomb = await zeros(MAX_PDF_INFLATED_BYTES + (16 << 20));
    writeFileSync(join(dir, 'bomb.pdf'), buildPdf({ pages: 1, content: bomb, flate: true }));
    const before = process.memoryUsage().rss;
    await preparePdfs([dir], cache);
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
    expect(readCachedPdf(cache, listPdfDocuments(dir)[0])).toEqual({ ok: false, reason: `解压后的数据超过上限 ${MAX_PDF_INFLATED_BYTES / 1024 / 1024} MB（疑似压缩炸弹）` });
  });

  it('an ordinary page still reads', async () => {
    const text = await pdfToLines([{ name: 'ok.pdf', bytes: buildPdf({ pages: 2 }) }]);
    expect(text.lines.map((l) => l.text)).toEqual(['2025 budget 100.00', '2025 budget 100.00']);
  });
});
