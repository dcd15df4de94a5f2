// Ingest's progress phases count the same documents: 清点文件 and 解析 agree on the total even when
// PDFs (hashed when listed, one document however many parts) sit beside text files.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { preparePdfs } from '../../src/pdf/prepare.js';
import { defaultPdfCache, ingest, type IngestProgress } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

const SCAN = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

describe('ingest progress phases', () => {
  it('hash and parse count three texts and two PDFs (one in two parts) as the same five documents', async () => {
    const dir = join(tempDir(), 'mixed');
    mkdirSync(dir);
    for (const f of ['000_2c141d3c228c2a71.txt', '001_df29ae28ecb651dd.txt', '002_b2ab98c35d1620c6.txt']) copyFileSync(join(DEFAULT_DATA_DIR, f), join(dir, f));
    writeFileSync(join(dir, 'scan_a.pdf'), SCAN);
    writeFileSync(join(dir, 'scan_b_part1.pdf'), SCAN);
    writeFileSync(join(dir, 'scan_b_part2.pdf'), SCAN.replace('200 200', '200 201'));
    const db = join(dir, '..', 'mixed.sqlite');
    await preparePdfs([dir], defaultPdfCache(db));
    const seen: IngestProgress[] = [];
    const report = await ingest(dir, db, { workers: 0, onProgress: (p) => seen.push(p) });
    const totals = (phase: string) => [...new Set(seen.filter((p) => p.phase === phase).map((p) => p.total))];
    expect(totals('hash')).toEqual([5]);
    expect(totals('parse')).toEqual([5]);
    expect(seen.filter((p) => p.phase === 'hash').at(-1)!.done).toBe(5);
    expect(seen.filter((p) => p.phase === 'parse').at(-1)).toEqual({ phase: 'parse', done: 5, total: 5, rejected: 2 });
    expect(report.rejected.map((r) => r.source).sort()).toEqual(['scan_a.pdf', 'scan_b.pdf']);
  });
});
