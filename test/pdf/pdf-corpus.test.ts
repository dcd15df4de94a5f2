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

  it.each(docs.map((d) => d.stem))('%s: same figures as its text layer', (stem) => {
    const text = parseDocument(readFileSync(join(CORPUS_TEXT_DIR!, `${stem}.txt`), 'utf8'), `${stem}.txt`)[0];
    const pdf = fromPdf.get(stem)!;
    expect(figures(pdf)).toEqual(figures(text));
    expect(pdf.functionItems.length + pdf.economicItems.length).toBeGreaterThan(20);
  });
});
