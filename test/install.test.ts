// The install stays small (issue 25: at most 280 MB, 376 MB before): the optional packages the
// project never runs are the stand-ins of stubs/ (see stubs/README.md), and what needed them still
// works through them — PDF text extraction, recheck's ReDoS check.
import { lstatSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';
import { pdfToLines } from '../src/pdf/extract.js';

const require = createRequire(import.meta.url);
/** Where a package resolves from inside another package (as that package's own require would). */
const resolveFrom = (from: string, name: string) => require.resolve(`${name}/package.json`, { paths: [dirname(require.resolve(`${from}/package.json`))] });

/** Disk use of a tree as du counts it: allocated blocks, links not followed. */
function diskUse(path: string): number {
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.blocks * 512;
  return st.blocks * 512 + readdirSync(path).reduce((n, name) => n + diskUse(join(path, name)), 0);
}

describe('the install', () => {
  it('is at most 280 MB', () => {
    const mb = diskUse(join(PROJECT_ROOT, 'node_modules')) / 1024 / 1024;
    expect(mb).toBeLessThanOrEqual(280);
  });

  it('has the stand-ins where the unused optional packages would be', () => {
    expect(resolveFrom('pdfjs-dist', '@napi-rs/canvas')).toBe(join(PROJECT_ROOT, 'stubs', 'pdf-text-canvas', 'package.json'));
    for (const backend of ['recheck-jar', 'recheck-linux-x64']) expect(resolveFrom('recheck', backend)).toBe(join(PROJECT_ROOT, 'stubs', 'unused-optional', 'package.json'));
  });

  it('extracts PDF text through the canvas stand-in: a page of text, and a scan said to be one', async () => {
    const pdf = (content: string) => `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n4 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj\n5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
    const text = await pdfToLines([{ name: 'hello.pdf', bytes: Buffer.from(pdf('BT /F1 12 Tf 20 150 Td (Total 1,059.54) Tj ET')) }]);
    expect(text.lines.map((l) => l.text)).toEqual(['Total 1,059.54']);
    await expect(pdfToLines([{ name: 'scan.pdf', bytes: Buffer.from(pdf('')) }])).rejects.toThrow(/扫描件|文字层/);
  });

  it('checks regular expressions with recheck without its native or Java back ends', () => {
    expect(checkSync('^(a+)+$', '').status).toBe('vulnerable');
    expect(checkSync('^a+$', '').status).toBe('safe');
  }, 120_000);
});
