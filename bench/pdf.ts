// Ingest time per PDF: text extraction (pdf.js) and parsing, each document's parts together.
// The PDFs are the outside corpus in ../shared/corpus/pdf (never committed), or a folder given as
// the first argument: `tsx bench/pdf.ts DIR`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseLines } from '../src/parse/index.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { groupParts, pdfToLines } from '../src/pdf/extract.js';

const shared = resolve(process.env.BUDGET_BOT_SHARED ?? join(PROJECT_ROOT, '..', 'shared'));
const dir = resolve(process.argv[2] ?? join(shared, 'corpus', 'pdf'));
if (!existsSync(dir)) {
  console.log(`PDF benchmark skipped: no PDFs at ${dir} (the corpus is read from ../shared/corpus/pdf beside the checkout; or pass a folder of PDFs: tsx bench/pdf.ts DIR).`);
  process.exit(0);
}

console.log(`PDFs of ${dir}`);
console.log('PDF | parts | pages | MB | extract ms | parse ms');
console.log('---|---|---|---|---|---');
for (const { stem, parts } of groupParts(readdirSync(dir).filter((f) => f.endsWith('.pdf')))) {
  const files = parts.map((p) => ({ name: p, bytes: readFileSync(join(dir, p)) }));
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;
  // A document the parser cannot read yet is timed as far as it got and named, not the end of the run.
  const t0 = performance.now();
  let pages = '—';
  let failed = '';
  let t1 = t0;
  try {
    const text = await pdfToLines(files);
    pages = String(text.pages.length);
    t1 = performance.now();
    parseLines(text.lines, `${stem}.pdf`);
  } catch (err) {
    failed = ` (${(err as Error).message})`;
  }
  const t2 = performance.now();
  if (t1 === t0) t1 = t2;
  console.log(`${stem} | ${parts.length} | ${pages} | ${mb.toFixed(2)} | ${(t1 - t0).toFixed(0)} | ${(t2 - t1).toFixed(1)}${failed}`);
}
