// The PDF front end: a published PDF's text layer, with positions, rebuilt into the same numbered
// lines the text parser reads. Rows come from y (items within a fraction of the font size share a
// row), cells from gaps in x; each line keeps its cells' x-extents so tables can place numbers by
// column. Parts of one document (_part1, _part2) become one sequence of lines.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Line, PositionedCell } from '../parse/front/lines.js';
import { addTo } from '../multimap.js';

const isAmount = (s: string) => /^-?[\d,]+(?:\.\d+)?$/.test(s);

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

export interface PdfPart {
  name: string;
  bytes: Uint8Array;
}

export interface PdfText {
  lines: Line[];
  /** For each page, the first line on it: provenance for citations ("第 14 页"). */
  pages: { line: number; file: string; page: number }[];
  textItems: number;
}

export class ScannedPdfError extends Error {}

interface Item {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * An item's position in reading orientation. Some publishers draw landscape tables as rotated
 * text; turning each item back by its own text direction makes rows horizontal again. `m` is the
 * item's matrix in viewport space (y down); the result has y up, as rowsOf expects.
 */
export function readingPosition(m: number[], str: string, width: number): Item {
  const [a, b, c, d, e, f] = m;
  const angle = Math.atan2(b, a);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const x = e * cos + f * sin;
  const y = -e * sin + f * cos;
  // pdf.js gives `width` in page units along the text direction already.
  return { str, x0: x, x1: x + width, y: -y, size: Math.hypot(c, d) || Math.hypot(a, b) || 10 };
}
let pdfjs: Promise<PdfJs> | null = null;

/** Rows of a page, top to bottom; cells within a row left to right. */
export function rowsOf(items: Item[]): PositionedCell[][] {
  const sorted = items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rows: { y: number; size: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const row = rows.find((r) => Math.abs(r.y - it.y) <= Math.min(r.size, it.size) * 0.4);
    if (row) row.items.push(it);
    else rows.push({ y: it.y, size: it.size, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows.map((r) => {
    const cells: PositionedCell[] = [];
    for (const it of r.items.sort((a, b) => a.x0 - b.x0)) {
      const last = cells[cells.length - 1];
      // Less than a third of a character apart: the same cell (pdf.js splits runs of one cell) —
      // except an amount beside a label, which are two cells however close they are printed.
      if (last && it.x0 - last.x1 < it.size * 0.3 && isAmount(last.text.trim()) === isAmount(it.str.trim())) {
        last.text += it.str;
        last.x1 = Math.max(last.x1, it.x1);
      } else cells.push({ text: it.str, x0: it.x0, x1: it.x1 });
    }
    return cells.map((c) => ({ ...c, text: c.text.trim() })).filter((c) => c.text);
  });
}

export async function pdfToLines(parts: PdfPart[]): Promise<PdfText> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  const lines: Line[] = [];
  const pages: PdfText['pages'] = [];
  let textItems = 0;
  for (const part of parts) {
    const doc = await lib.getDocument({
      data: new Uint8Array(part.bytes),
      cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
      cMapPacked: true,
      standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
    try {
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const items: Item[] = [];
        for (const raw of content.items) {
          if (!('str' in raw) || !raw.str) continue;
          items.push(readingPosition(lib.Util.transform(viewport.transform, raw.transform) as number[], raw.str, raw.width));
        }
        textItems += items.filter((i) => i.str.trim()).length;
        pages.push({ line: lines.length + 1, file: part.name, page: p });
        rowsOf(items).forEach((cells, k) => {
          lines.push({ no: lines.length + 1, text: cells.map((c) => c.text).join(' '), pageStart: k === 0, cells });
        });
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
  }
  if (textItems === 0) throw new ScannedPdfError('扫描件：PDF 没有文字层，无法读取（暂不做文字识别 OCR）');
  return { lines, pages, textItems };
}

/** Groups PDF file names into documents: x_part1.pdf and x_part2.pdf are one document, x. */
export function groupParts(names: string[]): { stem: string; parts: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const stem = n.replace(/(?:[_-]part\d+)?\.pdf$/i, '');
    addTo(groups, stem, n);
  }
  return [...groups.entries()].map(([stem, parts]) => ({ stem, parts: parts.sort((a, b) => partNo(a) - partNo(b)) }));
}

function partNo(name: string): number {
  return Number(/[_-]part(\d+)\.pdf$/i.exec(name)?.[1] ?? 0);
}
