// One PDF page's rows as the ingest read them (the same grouping, so the k-th row is the page's
// k-th line), each with the box it is printed in on the page: what a crop of the printed page is
// cut from and what it outlines.
import { readFileSync } from 'node:fs';
import { cellsOf, groupRows, loadPdfJs, PDF_OPEN_OPTIONS, textItemsOf, type Item } from '../pdf/extract.js';

/** A box on the page in PDF points at scale 1, y down (the page as it is displayed). */
export interface Box { x0: number; y0: number; x1: number; y1: number }

export interface PageRow { text: string; box: Box }

export interface PageRows {
  width: number;
  height: number;
  rows: PageRow[];
}

interface PlacedItem extends Item { box: Box }

/** The box an item covers on the displayed page: its reading-frame extent turned back by its direction. */
function displayedBox(m: number[], item: Item): Box {
  const angle = Math.atan2(m[1], m[0]);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Reading frame: x along the text, y up; an item reaches about a font size above its baseline.
  const corners = [[item.x0, item.y - item.size * 0.2], [item.x1, item.y - item.size * 0.2], [item.x0, item.y + item.size * 0.95], [item.x1, item.y + item.size * 0.95]];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, yUp] of corners) {
    const yr = -yUp;
    xs.push(x * cos - yr * sin);
    ys.push(x * sin + yr * cos);
  }
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** The smallest box holding all of them. */
export const boxAround = (boxes: Box[]): Box => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});

/** The rows of page `page` (1-based) of the PDF at `path`, top to bottom, with their boxes. */
export async function pageRows(path: string, page: number): Promise<PageRows> {
  const lib = await loadPdfJs();
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(path)), ...PDF_OPEN_OPTIONS }).promise;
  try {
    if (page < 1 || page > doc.numPages) throw new Error(`第 ${page} 页不存在（共 ${doc.numPages} 页）`);
    const p = await doc.getPage(page);
    const { width, height, items: placed } = await textItemsOf(lib, p);
    const items: PlacedItem[] = placed.map(({ item, matrix }) => ({ ...item, box: displayedBox(matrix, item) }));
    // The row's text exactly as the ingest made the line (its cells joined by spaces).
    const rows = groupRows(items).map((r) => ({ text: cellsOf(r.items).map((c) => c.text).join(' '), box: boxAround(r.items.map((i) => i.box)) }));
    p.cleanup();
    return { width, height, rows };
  } finally {
    await doc.destroy();
  }
}
