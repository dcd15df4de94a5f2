// The documents of an ingest: listed and hashed (for the fingerprint), then each one read, parsed
// and its search text segmented. Pure apart from reading the document, so it runs the same on the
// writer's thread (a small corpus, --workers 0) or in a parse worker.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DeadlineExceeded, withinBudget } from '../core/deadline.js';
import { docxToText, WordError } from '../docx/index.js';
import { decodeDocument, DocumentError, parseDocument, parseLines } from '../parse/index.js';
import type { Disclosure } from '../parse/types.js';
import { listPdfDocuments, readCachedPdf, type PdfDocument } from '../pdf/prepare.js';
import { readDataDir, readRegularFile } from './read-entry.js';
import { searchEntriesOf, type SearchEntry } from './write.js';

const DOCUMENT = /\.txt$/i;
/** Word documents: .docx, and .doc so that the legacy format is refused by name, not skipped. */
const WORD = /\.docx?$/i;
/** A budget disclosure's text is well under a megabyte; anything this large is not one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** A Word file may carry images (seals, scans of signatures); its text is capped when inflated. */
export const MAX_WORD_BYTES = 200 * 1024 * 1024;

/** The entries of a folder matching a pattern, but no README, in name order. */
function listMatching(dataDir: string, pattern: RegExp): string[] {
  return readDataDir(dataDir).filter((f) => pattern.test(f) && !/^readme/i.test(f)).sort().map((f) => join(dataDir, f));
}

export function listDocuments(dataDir: string): string[] {
  return listMatching(dataDir, DOCUMENT);
}

/** Word files, but not the lock file Word keeps beside an open one (~$name.docx). */
export function listWordDocuments(dataDir: string): string[] {
  return listMatching(dataDir, WORD).filter((p) => !basename(p).startsWith('~$'));
}

/**
 * One document to load: a text file, a Word file, or a PDF (its parts together) read from the
 * extraction cache.
 * `problem` is why an entry cannot be read at all (a directory, a dangling link…): it is rejected
 * with that reason inside the per-document handling, never thrown from here. Plain data, so it can
 * be posted to a worker.
 */
export type Input = { name: string; sha: string; problem?: string; /** The text's size, or an estimate (a PDF's): what sizes batches and the pool. */ bytes?: number } & ({ format: 'txt' | 'docx'; path: string } | { format: 'pdf'; pdf: PdfDocument });

/** A budget PDF's text is about a tenth of its file (the corpus's 27 PDFs: 11 MB for ≈1.1 MB of text). */
const PDF_TEXT_SHARE = 0.1;

const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Every input of the directories, in load order (per directory: text files, Word files, PDFs);
 * `onHashed` is told after each one is counted, over the same total the parse phase counts
 * (a PDF, hashed when it was listed, counts as one document however many parts it has).
 */
export function inputsOf(dirs: string[], onHashed?: (done: number, total: number) => void): Input[] {
  const out: Input[] = [];
  const listed = dirs.map((dir) => ({ dir, texts: listDocuments(dir), words: listWordDocuments(dir), pdfs: listPdfDocuments(dir) }));
  const total = listed.reduce((n, l) => n + l.texts.length + l.words.length + l.pdfs.length, 0);
  let done = 0;
  const hashed = (format: 'txt' | 'docx', path: string, maxBytes: number) => {
    const name = basename(path);
    try {
      const data = readRegularFile(path, name, maxBytes);
      out.push({ format, path, name, sha: sha256(data), bytes: data.length });
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      out.push({ format, path, name, sha: sha256(`unreadable ${err.message}`), problem: err.message });
    }
    onHashed?.(++done, total);
  };
  for (const { texts, words, pdfs } of listed) {
    for (const path of texts) hashed('txt', path, MAX_DOCUMENT_BYTES);
    for (const path of words) hashed('docx', path, MAX_WORD_BYTES);
    for (const pdf of pdfs) {
      out.push({ format: 'pdf', pdf, name: pdf.name, sha: pdf.sha, problem: pdf.problem, bytes: Math.round(pdf.parts.reduce((n, part) => n + sizeOf(part), 0) * PDF_TEXT_SHARE) });
      onHashed?.(++done, total);
    }
  }
  return out;
}

/** The disclosures of one input; a document that cannot be read throws a DocumentError. */
export function readInput(input: Input, pdfCache: string): Disclosure[] {
  if (input.problem) throw new DocumentError(input.name, input.problem);
  if (input.format === 'pdf') {
    const cached = readCachedPdf(pdfCache, input.pdf);
    if (!cached) throw new DocumentError(input.name, 'PDF 尚未提取文字（budget-bot ingest 会先提取）');
    if (!cached.ok) throw new DocumentError(input.name, cached.reason);
    return parseLines(cached.lines, input.name).map((d) => ({ ...d, pages: cached.pages }));
  }
  return parseDocument(documentText(input.format, input.path, input.name), input.name);
}

/** The text a text or Word document is parsed from: its line numbers are the citations' lines. */
export function documentText(format: 'txt' | 'docx', path: string, name: string): string {
  if (format === 'docx') return wordText(readRegularFile(path, name, MAX_WORD_BYTES), name);
  return decodeDocument(readRegularFile(path, name, MAX_DOCUMENT_BYTES), name);
}

/** A Word file's text; one that cannot be read throws a DocumentError saying why. */
function wordText(bytes: Buffer, name: string): string {
  try {
    return docxToText(bytes, { doc: /\.doc$/i.test(name) });
  } catch (err) {
    if (!(err instanceof WordError)) throw err;
    throw new DocumentError(name, err.legacy ? err.message : `无法读取 Word 文件：${err.message}`);
  }
}

/** Why a document is rejected, in the words the report and the database keep. */
export const rejectionOf = (err: unknown): string => (err instanceof DocumentError ? err.message : `解析时出错：${(err as Error).message}`);

/** A parse result; `entries` is each disclosure's search rows (absent: the writer makes them). */
export type Parsed =
  | { ok: true; disclosures: Disclosure[]; entries?: SearchEntry[][]; parseMs: number; segmentMs?: number }
  | { ok: false; reason: string; parseMs: number; overBudget?: true };

/**
 * Each document's time to be read and parsed. The largest a text may be (200,000 lines of tables)
 * parses in about 6 s; a document that takes ten times that is built to stall the ingest. The loops
 * whose length follows the document (the XML tokenizer, the parser's passes over lines) look at it.
 */
export const PARSE_BUDGET_MS = 60_000;
/**
 * A document parsed on the writer's thread — the thread that answers Ctrl-C in the CLI, and every
 * chat request in the bot (which rebuilds its database when a document is added): the longest either
 * may wait. Every corpus document parses in under 100 ms cold; one over this is parsed again on a
 * thread, with the full budget.
 */
export const WRITER_BUDGET_MS = 500;
export const overBudget = (ms: number) => `解析超过 ${ms / 1000} 秒仍未完成，已停止（文件过于复杂或内容异常）`;

/**
 * Reads and parses one input and makes its search rows; a bad document becomes its rejection
 * reason, never a throw.
 */
export function parseInput(input: Input, pdfCache: string, { budgetMs = PARSE_BUDGET_MS } = {}): Parsed {
  const t0 = performance.now();
  try {
    const disclosures = withinBudget(budgetMs, () => readInput(input, pdfCache));
    const t1 = performance.now();
    const entries = disclosures.map(searchEntriesOf);
    return { ok: true, disclosures, entries, parseMs: t1 - t0, segmentMs: performance.now() - t1 };
  } catch (err) {
    if (err instanceof DeadlineExceeded) return { ok: false, reason: overBudget(err.budgetMs), parseMs: performance.now() - t0, overBudget: true };
    return { ok: false, reason: rejectionOf(err), parseMs: performance.now() - t0 };
  }
}
