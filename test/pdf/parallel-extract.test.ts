// PDF text is extracted on one thread per core (pdf.js works on the thread that calls it): the cache
// it writes is the same, byte for byte, as one thread's; a scan and a damaged file are cached with
// their reasons from a thread as from the main one; and the time an ingest reports is the wall time
// the user waited, the extraction included.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/cli/database.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { preparePdfs } from '../../src/pdf/prepare.js';
import { defaultPdfCache, ingestDirectory } from '../../src/store/ingest.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_PDF_DIR } from '../support/corpus.js';

const PDF_TIMEOUT_MS = 120_000;
const FIXTURE = join(PROJECT_ROOT, 'test', 'fixtures', 'pdf', 'fengquan-2023.pdf');
const SCAN = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** A folder with the project's PDF, a scan, a damaged file and (where ../shared is present) two corpus PDFs. */
function pdfFolder(): string {
  const dir = join(tempDir(), 'pdfs');
  mkdirSync(dir);
  copyFileSync(FIXTURE, join(dir, 'fengquan-2023.pdf'));
  writeFileSync(join(dir, 'scanned_budget.pdf'), SCAN);
  writeFileSync(join(dir, 'damaged_budget.pdf'), '%PDF-1.7\nnot a pdf at all');
  for (const f of ['wx_xfj_2025.pdf', 'sh_ybzx_2026_unit.pdf']) if (CORPUS_PDF_DIR) copyFileSync(join(CORPUS_PDF_DIR, f), join(dir, f));
  return dir;
}

const cacheOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('PDF extraction on threads', () => {
  it('writes the same cache on two threads as on one, reasons included', { timeout: PDF_TIMEOUT_MS }, async () => {
    const dir = pdfFolder();
    const one = join(tempDir(), 'one');
    const two = join(tempDir(), 'two');
    const r1 = await preparePdfs([dir], one, { threads: 1 });
    const r2 = await preparePdfs([dir], two, { threads: 2 });
    expect(r2).toEqual(r1);
    expect(r1.extracted).toBe(CORPUS_PDF_DIR ? 5 : 3);
    expect(cacheOf(two)).toEqual(cacheOf(one));
    const entries = Object.values(cacheOf(two)).map((t) => JSON.parse(t) as { ok: boolean; reason?: string });
    expect(entries.filter((e) => !e.ok).map((e) => e.reason).sort()).toEqual(['扫描件：PDF 没有文字层，无法读取（暂不做文字识别 OCR）', expect.stringMatching(/^无法读取 PDF：/)]);
    // A second run finds everything cached.
    expect(await preparePdfs([dir], two, { threads: 2 })).toEqual({ extracted: 0, cached: r1.extracted });
  });

  it('reports the wall time of the whole ingest, the extraction included', { timeout: PDF_TIMEOUT_MS }, async () => {
    const dir = pdfFolder();
    const db = join(tempDir(), 'db.sqlite');
    const t0 = performance.now();
    const report = await runIngest([dir], db);
    const wall = performance.now() - t0;
    expect(report.disclosures).toBe(CORPUS_PDF_DIR ? 3 : 1);
    expect(report.millis).toBeLessThanOrEqual(wall);
    // Extraction is most of a cold PDF ingest: a 用时 of the parse alone would be a fraction of the wait.
    expect(report.millis).toBeGreaterThan(wall * 0.9);
  });

  it('a cache that cannot be written is said so, and the old database stays', { timeout: PDF_TIMEOUT_MS }, async () => {
    const dir = pdfFolder();
    const root = tempDir();
    const db = join(root, 'budget.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    const before = readFileSync(db);
    // Where the cache's folder belongs there is a file: no entry can be written.
    writeFileSync(defaultPdfCache(db), 'not a folder');
    const err = await runIngest([dir], db, { force: true }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/无法写入 PDF 文字缓存/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toEqual([]);
  });
});
