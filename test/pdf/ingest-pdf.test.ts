// PDFs through ingest: alone they load with citations by file and page; beside their text
// layers they are recognised as the same disclosures and checked figure by figure. The Jiangsu PDFs
// and texts are read from ../shared/corpus; a scan beside a seed needs nothing from outside.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { preparePdfs } from '../../src/pdf/prepare.js';
import { defaultPdfCache, ingestDirectory } from '../../src/store/ingest.js';
import { renderText } from '../../src/render/text.js';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_PDF_DIR, CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';

/** Extracting PDFs takes seconds each on a busy machine: beyond the default 20 s for a test. */
const PDF_TIMEOUT_MS = 120_000;

/** The thirteen PDF parts of the nine Jiangsu budgets (the corpus holds other PDFs beside them). */
const JIANGSU_PDF = /^js_(jcy|rdbgt|swbgt)_201[789]_budget_part\d\.pdf$/;
const SCAN = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** A new folder holding copies of the named corpus files. */
function copied(root: string, name: string, files: [dir: string, file: string][]): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [from, f] of files) copyFileSync(join(from, f), join(dir, f));
  return dir;
}

describe('a scanned PDF beside a seed', () => {
  it('is named with its reason; the seed loads', async () => {
    const dir = copied(tempDir(), 'scan', [[DEFAULT_DATA_DIR, '001_df29ae28ecb651dd.txt']]);
    writeFileSync(join(dir, 'scanned_budget.pdf'), SCAN);
    const db = join(dir, '..', 'scan.sqlite');
    await preparePdfs([dir], defaultPdfCache(db));
    const r = ingestDirectory(dir, db);
    expect([r.files, r.disclosures]).toEqual([2, 1]);
    expect(r.rejected).toEqual([{ source: 'scanned_budget.pdf', reason: '扫描件：PDF 没有文字层，无法读取（暂不做文字识别 OCR）' }]);
    const app = openApp(db);
    try {
      expect(app.dispatch({ text: '/budget 竹山县 三公' }).answer.summary).toMatch(/^“三公”经费 9\.60 万元/);
    } finally {
      app.close();
    }
  });
});

describeCorpus('ingesting the Jiangsu PDFs of ../shared/corpus/pdf', () => {
  const root = tempDir();

  it('loads each PDF document (parts together) and cites file and page', async () => {
    const pdfs = copied(root, 'pdf', readdirSync(CORPUS_PDF_DIR!).filter((f) => JIANGSU_PDF.test(f)).map((f) => [CORPUS_PDF_DIR!, f]));
    expect(readdirSync(pdfs)).toHaveLength(13);
    const db = join(root, 'pdf.sqlite');
    await preparePdfs([pdfs], defaultPdfCache(db));
    const r = ingestDirectory(pdfs, db);
    expect([r.files, r.disclosures, r.rejected]).toEqual([9, 9, []]);
    const app = openApp(db);
    try {
      const { answer } = app.dispatch({ text: '/budget 江苏省人民检察院 三公' });
      expect(answer.summary).toMatch(/^“三公”经费 418\.26 万元/);
      expect(answer.citations[0]).toMatchObject({ file: 'js_jcy_2019_budget_part1.pdf', page: 20 });
      expect(renderText(answer)).toContain('js_jcy_2019_budget_part1.pdf · “三公”经费、会议费、培训费支出预算表 · 第 20 页');
    } finally {
      app.close();
    }
  }, PDF_TIMEOUT_MS);

  it('beside its text layer, a PDF is the same disclosure: loaded once, checked, a difference reported', async () => {
    const dir = copied(root, 'both', [[CORPUS_PDF_DIR!, 'js_jcy_2019_budget_part1.pdf'], [CORPUS_TEXT_DIR!, 'js_jcy_2019_budget.txt']]);
    const db = join(root, 'both.sqlite');
    await preparePdfs([dir], defaultPdfCache(db));
    expect(ingestDirectory(dir, db).duplicates).toEqual([{ source: 'js_jcy_2019_budget.pdf', keptSource: 'js_jcy_2019_budget.txt', differences: 0 }]);
    // A text layer edited after the fact no longer agrees with the PDF: said, with the figures.
    const edited = readFileSync(join(CORPUS_TEXT_DIR!, 'js_jcy_2019_budget.txt'), 'utf8').replaceAll('2040401 行政运行 12,268.62', '2040401 行政运行 12,286.62');
    writeFileSync(join(dir, 'js_jcy_2019_budget.txt'), edited);
    const r = ingestDirectory(dir, db);
    expect(r.duplicates[0].differences).toBeGreaterThan(0);
    const app = openApp(db);
    try {
      const f = app.ctx.queries.findings(app.ctx.queries.documents()[0].id).find((x) => x.rule === 'two-files-differ')!;
      expect(f.message).toMatch(/js_jcy_2019_budget\.pdf 与 js_jcy_2019_budget\.txt 是同一份预算，但有 \d+ 处数字不同：.*2040401: 12286\.62 \/ 12268\.62/);
    } finally {
      app.close();
    }
  }, PDF_TIMEOUT_MS);

  it('a scanned PDF is named with its reason; the rest load', async () => {
    const dir = copied(root, 'scan', [[CORPUS_PDF_DIR!, 'js_rdbgt_2018_budget_part1.pdf']]);
    writeFileSync(join(dir, 'scanned_budget.pdf'), SCAN);
    const db = join(root, 'scan.sqlite');
    await preparePdfs([dir], defaultPdfCache(db));
    const r = ingestDirectory(dir, db);
    expect(r.disclosures).toBe(1);
    expect(r.rejected).toEqual([{ source: 'scanned_budget.pdf', reason: '扫描件：PDF 没有文字层，无法读取（暂不做文字识别 OCR）' }]);
  }, PDF_TIMEOUT_MS);
});
