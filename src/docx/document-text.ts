// WordprocessingML (word/document.xml) → the text the parser reads. Body paragraphs become lines
// (a tab as a tab, a line break as a new line); each table row becomes ONE line of its cells
// separated by tabs, empty cells kept and merged cells expanded so that every row has a cell per
// grid column — the 'tabbed' layout (front/lines.ts detectLayout). A page break becomes a form feed
// before the next line. Deleted text, field codes and the fallback copy of alternate content are
// left out; text boxes are read where they are anchored.
import { tokenize, XmlError } from './xml.js';

const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
/** Subtrees whose text is not the document's: tracked deletions, moved-away text, properties. */
const SKIPPED = new Set(['del', 'moveFrom', 'rPr', 'tblPr', 'tblGrid', 'sectPr', 'instrText', 'delInstrText']);

type Piece = string | { br: 'line' | 'page' | 'rendered' };
interface Paragraph { pieces: Piece[]; pageBefore: boolean }
interface Cell { paras: string[]; span: number; merged: boolean }
interface Row { cells: Cell[]; before: number; after: number; page: boolean }

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Two pieces of one cell's text: Chinese runs on without a space, anything else keeps words apart. */
function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return CJK.test(a[a.length - 1]) || CJK.test(b[0]) ? a + b : `${a} ${b}`;
}

/** Word allows 63 columns; more is a hostile file trying to make each row huge. */
const MAX_SPAN = 64;
/**
 * The most text (UTF-8 bytes) a Word file may hold: what a .txt may hold (MAX_DOCUMENT_BYTES), so a
 * .docx cannot carry three times as much past the text limit (15 million characters stalled ingest
 * past 120 s).
 */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

const on = (v: string | undefined) => v === undefined || !/^(0|false|off)$/i.test(v);

export function documentText(xml: string, maxBytes = MAX_TEXT_BYTES): string {
  const out: string[] = [];
  let pendingPage = false;
  let bytes = 0;
  const emit = (line: string) => {
    out.push(pendingPage ? `\f${line}` : line);
    pendingPage = false;
    bytes += Buffer.byteLength(line) + 2;
    if (bytes > maxBytes) throw new XmlError(`正文过长（文字超过 ${size(maxBytes)}，与文本文件的上限相同），不像是一份预算公开文件`);
  };

  const prefixes = new Map<string, string>();
  const paras: Paragraph[] = [];
  const cells: Cell[] = [];
  const rows: Row[] = [];
  /** For each open table, how many cells were open outside it (0: a table of the body). */
  const tables: number[] = [];
  const path: string[] = [];
  let skipUntil = -1;
  let inText = false;

  const prefixOf = (name: string) => name.slice(0, Math.max(0, name.indexOf(':')));
  const localOf = (name: string) => name.slice(name.indexOf(':') + 1);
  const isW = (prefix: string) => {
    const ns = prefixes.get(prefix);
    return ns === undefined ? prefix === 'w' : W_NS.has(ns);
  };
  /** The local name of a WordprocessingML element, else null. */
  const wName = (name: string) => (isW(prefixOf(name)) ? localOf(name) : null);

  /** A finished paragraph into its container: lines of the body, or text of the innermost cell. */
  function closeParagraph(p: Paragraph) {
    if (cells.length) {
      const text = p.pieces.map((x) => (typeof x === 'string' ? x.replace(/\t/g, ' ') : x.br === 'rendered' ? '' : ' ')).join('').trim();
      const row = rows[rows.length - 1];
      if (row && p.pieces.some((x) => typeof x !== 'string' && x.br !== 'line')) row.page = true;
      cells[cells.length - 1].paras.push(text);
      return;
    }
    if (p.pageBefore) pendingPage = true;
    let line = '';
    let broke = false;
    for (const x of p.pieces) {
      if (typeof x === 'string') line += x;
      else if (x.br === 'line') {
        emit(line);
        line = '';
      } else if (x.br === 'page') {
        if (line) emit(line);
        line = '';
        pendingPage = broke = true;
      } else if (!line) {
        // Where Word last broke the page: a page start only before any text of the paragraph, so
        // a sentence that ran over a page stays one line.
        pendingPage = true;
      }
    }
    // A paragraph holding only a page break is the break, not an empty line.
    if (line || !broke) emit(line);
  }

  function closeRow(row: Row) {
    const texts: string[] = Array<string>(row.before).fill('');
    for (const c of row.cells) {
      texts.push(c.merged ? '' : c.paras.reduce(joinText, ''));
      for (let k = 1; k < c.span; k++) texts.push('');
    }
    for (let k = 0; k < row.after; k++) texts.push('');
    const outer = tables[tables.length - 1];
    if (outer > 0) {
      // A table inside a cell: its rows become that cell's lines of text, cells a space apart.
      cells[outer - 1].paras.push(texts.filter(Boolean).join(' '));
    } else {
      if (row.page) pendingPage = true;
      emit(texts.join('\t'));
    }
  }

  const intVal = (attrs: Record<string, string>, fallback: number) => {
    const v = Number.parseInt(Object.entries(attrs).find(([k]) => k.endsWith(':val'))?.[1] ?? '', 10);
    return Number.isFinite(v) && v >= 0 ? Math.min(v, MAX_SPAN) : fallback;
  };
  const val = (attrs: Record<string, string>) => Object.entries(attrs).find(([k]) => k.endsWith(':val') || k === 'val')?.[1];
  const typeOf = (attrs: Record<string, string>) => Object.entries(attrs).find(([k]) => k.endsWith(':type'))?.[1];

  for (const t of tokenize(xml)) {
    if (t.kind === 'text') {
      if (inText && skipUntil < 0 && paras.length) paras[paras.length - 1].pieces.push(t.text.replace(/[\r\n\f\v]/g, ' '));
      continue;
    }
    if (t.kind === 'close') {
      const depth = path.length;
      path.pop();
      if (skipUntil >= 0) {
        if (depth === skipUntil) skipUntil = -1;
        continue;
      }
      endElement(t.name);
      continue;
    }
    for (const [k, v] of Object.entries(t.attrs)) if (k === 'xmlns' || k.startsWith('xmlns:')) prefixes.set(k.slice(6), v);
    if (!t.selfClosing) path.push(t.name);
    if (skipUntil >= 0) continue;
    const prefix = prefixOf(t.name);
    const local = localOf(t.name);
    const w = isW(prefix);
    if ((w && SKIPPED.has(local)) || (prefixes.get(prefix) === MC_NS && local === 'Fallback')) {
      if (!t.selfClosing) skipUntil = path.length;
      continue;
    }
    if (!w) continue;
    const parent = path[path.length - (t.selfClosing ? 1 : 2)] ?? '';
    const inRun = wName(parent) === 'r';
    const para = paras[paras.length - 1];
    switch (local) {
      case 'p':
        paras.push({ pieces: [], pageBefore: false });
        if (t.selfClosing) closeParagraph(paras.pop()!);
        break;
      case 'pageBreakBefore':
        if (para && on(val(t.attrs))) para.pageBefore = true;
        break;
      case 't':
        inText = inRun && !t.selfClosing;
        break;
      case 'tab':
      case 'ptab':
        if (inRun && para) para.pieces.push('\t');
        break;
      case 'br':
      case 'cr':
        if (inRun && para) para.pieces.push({ br: typeOf(t.attrs) === 'page' ? 'page' : 'line' });
        break;
      case 'lastRenderedPageBreak':
        if (inRun && para) para.pieces.push({ br: 'rendered' });
        break;
      case 'noBreakHyphen':
        if (inRun && para) para.pieces.push('-');
        break;
      case 'tbl':
        tables.push(cells.length);
        break;
      case 'tr':
        rows.push({ cells: [], before: 0, after: 0, page: false });
        break;
      case 'gridBefore':
        if (rows.length) rows[rows.length - 1].before = intVal(t.attrs, 0);
        break;
      case 'gridAfter':
        if (rows.length) rows[rows.length - 1].after = intVal(t.attrs, 0);
        break;
      case 'tc':
        cells.push({ paras: [], span: 1, merged: false });
        if (t.selfClosing) endElement(t.name);
        break;
      case 'gridSpan':
        if (cells.length) cells[cells.length - 1].span = Math.max(1, intVal(t.attrs, 1));
        break;
      case 'hMerge':
      case 'vMerge':
        // "restart" opens a merged region and keeps its text; a continuation (no value) is empty.
        if (cells.length && val(t.attrs) !== 'restart') cells[cells.length - 1].merged = true;
        break;
    }
  }
  return out.join('\n');

  function endElement(name: string) {
    switch (wName(name)) {
      case 't':
        inText = false;
        break;
      case 'p':
        if (paras.length) closeParagraph(paras.pop()!);
        break;
      case 'tc': {
        const cell = cells.pop();
        if (cell && rows.length) rows[rows.length - 1].cells.push(cell);
        break;
      }
      case 'tr': {
        const row = rows.pop();
        if (row && tables.length) closeRow(row);
        break;
      }
      case 'tbl':
        tables.pop();
        break;
    }
  }
}
