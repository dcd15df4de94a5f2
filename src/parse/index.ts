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

/**
 * Characters every budget disclosure prints, in simplified and traditional forms: the text of the
 * right encoding has many; a text read in the wrong one of two double-byte encodings has few.
 */
const BUDGET_CHARS = new Set('年预算部门支出收入合计项目经费财政一般公共基本单位资金拨款说明表的預算部門計項經費財單位資撥說總');
const budgetScore = (s: string) => {
  let n = 0;
  for (const ch of s) if (BUDGET_CHARS.has(ch)) n++;
  return n;
};
const replacements = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\uFFFD'); i >= 0; i = s.indexOf('\uFFFD', i + 1)) n++;
  return n;
};

/**
 * The text of a document's bytes: UTF-16 with a byte-order mark, UTF-8 (with or without BOM) or
 * GBK. UTF-16 without a mark, Big5 and a GBK file with many bytes that do not decode are refused,
 * each by what it is, rather than read as something else (mojibake) or called binary.
 */
export function decodeDocument(bytes: Uint8Array, source: string): string {
  if (bytes.length === 0) throw new DocumentError(source, '文件为空');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 65536);
  let nul = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      nul++;
      if (i % 2) nulOdd++;
    }
  }
  // UTF-16 without a mark: mostly ASCII text, every other byte NUL (one side for LE, the other for BE).
  if (nul > sample.length / 8 && (nulOdd > nul * 0.9 || nulOdd < nul * 0.1)) {
    throw new DocumentError(source, '文字编码是没有字节顺序标记（BOM）的 UTF-16，请另存为 UTF-8 后再导入');
  }
  if (nul > 0) throw new DocumentError(source, '不是文本文件（含二进制内容）；PDF 请以 .pdf 扩展名提供');
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const allowed = (s: string) => Math.max(2, s.length / 2000);
  const badUtf8 = replacements(utf8);
  if (badUtf8 <= allowed(utf8)) return utf8.replace(/^\uFEFF/, '');
  const gbk = new TextDecoder('gb18030').decode(bytes);
  const badGbk = replacements(gbk);
  // Big5's double bytes mostly decode as GBK too, as other characters: tell them apart by which
  // reading prints a budget's words.
  const big5 = new TextDecoder('big5').decode(bytes);
  if (replacements(big5) <= allowed(big5) && budgetScore(big5) > budgetScore(gbk)) {
    throw new DocumentError(source, '文字编码是繁体中文 Big5，暂不支持，请另存为 UTF-8 后再导入');
  }
  if (badGbk <= allowed(gbk)) return gbk;
  if (badGbk < badUtf8) throw new DocumentError(source, `文字编码像 GBK，但有 ${badGbk} 处无法解码（文件可能已损坏），请检查后另存为 UTF-8`);
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

