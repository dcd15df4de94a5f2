// Ingest time per PDF: text extraction (pdf.js) and parsing, each document's parts together.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLines } from '../src/parse/index.js';
import { DEFAULT_PDF_DIR } from '../src/paths.js';
import { groupParts, pdfToLines } from '../src/pdf/extract.js';

console.log('PDF | parts | pages | MB | extract ms | parse ms');
console.log('---|---|---|---|---|---');
for (const { stem, parts } of groupParts(readdirSync(DEFAULT_PDF_DIR).filter((f) => f.endsWith('.pdf')))) {
  const files = parts.map((p) => ({ name: p, bytes: readFileSync(join(DEFAULT_PDF_DIR, p)) }));
  const t0 = performance.now();
  const text = await pdfToLines(files);
  const t1 = performance.now();
  parseLines(text.lines, `${stem}.pdf`);
  const t2 = performance.now();
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;
  console.log(`${stem} | ${parts.length} | ${text.pages.length} | ${mb.toFixed(2)} | ${(t1 - t0).toFixed(0)} | ${(t2 - t1).toFixed(1)}`);
}
