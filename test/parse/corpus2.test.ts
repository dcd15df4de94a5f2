// The parser on seventeen more provinces' real disclosures (../shared/corpus2, read at run time, never
// copied into the project; skipped where ../shared is absent): every hand-read figure of
// ../shared/gold/corpus2.json read right — from the text layers and from the PDFs — and none wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { parseDocument, parseLines, type Disclosure } from '../../src/parse/index.js';
import { pdfToLines } from '../../src/pdf/extract.js';
import { CORPUS2_GOLD_FILE, CORPUS2_PDF_DIR, CORPUS2_TEXT_DIR, describeCorpus2 } from '../support/corpus.js';

interface Gold { source: string; department?: string; year: number; scope?: string; [field: string]: unknown }
const FIELDS = ['expenditure_total', 'basic', 'project', 'three_public', 'personnel', 'public_funds'] as const;
const bare = (s: string) => s.replace(/[（(](本级|汇总|机关)[)）]|本级$|机关$/g, '');
const pick = (all: Disclosure[], g: Gold) => all.find((x) => x.scope === (g.scope ?? '部门')) ?? all[0];

/** Each gold figure of one document: 'right', 'absent' or 'wrong …'. */
function score(d: Disclosure, g: Gold): string[] {
  const out = [
    d.year === g.year ? 'right' : `wrong year ${d.year}`,
    !g.department || bare(d.department).endsWith(bare(g.department)) || bare(g.department).endsWith(bare(d.department)) ? 'right' : `wrong department ${d.department}`,
  ];
  for (const f of FIELDS) {
    const want = [g[f], g[`${f}_alt`]].filter((x) => x !== undefined && x !== null && x !== '').map((x) => Number(String(x).replace(/,/g, '')));
    if (!want.length) continue;
    const got = d.totals.get(f)?.value;
    out.push(!got ? `absent ${f}` : want.some((w) => Math.abs(got.toNumber() - w) <= 0.01) ? 'right' : `wrong ${f}: ${got} vs ${want.join(' or ')}`);
  }
  return out;
}

describeCorpus2('seventeen more provinces against the hand-read gold', () => {
  const gold = (JSON.parse(readFileSync(CORPUS2_GOLD_FILE!, 'utf8')).documents as Gold[]).filter((g) => g.year);

  it.each(gold.map((g) => [g.source, g] as const))('%s (text layer): every figure right, none absent, none wrong', (_, g) => {
    const d = pick(parseDocument(readFileSync(join(CORPUS2_TEXT_DIR!, g.source), 'utf8'), g.source), g);
    expect(score(d, g).filter((s) => s !== 'right')).toEqual([]);
  });

  describe2PDFs(gold);
});

/** The same documents from their PDFs: none wrong; absent allowed only where listed with its reason. */
function describe2PDFs(gold: Gold[]) {
  const fromPdf = new Map<string, Disclosure>();
  beforeAll(async () => {
    for (const g of gold) {
      const name = g.source.replace(/\.txt$/, '.pdf');
      const lines = await pdfToLines([{ name, bytes: readFileSync(join(CORPUS2_PDF_DIR!, name)) }]);
      fromPdf.set(g.source, pick(parseLines(lines.lines, name), g));
    }
  }, 600_000);

  it.each(gold.map((g) => [g.source, g] as const))('%s (PDF): every figure right, none absent, none wrong', (_, g) => {
    expect(score(fromPdf.get(g.source)!, g).filter((s) => s !== 'right')).toEqual([]);
  });
}
