// The printed page behind a figure: the cited page rendered (poppler's pdftoppm, run with a time
// bound), cut down to the table's title and header and the cited row, the row outlined in red.
// pdf.js cannot draw in Node without a native canvas (33 MB, over the install budget), so the page
// is drawn by poppler where it is installed; where it is not, the caller quotes the text instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_FONT_FILE } from '../render/chart-font.js';
import { boxAround, type Box, type PageRows } from './page-rows.js';

/** 150 dpi: a 9-pt CJK character is about 19 pixels high, legible on a phone. */
export const RENDER_DPI = 150;
/** The widest and tallest an image may be, in pixels (larger regions are scaled down to fit). */
export const MAX_IMAGE_PX = { width: 1800, height: 2000 };
/** How long one page may take to render before the excerpt is given instead. */
export const RENDER_TIMEOUT_MS = 15_000;

const SCALE = RENDER_DPI / 72;
/** Around a crop, in points: wide enough for a ruled cell's border, short of the next row's ink. */
const MARGIN = { x: 8, y: 5 };
/** The caption above the crop (file, page, table), in pixels. */
const CAPTION_PX = { height: 40, font: 20 };

export class RenderUnavailable extends Error {}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bands of the page an image shows: the title and header, and the cited rows, in page points. */
export interface Crop {
  bands: Box[];
  /** The outlined rows, in page points. */
  marked: Box[];
}

/**
 * What to show of a page: from the table's title (where the page prints it) through its header, and
 * the cited rows with a row of context each side; one band where they are close. A table begun on
 * an earlier page shows the cited rows alone (the caption names the table).
 */
export function cropFor(page: PageRows, cited: number[], title: string | undefined): Crop {
  const rows = page.rows.map((r) => r.box);
  const marked = cited.filter((k) => k >= 0 && k < rows.length).map((k) => rows[k]);
  if (!marked.length) throw new RangeError('cited row not on the page');
  const first = Math.min(...cited);
  const last = Math.max(...cited);
  const normalize = (text: string) => text.replace(/\s+/g, '');
  const titleAt = title ? page.rows.findIndex((r, k) => k <= first && normalize(r.text).includes(normalize(title).slice(0, 12))) : -1;
  // The header: the rows after the title down to the first that carries figures (amounts), at most six.
  let headEnd = titleAt;
  while (titleAt >= 0 && headEnd + 1 < first && headEnd - titleAt < 6 && !/\d+\.\d{2}/.test(page.rows[headEnd + 1].text)) headEnd++;
  // A row of context each side, below the header and printed close by (not the page's folio far below).
  const near = (k: number, to: Box) => k > headEnd && k < rows.length && Math.abs(rows[k].y0 - to.y0) < 3 * (to.y1 - to.y0);
  const body = boxAround([...marked, ...(near(first - 1, rows[first]) ? [rows[first - 1]] : []), ...(near(last + 1, rows[last]) ? [rows[last + 1]] : [])]);
  const head = titleAt >= 0 ? boxAround(rows.slice(titleAt, headEnd + 1)) : null;
  const all = head ? boxAround([head, body]) : body;
  const widen = (b: Box): Box => ({ x0: Math.max(0, all.x0 - MARGIN.x), x1: Math.min(page.width, all.x1 + MARGIN.x), y0: Math.max(0, b.y0 - MARGIN.y), y1: Math.min(page.height, b.y1 + MARGIN.y) });
  // Close enough to show whole (less than a few rows apart): one band keeps the table's look.
  const bands = !head ? [widen(body)] : body.y0 - head.y1 < 120 ? [widen(all)] : [widen(head), widen(body)];
  return { bands, marked };
}

/** The page as a PNG at RENDER_DPI, drawn by pdftoppm; RenderUnavailable when it cannot be. */
export function renderPagePng(pdfPath: string, page: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'budget-page-'));
  try {
    const out = join(dir, 'page');
    const r = spawnSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(RENDER_DPI), '-png', '-singlefile', pdfPath, out], { timeout: RENDER_TIMEOUT_MS, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new RenderUnavailable('本机没有安装 PDF 渲染程序（poppler-utils 的 pdftoppm）');
    if (r.signal || r.error) throw new RenderUnavailable(`渲染第 ${page} 页超过 ${RENDER_TIMEOUT_MS / 1000} 秒，已停止`);
    if (r.status !== 0) throw new RenderUnavailable(`无法渲染第 ${page} 页（${(r.stderr ?? '').trim().slice(0, 80) || `退出码 ${r.status}`}）`);
    return readFileSync(`${out}.png`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RenderedRegion {
  png: Uint8Array;
  width: number;
  height: number;
  crop: Crop;
}

/**
 * The crop of a rendered page as one PNG: its bands stacked (a dashed rule where rows are left out),
 * the cited rows outlined; scaled down to MAX_IMAGE_PX when larger.
 */
export async function composeRegion(pagePng: Buffer, page: PageRows, crop: Crop, caption: string): Promise<RenderedRegion> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const href = `data:image/png;base64,${pagePng.toString('base64')}`;
  const gap = 14;
  const px = (v: number) => Math.round(v * SCALE);
  const width = px(Math.max(...crop.bands.map((b) => b.x1 - b.x0)));
  // What the picture is, above it, so it reads on its own when forwarded (the file, page and table).
  const parts: string[] = [`<rect width="${width}" height="${CAPTION_PX.height}" fill="#f2f2f2"/><text x="10" y="${Math.round(CAPTION_PX.height * 0.68)}" font-family="Noto Sans SC" font-size="${CAPTION_PX.font}" fill="#333">${xmlText(caption)}</text>`];
  let y = CAPTION_PX.height;
  crop.bands.forEach((band, i) => {
    const h = px(band.y1 - band.y0);
    if (i > 0) {
      parts.push(`<line x1="0" x2="${width}" y1="${y + gap / 2}" y2="${y + gap / 2}" stroke="#888" stroke-width="2" stroke-dasharray="8 6"/>`);
      y += gap;
    }
    // The page image shifted so the band's corner is at (0, y), clipped to the band.
    parts.push(`<svg x="0" y="${y}" width="${width}" height="${h}" viewBox="${px(band.x0)} ${px(band.y0)} ${width} ${h}"><image href="${href}" x="0" y="0" width="${px(page.width)}" height="${px(page.height)}"/>`);
    for (const m of crop.marked.filter((b) => b.y1 > band.y0 && b.y0 < band.y1)) {
      parts.push(`<rect x="${px(m.x0) - 4}" y="${px(m.y0) - 3}" width="${px(m.x1 - m.x0) + 8}" height="${px(m.y1 - m.y0) + 6}" fill="none" stroke="#d0021b" stroke-width="3"/>`);
    }
    parts.push('</svg>');
    y += h;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  const fit = Math.min(1, MAX_IMAGE_PX.width / width, MAX_IMAGE_PX.height / y);
  // Off the event loop (libuv's pool): drawing a page took ≈0.2 s the bot could not acknowledge anything in.
  const rendered = await renderAsync(svg, { fitTo: fit < 1 ? { mode: 'zoom', value: fit } : { mode: 'original' }, font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'Noto Sans SC' } });
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height, crop };
}
