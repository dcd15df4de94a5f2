// The PDF front end: each Jiangsu PDF gives the figures its text layer gives; positions resolve
// the column the text left ambiguous; parts load as one document; scans are reported. The PDFs and
// their text layers are read from ../shared/corpus (never committed).
import { readdirSync, readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/parse/amount.js';
import { parseDocument, parseLines } from '../../src/parse/index.js';
import { threePublicFromRow } from '../../src/parse/read/three-public.js';
import type { Disclosure } from '../../src/parse/types.js';
import { pdfToLines, ScannedPdfError } from '../../src/pdf/extract.js';
import { CORPUS_PDF_DIR, CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';

/** The nine Jiangsu budgets these tests were written for, chosen by name among the corpus PDFs. */
const DOCS = ['js_jcy_2017', 'js_jcy_2018', 'js_jcy_2019', 'js_rdbgt_2017', 'js_rdbgt_2018', 'js_rdbgt_2019', 'js_swbgt_2017', 'js_swbgt_2018', 'js_swbgt_2019'];
const partsOf = (doc: string) => readdirSync(CORPUS_PDF_DIR!).filter((f) => f.startsWith(`${doc}_budget_part`)).sort();
const fromPdf = new Map<string, { d: Disclosure; lines: Awaited<ReturnType<typeof pdfToLines>> }>();

const amt = (x: { toFixed(n: number): string } | null | undefined) => (x ? formatAmount(x as never) : null);
const rows = (items: { code: string; total: unknown }[]) => items.map((r) => [r.code, amt(r.total as never)]);

describeCorpus('the Jiangsu PDFs of ../shared/corpus/pdf', () => {
  beforeAll(async () => {
    for (const doc of DOCS) {
      const lines = await pdfToLines(partsOf(doc).map((f) => ({ name: f, bytes: readFileSync(join(CORPUS_PDF_DIR!, f)) })));
      fromPdf.set(doc, { d: parseLines(lines.lines, `${doc}.pdf`)[0], lines });
    }
  }, 60_000);

  it('each of the nine has its PDF parts in the corpus', () => {
    expect(DOCS.map((doc) => partsOf(doc).length)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  describe.each(DOCS)('%s: PDF against its text layer', (doc) => {
    const text = () => parseDocument(readFileSync(join(CORPUS_TEXT_DIR!, `${doc}_budget.txt`), 'utf8'), doc)[0];

    it('same department, year, totals, 基本/项目 and 三公', () => {
      const p = fromPdf.get(doc)!.d;
      const t = text();
      expect([p.department, p.year]).toEqual([t.department, t.year]);
      expect(Object.fromEntries([...p.totals].map(([k, v]) => [k, amt(v.value)]))).toEqual(Object.fromEntries([...t.totals].map(([k, v]) => [k, amt(v.value)])));
      const parts = (d: Disclosure) => [d.threePublic?.total, d.threePublic?.outbound, d.threePublic?.vehiclePurchase, d.threePublic?.vehicleOperation, d.threePublic?.reception].map(amt);
      expect(parts(p)).toEqual(parts(t));
    });

    it('every 支出总表 and 基本支出表 row', () => {
      const p = fromPdf.get(doc)!.d;
      const t = text();
      expect(rows(p.functionItems)).toEqual(rows(t.functionItems));
      expect(rows(p.economicItems)).toEqual(rows(t.economicItems));
      expect(p.functionItems.length).toBeGreaterThan(10);
    });

    it('cites pages of the PDF', () => {
      const { lines } = fromPdf.get(doc)!;
      expect(lines.pages[0]).toMatchObject({ line: 1, page: 1 });
      expect(lines.pages.length).toBeGreaterThan(10);
    });
  });

  describe('positions resolve what the text left ambiguous', () => {
    it.each(DOCS)('%s: the 三公 row\'s blank cell is placed by the column it sits under, with no finding and no other table', (doc) => {
      const { lines } = fromPdf.get(doc)!;
      const row = lines.lines.find((l) => l.cells && l.cells.length >= 8 && l.cells.every((c) => /^[\d,.]+$/.test(c.text)))!;
      const titleAt = lines.lines.findIndex((l) => /三公.*经费.*会议费/.test(l.text) && l.no < row.no && row.no - l.no < 20);
      const header = lines.lines.slice(titleAt + 1, lines.lines.indexOf(row));
      const values = row.cells!.map((c) => new Decimal(c.text.replace(/,/g, '')));
      const centers = row.cells!.map((c) => (c.x0 + c.x1) / 2);
      const headerText = header.map((l) => l.text).join(' ');
      const byText = threePublicFromRow(values, headerText, '三公', row.no, {});
      const byPosition = threePublicFromRow(values, headerText, '三公', row.no, {}, { centers, header: header.map((l) => l.cells ?? []) });
      // Where a cell is blank, the text alone cannot tell 购置 from 运行 (both fit the arithmetic)...
      if (values.length === 8) expect(byText.findings.map((f) => f.rule)).toEqual(['three-public-columns']);
      // ...the positions can.
      expect(byPosition.findings).toEqual([]);
      const t = fromPdf.get(doc)!.d.threePublic!;
      expect([byPosition.value.vehiclePurchase, byPosition.value.vehicleOperation, byPosition.value.reception].map(amt)).toEqual([t.vehiclePurchase, t.vehicleOperation, t.reception].map(amt));
      expect(amt(byPosition.value.vehicleOperation)).toBe(amt(fromPdf.get(doc)!.d.economicItems.find((r) => r.code === '30231')!.total));
    });
  });

  describe('documents published as two PDFs', () => {
    it('load as one document, lines and pages continuing across the parts', () => {
      const { d, lines } = fromPdf.get('js_swbgt_2017')!;
      const files = [...new Set(lines.pages.map((p) => p.file))];
      expect(files).toEqual(['js_swbgt_2017_budget_part1.pdf', 'js_swbgt_2017_budget_part2.pdf']);
      // The narrative is in part 1, the tables in part 2: one disclosure has both.
      expect(d.changes.find((c) => c.metric === 'expenditure_total')).toBeDefined();
      expect(amt(d.totals.get('expenditure_total')!.value)).toBe('20849.45');
    });
  });
});

describe('PDFs without a text layer', () => {
  it('are reported as scans, by name', async () => {
    await expect(pdfToLines([{ name: 'scan.pdf', bytes: blankPdf() }])).rejects.toThrow(ScannedPdfError);
    await expect(pdfToLines([{ name: 'scan.pdf', bytes: blankPdf() }])).rejects.toThrow('扫描件：PDF 没有文字层，无法读取（暂不做文字识别 OCR）');
  });
});

/** A valid one-page PDF with nothing on the page (as a scan without OCR has no text layer). */
function blankPdf(): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}
