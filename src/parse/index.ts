// The parser's entry: the bytes of one document in, its disclosures out, or a reason in Chinese
// why it could not be read. No I/O here: the caller reads the file.
import { checkDeadline } from '../core/deadline.js';
import { detectMeta } from './segment/metadata.js';
import { buildDisclosure } from './disclosure.js';
import { detectLayout, splitLines, type Layout, type Line } from './front/lines.js';
import { statedTotals } from './read/narrative.js';
import { disclosureStarts, findTables, splitGluedTitles } from './segment/tables.js';
import { printsTwoDecimals } from './front/tokens.js';
import type { Disclosure } from './types.js';

export type { Disclosure } from './types.js';

/** A document that cannot be read, with the reason a user can act on. */
export class DocumentError extends Error {
  constructor(public readonly source: string, reason: string) {
    super(reason);
    this.name = 'DocumentError';
  }
}

/** UTF-8 (with or without BOM) or GBK: whichever decodes without replacement characters. */
export function decodeDocument(bytes: Uint8Array, source: string): string {
  if (bytes.length === 0) throw new DocumentError(source, '文件为空');
  const sample = bytes.subarray(0, 65536);
  const nul = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nul > 0) throw new DocumentError(source, '不是文本文件（含二进制内容）；PDF 请以 .pdf 扩展名提供');
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const bad = (s: string) => (s.match(/\uFFFD/g) ?? []).length;
  if (bad(utf8) <= Math.max(2, utf8.length / 2000)) return utf8.replace(/^\uFEFF/, '');
  const gbk = new TextDecoder('gb18030').decode(bytes);
  if (bad(gbk) < bad(utf8)) return gbk;
  throw new DocumentError(source, '无法识别的文字编码（既不是 UTF-8 也不是 GBK）');
}

/**
 * The most lines a document may have: the largest disclosures have a few thousand, a 2,000-page
 * PDF about a hundred thousand. Each line is an object, so the count bounds memory (19 MB of
 * newlines took 2.39 GB before this bound).
 */
export const MAX_LINES = 200_000;
const tooManyLines = (source: string, n: number) => new DocumentError(source, `行数 ${n} 超过上限 ${MAX_LINES}，不像是一份预算公开文件`);

/** Lines as splitLines counts them (\r\n, \n, \r and form feeds), without splitting. */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 12 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

export function parseDocument(text: string, source: string): Disclosure[] {
  const n = lineCount(text);
  if (n > MAX_LINES) throw tooManyLines(source, n);
  return parseLines(splitLines(text), source);
}

/** The parser proper, over numbered lines from either front end (a text layer or a PDF). */
export function parseLines(input: Line[], source: string): Disclosure[] {
  if (input.length > MAX_LINES) throw tooManyLines(source, input.length);
  const lines = splitGluedTitles(input);
  if (!lines.some((l) => l.text.trim())) throw new DocumentError(source, '文件为空');
  const layout = detectLayout(lines);
  const twoDecimals = printsTwoDecimals(lines);
  const tables = findTables(lines);
  if (tables.length === 0) return [narrativeOnly(lines, source, layout, twoDecimals)];
  const starts = disclosureStarts(tables, lines);
  const out: Disclosure[] = [];
  starts.forEach((start, k) => {
    checkDeadline();
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    const segLines = lines.slice(start, end);
    const segTables = tables.filter((t) => t.start >= start && t.start < end).map((t) => ({ ...t, start: t.start - start, end: Math.min(t.end, end) - start }));
    const meta = detectMeta(segLines, segTables);
    const missing = [!meta.department && '部门名称', !meta.year && '预算年度'].filter(Boolean);
    if (meta.department === null || meta.year === null) {
      throw new DocumentError(source, `找到了预算表格，但无法确定${missing.join('和')}`);
    }
    const ctx = { lines: segLines, layout, twoDecimals, tables: segTables };
    const d = buildDisclosure(source, ctx, { ...meta, department: meta.department, year: meta.year });
    // Two parts the signals cannot tell apart are still two: both load, and the document says so.
    const twin = out.find((o) => o.department === d.department && o.unitName === d.unitName && o.year === d.year && o.kind === d.kind && o.scope === d.scope);
    if (twin) d.findings.push({ rule: 'metadata-disagree', severity: 'warning', table: '全文', line: d.lines[0], message: `第${d.lines[0]}行起的公开与第${twin.lines[0]}行起的公开读出的部门、年度和范围相同，无法区分；两份分别载入` });
    out.push(d);
  });
  return out;
}

/** Headline figures a narrative must state before a document without tables is taken as a disclosure. */
const NARRATIVE_HEADLINES = ['expenditure_total', 'basic', 'project', 'three_public', 'personnel', 'public_funds'];

/**
 * A disclosure published without its tables (the 情况说明 alone, the tables issued as images or
 * spreadsheets): its stated figures are still the document's, cited to the narrative and checked
 * against each other. Anything that does not read as one department's 预算/决算 说明 is refused.
 */
function narrativeOnly(lines: Line[], source: string, layout: Layout, twoDecimals: boolean): Disclosure {
  const refuse = (why: string) => new DocumentError(source, `没有找到预算公开表格（收支总表、支出总表等）${why}`);
  const meta = detectMeta(lines, []);
  if (meta.department === null || meta.year === null) throw refuse('，也无法从文字确定部门名称和年度，不像是部门预算或决算公开文件');
  const stated = statedTotals(lines, '说明', { year: meta.year, kind: meta.kind }).filter((t) => NARRATIVE_HEADLINES.includes(t.key));
  if (stated.length < 2) throw refuse('，说明文字中也没有读到主要数字，不像是部门预算或决算公开文件');
  const d = buildDisclosure(source, { lines, layout, twoDecimals, tables: [] }, { ...meta, department: meta.department, year: meta.year });
  d.findings.unshift({ rule: 'narrative-only', severity: 'warning', table: '全文', line: lines[0]?.no ?? 1, message: '文件中没有预算公开表格（可能另行发布），数字取自说明文字，无表格可核对' });
  return d;
}

