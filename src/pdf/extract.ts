// The PDF front end: a published PDF's text layer, with positions, rebuilt into the same numbered
// lines the text parser reads. Rows come from y (items within a fraction of the font size share a
// row), cells from gaps in x; each line keeps its cells' x-extents so tables can place numbers by
// column. Parts of one document (_part1, _part2) become one sequence of lines.
import { createRequire } from 'node:module';
import { createInflate } from 'node:zlib';
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

/** A PDF refused by a limit (pages, time, inflated size): the message is the reason, in Chinese. */
export class PdfRefused extends Error {}

/** Extraction stopped by its abort signal (Ctrl-C): not the document's fault, so nothing is cached. */
export class PdfAborted extends Error {}

/** The most pages a document (its parts together) may have: the largest disclosures have a few hundred. */
export const MAX_PDF_PAGES = 2000;
/** Time to extract one document's text; 2,000 ordinary pages take well under a minute. */
export const PDF_BUDGET_MS = 120_000;
/**
 * The most all of a document's compressed streams may inflate to: pdf.js holds what it decodes, so
 * a 1 MB flate bomb took 2.67 GB before this bound. Budget PDFs' streams are text and small images.
 */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;

export interface ExtractOptions {
  signal?: AbortSignal;
  budgetMs?: number;
}

export interface Item {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

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

/** Items grouped into rows, top to bottom (y up): the grouping the lines and the page regions share. */
export function groupRows<T extends Item>(items: T[]): { y: number; size: number; items: T[] }[] {
  const sorted = items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rows: { y: number; size: number; items: T[] }[] = [];
  for (const it of sorted) {
    const row = rows.find((r) => Math.abs(r.y - it.y) <= Math.min(r.size, it.size) * 0.4);
    if (row) row.items.push(it);
    else rows.push({ y: it.y, size: it.size, items: [it] });
  }
  return rows.sort((a, b) => b.y - a.y);
}

/** A row's items as cells, left to right: runs of one cell joined, an amount never joined to a label. */
export function cellsOf(items: Item[]): PositionedCell[] {
  const cells: PositionedCell[] = [];
  for (const it of [...items].sort((a, b) => a.x0 - b.x0)) {
    const last = cells[cells.length - 1];
    // Less than a third of a character apart: the same cell (pdf.js splits runs of one cell) —
    // except an amount beside a label, which are two cells however close they are printed.
    if (last && it.x0 - last.x1 < it.size * 0.3 && isAmount(last.text.trim()) === isAmount(it.str.trim())) {
      last.text += it.str;
      last.x1 = Math.max(last.x1, it.x1);
    } else cells.push({ text: it.str, x0: it.x0, x1: it.x1 });
  }
  return cells.map((c) => ({ ...c, text: c.text.trim() })).filter((c) => c.text);
}

/** Rows of a page, top to bottom; cells within a row left to right. */
export function rowsOf(items: Item[]): PositionedCell[][] {
  return groupRows(items).map((r) => cellsOf(r.items));
}

/** pdf.js, loaded on first use (the PDF front end is not needed to answer). */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** What pdf.js needs to open a budget PDF here: CJK cmaps, no eval, no fonts loaded for display. */
export const PDF_OPEN_OPTIONS = {
  cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
  cMapPacked: true,
  standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
  isEvalSupported: false,
  disableFontFace: true,
  verbosity: 0,
};

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

/**
 * A page's text items in reading position, each with its matrix on the page as displayed (y down),
 * and the page's size: what the lines are made of, and where 查看原文 finds a row on the page.
 */
export async function textItemsOf(lib: PdfJs, page: PdfPage): Promise<{ width: number; height: number; items: { item: Item; matrix: number[] }[] }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: { item: Item; matrix: number[] }[] = [];
  for (const raw of content.items) {
    if (!('str' in raw) || !raw.str) continue;
    const matrix = lib.Util.transform(viewport.transform, raw.transform) as number[];
    items.push({ item: readingPosition(matrix, raw.str, raw.width), matrix });
  }
  return { width: viewport.width, height: viewport.height, items };
}

export async function pdfToLines(parts: PdfPart[], { signal, budgetMs = PDF_BUDGET_MS }: ExtractOptions = {}): Promise<PdfText> {
  const t0 = performance.now();
  const lib = await loadPdfJs();
  const lines: Line[] = [];
  const pages: PdfText['pages'] = [];
  let textItems = 0;
  let pageCount = 0;
  let inflateBudget = MAX_PDF_INFLATED_BYTES;
  for (const part of parts) {
    inflateBudget -= await inflatedSize(part.bytes, inflateBudget, signal);
  }
  for (const part of parts) {
    const doc = await lib.getDocument({ data: new Uint8Array(part.bytes), ...PDF_OPEN_OPTIONS }).promise;
    try {
      pageCount += doc.numPages;
      if (pageCount > MAX_PDF_PAGES) throw new PdfRefused(`页数 ${pageCount} 超过上限 ${MAX_PDF_PAGES}`);
      for (let p = 1; p <= doc.numPages; p++) {
        if (signal?.aborted) throw new PdfAborted('已中断');
        if (performance.now() - t0 > budgetMs) throw new PdfRefused(`提取文字超过 ${budgetMs / 1000} 秒仍未完成，已停止（读到第 ${pages.length + 1} 页）`);
        const page = await doc.getPage(p);
        const items = (await textItemsOf(lib, page)).items.map((i) => i.item);
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

/** The zlib header of a deflated stream (RFC 1950): method 8, and the check bits. */
const isZlib = (b: Uint8Array, i: number) => (b[i] & 0x0f) === 8 && ((b[i] << 8) | b[i + 1]) % 31 === 0;
const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

/**
 * How many bytes the part's deflated streams inflate to, counted as they stream through zlib and
 * never held; past `cap` the part is refused. Each stream is found by its keywords in one pass.
 */
export async function inflatedSize(bytes: Uint8Array, cap: number, signal?: AbortSignal): Promise<number> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let i = buf.indexOf(STREAM); i >= 0; i = buf.indexOf(STREAM, i + STREAM.length)) {
    if (i >= 3 && buf.toString('latin1', i - 3, i) === 'end') continue;
    let start = i + STREAM.length;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    if (!isZlib(buf, start)) continue;
    const end = buf.indexOf(END_STREAM, start);
    const data = buf.subarray(start, end < 0 ? buf.length : end);
    total += await countInflated(data, cap - total);
    if (total > cap) throw new PdfRefused(`解压后的数据超过上限 ${MAX_PDF_INFLATED_BYTES / 1024 / 1024} MB（疑似压缩炸弹）`);
    if (signal?.aborted) throw new PdfAborted('已中断');
    if (end < 0) break;
    i = end;
  }
  return total;
}

/** Bytes one zlib stream inflates to, stopping once past `cap`; a damaged stream counts what came out. */
function countInflated(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    const z = createInflate();
    const done = () => {
      z.removeAllListeners();
      z.on('error', () => {});
      z.destroy();
      resolve(n);
    };
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > cap) done();
    });
    z.on('end', done);
    z.on('error', done);
    z.end(data);
  });
}
