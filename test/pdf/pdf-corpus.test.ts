// Every published PDF of the corpus that is not Jiangsu's (those have their own test) reads to the same
// department, year, headline figures and subject rows as its text layer: Shanghai 市级 unit budgets in 元,
// Suzhou and Wuxi 部门/单位 budgets in 万元.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parseDocument, parseLines, type Disclosure } from '../../src/parse/index.js';
import { groupParts, pdfToLines } from '../../src/pdf/extract.js';
import { CORPUS_PDF_DIR, CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';

const fmt = (x: { toFixed(n: number): string } | null | undefined) => (x ? x.toFixed(4) : null);
const figures = (d: Disclosure) => ({
  meta: [d.department, d.year, d.kind, d.scope, d.unit],
  totals: Object.fromEntries([...d.totals].map(([k, t]) => [k, fmt(t.value)])),
  rows: [...d.functionItems.map((r) => [r.code, fmt(r.total), fmt(r.basic), fmt(r.project)]), ...d.economicItems.map((r) => [r.code, fmt(r.total), fmt(r.personnel), fmt(r.publicFunds)])],
  three: d.threePublic ? [d.threePublic.total, d.threePublic.outbound, d.threePublic.vehicle, d.threePublic.reception].map(fmt) : null,
});

describeCorpus('PDFs of other provinces against their text layers', () => {
  const docs = groupParts(readdirSync(CORPUS_PDF_DIR!).filter((f) => f.endsWith('.pdf') && !f.startsWith('js_')));
  const fromPdf = new Map<string, Disclosure>();

  beforeAll(async () => {
    for (const { stem, parts } of docs) {
      const lines = await pdfToLines(parts.map((p) => ({ name: p, bytes: readFileSync(join(CORPUS_PDF_DIR!, p)) })));
      fromPdf.set(stem, parseLines(lines.lines, `${stem}.pdf`)[0]);
    }
  }, 300_000);

  it('covers the Shanghai, Suzhou and Wuxi PDFs', () => {
    expect(docs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(docs.map((d) => d.stem))('%s: same figures as its text layer, and a row the text left open placed by its column', (stem) => {
    const text = parseDocument(readFileSync(join(CORPUS_TEXT_DIR!, `${stem}.txt`), 'utf8'), `${stem}.txt`)[0];
    const pdf = fromPdf.get(stem)!;
    const byText = figures(text);
    const byPdf = figures(pdf);
    expect({ ...byPdf, rows: null }).toEqual({ ...byText, rows: null });
    // A row the text decided reads the same from the PDF; a row whose parts the text could not place
    // (blank cells lost) is placed by the PDF's positions, and its parts add up to its total.
    expect(byPdf.rows.length).toBe(byText.rows.length);
    byText.rows.forEach((row, i) => {
      if (row[2] !== null || row[3] !== null) expect(byPdf.rows[i]).toEqual(row);
      else {
        expect(byPdf.rows[i].slice(0, 2)).toEqual(row.slice(0, 2));
        expect(Number(byPdf.rows[i][2]) + Number(byPdf.rows[i][3])).toBeCloseTo(Number(row[1]), 4);
      }
    });
    expect(pdf.functionItems.length + pdf.economicItems.length).toBeGreaterThan(20);
  });

  it('wx_rsj_2026: the 基本支出表 prints each row\'s total and one half; the PDF says which half', () => {
    const pdf = fromPdf.get('wx_rsj_2026')!;
    const econ = (code: string) => pdf.economicItems.find((r) => r.code === code)!;
    expect([econ('30101').total, econ('30101').personnel, econ('30101').publicFunds].map(fmt)).toEqual(['3720.7800', '3720.7800', '0.0000']);
    expect([econ('302').total, econ('302').personnel, econ('302').publicFunds].map(fmt)).toEqual(['1259.8200', '0.0000', '1259.8200']);
    expect([econ('30302').personnel, econ('30231').publicFunds].map(fmt)).toEqual(['1799.5300', '18.6000']);
    expect(pdf.findings.filter((f) => f.rule === 'column-undecided')).toEqual([]);
  });

  it('wx_yjzfjd_2026_unit: every function row is 基本支出 (its 项目支出 column is blank), read from the PDF\'s columns', () => {
    const pdf = fromPdf.get('wx_yjzfjd_2026_unit')!;
    const fn = (code: string) => pdf.functionItems.find((r) => r.code === code)!;
    expect([fn('2240101').total, fn('2240101').basic, fn('2240101').project].map(fmt)).toEqual(['708.9600', '708.9600', '0.0000']);
    expect([fn('2210203').basic, fn('2080505').basic].map(fmt)).toEqual(['103.4400', '90.0400']);
    expect(pdf.findings.filter((f) => f.rule === 'column-undecided')).toEqual([]);
  });
});
