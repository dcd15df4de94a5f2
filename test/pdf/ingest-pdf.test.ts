// PDFs through ingest: alone they load with citations by file and page; beside their text
// layers they are recognised as the same disclosures and checked figure by figure.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { DEFAULT_DATA_DIR, DEFAULT_PDF_DIR } from '../../src/paths.js';
import { preparePdfs } from '../../src/pdf/prepare.js';
import { defaultPdfCache, ingestDirectory } from '../../src/store/ingest.js';
import { renderText } from '../../src/render/text.js';
import { tempDir } from '../helpers/tmp.js';

describe('ingesting PDFs', () => {
  const root = tempDir();

  it('loads each PDF document (parts together) and cites file and page', async () => {
    const db = join(root, 'pdf.sqlite');
    await preparePdfs([DEFAULT_PDF_DIR], defaultPdfCache(db));
    const r = ingestDirectory(DEFAULT_PDF_DIR, db);
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
  });

  it('beside its text layer, a PDF is the same disclosure: loaded once, checked, a difference reported', async () => {
    const dir = join(root, 'both');
    mkdirSync(dir);
    for (const f of readdirSync(DEFAULT_PDF_DIR).filter((n) => n.startsWith('js_jcy_2019'))) copyFileSync(join(DEFAULT_PDF_DIR, f), join(dir, f));
    copyFileSync(join(DEFAULT_DATA_DIR, 'js_jcy_2019_budget.txt'), join(dir, 'js_jcy_2019_budget.txt'));
    const db = join(root, 'both.sqlite');
    await preparePdfs([dir], defaultPdfCache(db));
    expect(ingestDirectory(dir, db).duplicates).toEqual([{ source: 'js_jcy_2019_budget.pdf', keptSource: 'js_jcy_2019_budget.txt', differences: 0 }]);
    // A text layer edited after the fact no longer agrees with the PDF: said, with the figures.
    const edited = (await import('node:fs')).readFileSync(join(DEFAULT_DATA_DIR, 'js_jcy_2019_budget.txt'), 'utf8').replaceAll('2040401 行政运行 12,268.62', '2040401 行政运行 12,286.62');
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
  });

  it('a scanned PDF is named with its reason; the rest load', async () => {
    const dir = join(root, 'scan');
    mkdirSync(dir);
    copyFileSync(join(DEFAULT_PDF_DIR, 'js_rdbgt_2018_budget_part1.pdf'), join(dir, 'js_rdbgt_2018_budget_part1.pdf'));
    writeFileSync(join(dir, 'scanned_budget.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const db = join(root, 'scan.sqlite');
    await preparePdfs([dir], defaultPdfCache(db));
    const r = ingestDirectory(dir, db);
    expect(r.disclosures).toBe(1);
    expect(r.rejected).toEqual([{ source: 'scanned_budget.pdf', reason: '扫描件：PDF 没有文字层，无法读取（暂不做文字识别 OCR）' }]);
  });
});
