// 查看原文: the printed source behind an answer's figures. A figure read from a PDF is shown as an
// image of its page — the table's title and header and the cited row, outlined; a figure read from
// a text layer or a Word file as the cited lines quoted, the row marked. At most three pages are
// drawn; the rest are listed. A file that has moved since ingest is said so, never guessed at.
import { existsSync } from 'node:fs';
import { createAnswer, type Answer, type Attachment, type Citation } from '../core/answer.js';
import { splitLines } from '../parse/front/lines.js';
import { documentText } from '../store/parse-input.js';
import { pageRows, type PageRows } from './page-rows.js';
import { composeRegion, cropFor, renderPagePng, RenderUnavailable } from './render-page.js';

/** Pages drawn per answer; the others are listed by page. */
export const MAX_IMAGES = 3;
/** Lines quoted around a cited line of a text. */
const CONTEXT_LINES = 2;
/** Cited lines quoted per answer (a /search page cites twenty): the rest are counted. */
export const MAX_QUOTED = 12;

export interface SourceLookup {
  /** Where a document or PDF part lay at ingest, or null. */
  sourcePath(name: string): string | null;
  /** The line a PDF page starts at in a document's lines, or null. */
  pageFirstLine(source: string, file: string, page: number): number | null;
}

export interface SourceView {
  /** What to post: the quoted excerpts, what was drawn, and what could not be. */
  answer: Answer;
  /** The page images, one per cited page (at most MAX_IMAGES). */
  images: Attachment[];
}

/** What each citation backs in the answer, for alt text ("“三公”经费 1.50 万元"). */
function backing(answer: Answer, index: number): string[] {
  const n = index + 1;
  const fields = answer.fields.filter((f) => f.cite === n).map((f) => `${f.label} ${f.value}`);
  const rows = answer.tables.flatMap((t) => t.rows.filter((_, r) => t.cites?.[r]?.includes(n)).map((row) => row.filter(Boolean).slice(0, 3).join(' ')));
  return [...fields, ...rows].slice(0, 3);
}

interface CitedPage { file: string; page: number; source: string; table: string; lines: number[]; figures: string[]; department: string; year: number }
interface CitedText { source: string; table: string; lines: number[]; figures: string[] }

/** The answer's citations grouped: PDF pages in order of first citation, texts by document. */
function group(answer: Answer): { pages: CitedPage[]; texts: CitedText[] } {
  const pages = new Map<string, CitedPage>();
  const texts = new Map<string, CitedText>();
  answer.citations.forEach((c: Citation, i) => {
    const lines = c.lines?.length ? c.lines : [c.line];
    const figures = backing(answer, i);
    if (c.file && c.page) {
      const key = `${c.file}#${c.page}`;
      const at = pages.get(key) ?? { file: c.file, page: c.page, source: c.source, table: c.table, lines: [], figures: [], department: c.department, year: c.year };
      at.lines.push(...lines);
      at.figures.push(...figures);
      pages.set(key, at);
    } else {
      const key = `${c.source}#${c.table}`;
      const at = texts.get(key) ?? { source: c.source, table: c.table, lines: [], figures: [] };
      at.lines.push(...lines);
      at.figures.push(...figures);
      texts.set(key, at);
    }
  });
  return { pages: [...pages.values()], texts: [...texts.values()] };
}

/** A path recorded at ingest, or why it cannot be used. */
function located(lookup: SourceLookup, name: string): { path: string } | { problem: string } {
  const path = lookup.sourcePath(name);
  if (!path) return { problem: `${name}：数据库里没有记录原文件的位置（请重新运行 budget-bot ingest）` };
  if (!existsSync(path)) return { problem: `${name}：原文件已不在 ${path}（已移动或删除），无法显示原文` };
  return { path };
}

/** Lines around the cited ones, the cited marked ▶, with the table's title when it is near. */
export function excerpt(all: { no: number; text: string }[], cited: number[], table: string): string[] {
  const want = new Set<number>();
  for (const line of cited) for (let k = line - CONTEXT_LINES; k <= line + CONTEXT_LINES; k++) want.add(k);
  const printed = all.filter((l) => l.text.trim());
  const out = [`「${table}」`];
  let shownAt = -1;
  printed.forEach((l, i) => {
    if (!want.has(l.no)) return;
    // Printed lines left out between two shown ones (blank lines are not worth a mark).
    if (shownAt >= 0 && i > shownAt + 1) out.push('  …');
    out.push(`${cited.includes(l.no) ? '▶' : ' '} 第 ${l.no} 行  ${l.text.trim().replace(/\s+/g, ' ').slice(0, 160)}`);
    shownAt = i;
  });
  return out;
}

/** The rows of a PDF page as numbered lines (the page's first line given), for an excerpt. */
const pageLines = (rows: PageRows, first: number) => rows.rows.map((r, k) => ({ no: first + k, text: r.text }));

export async function sourceView(answer: Answer, lookup: SourceLookup): Promise<SourceView> {
  const b = createAnswer(`查看原文：${answer.title}`);
  const view = b.answer;
  const images: Attachment[] = [];
  const { pages, texts } = group(answer);
  const drawn: string[] = [];
  for (const [i, p] of pages.entries()) {
    const label = `${p.file} 第 ${p.page} 页`;
    if (i >= MAX_IMAGES) {
      view.notes.push(`另有引用：${label}（第 ${[...new Set(p.lines)].join('、')} 行），未绘出：每次最多 ${MAX_IMAGES} 页。`);
      continue;
    }
    const where = located(lookup, p.file);
    if ('problem' in where) {
      view.notes.push(where.problem);
      continue;
    }
    const first = lookup.pageFirstLine(p.source, p.file, p.page);
    if (first === null) {
      view.notes.push(`${label}：数据库里没有这一页的记录，无法定位。`);
      continue;
    }
    let rows: PageRows;
    try {
      rows = await pageRows(where.path, p.page);
    } catch (err) {
      view.notes.push(`${label}：无法读取这一页（${(err as Error).message.slice(0, 80)}）。`);
      continue;
    }
    const indexes = [...new Set(p.lines)].map((line) => line - first);
    try {
      const crop = cropFor(rows, indexes, p.table);
      const region = await composeRegion(renderPagePng(where.path, p.page), rows, crop, `${p.file} 第 ${p.page} 页 · ${p.table}`);
      const figures = [...new Set(p.figures)].join('；');
      images.push({
        name: `原文-${p.file.replace(/\.pdf$/i, '')}-第${p.page}页.png`,
        contentType: 'image/png',
        data: region.png,
        altText: `${p.department} ${p.year}年《${p.file}》第 ${p.page} 页，${p.table}，第 ${indexes.map((k) => first + k).join('、')} 行${figures ? `：${figures}` : ''}（红框为引用的行）`.slice(0, 1000),
      });
      drawn.push(label);
    } catch (err) {
      // Not drawable here (no renderer, a timeout, a row not found): the page's text instead.
      const why = err instanceof RenderUnavailable ? err.message : '无法在页面上定位引用的行';
      view.notes.push(`${label}：${why}，以下为这一页的文字摘录。`);
      view.notes.push(excerpt(pageLines(rows, first), [...new Set(p.lines)], p.table).join('\n'));
    }
  }
  let quoted = 0;
  let left = 0;
  for (const t of texts) {
    if (quoted >= MAX_QUOTED) {
      left += new Set(t.lines).size;
      continue;
    }
    t.lines = [...new Set(t.lines)].slice(0, MAX_QUOTED - quoted);
    quoted += t.lines.length;
    const where = located(lookup, t.source);
    if ('problem' in where) {
      view.notes.push(where.problem);
      continue;
    }
    try {
      const format = /\.docx?$/i.test(where.path) ? 'docx' : 'txt';
      const lines = splitLines(documentText(format, where.path, t.source));
      view.notes.push(`${t.source}：\n${excerpt(lines, [...new Set(t.lines)], t.table).join('\n')}`);
    } catch (err) {
      view.notes.push(`${t.source}：无法读取原文件（${(err as Error).message.slice(0, 80)}）。`);
    }
  }
  if (left) view.notes.push(`另有 ${left} 处引用未摘录：每次最多摘录 ${MAX_QUOTED} 处（用“详细出处”查看全部出处）。`);
  view.summary = drawn.length
    ? `原文图片 ${drawn.length} 张（${drawn.join('；')}），红框为引用的行。`
    : texts.length && !pages.length
      ? '引用的内容读自文字版文件，以下为原文摘录（▶ 为引用的行）。'
      : answer.citations.length
        ? '没有可以绘出的原文页面，见下方说明。'
        : '这个回答没有引用原文。';
  return { answer: view, images };
}
