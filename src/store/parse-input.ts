// The documents of an ingest: listed and hashed (for the fingerprint), then each one read, parsed
// and its search text segmented. Pure apart from reading the document, so it runs the same on the
// writer's thread (a small corpus, --workers 0) or in a parse worker.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeDocument, DocumentError, parseDocument, parseLines } from '../parse/index.js';
import type { Disclosure } from '../parse/types.js';
import { listPdfDocuments, readCachedPdf, type PdfDocument } from '../pdf/prepare.js';
import { readRegularFile } from './read-entry.js';
import { searchEntriesOf, type SearchEntry } from './write.js';

const DOCUMENT = /\.txt$/i;
/** A budget disclosure's text is well under a megabyte; anything this large is not one. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export function listDocuments(dataDir: string): string[] {
  if (!existsSync(dataDir)) throw new DocumentError(dataDir, `数据目录 ${dataDir} 不存在`);
  return readdirSync(dataDir).filter((f) => DOCUMENT.test(f) && !/^readme/i.test(f)).sort().map((f) => join(dataDir, f));
}

/**
 * One document to load: a text file, or a PDF (its parts together) read from the extraction cache.
 * `problem` is why an entry cannot be read at all (a directory, a dangling link…): it is rejected
 * with that reason inside the per-document handling, never thrown from here. Plain data, so it can
 * be posted to a worker.
 */
export type Input = { name: string; sha: string; problem?: string } & ({ format: 'txt'; path: string } | { format: 'pdf'; pdf: PdfDocument });

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Every input of the directories, in load order; `onHashed` is told after each text file is hashed. */
export function inputsOf(dirs: string[], onHashed?: (done: number, total: number) => void): Input[] {
  const out: Input[] = [];
  const listed = dirs.map((dir) => ({ dir, texts: listDocuments(dir) }));
  const total = listed.reduce((n, l) => n + l.texts.length, 0);
  let done = 0;
  for (const { dir, texts } of listed) {
    for (const path of texts) {
      const name = basename(path);
      try {
        out.push({ format: 'txt', path, name, sha: sha256(readRegularFile(path, name, MAX_DOCUMENT_BYTES)) });
      } catch (err) {
        if (!(err instanceof DocumentError)) throw err;
        out.push({ format: 'txt', path, name, sha: sha256(`unreadable ${err.message}`), problem: err.message });
      }
      onHashed?.(++done, total);
    }
    for (const pdf of listPdfDocuments(dir)) out.push({ format: 'pdf', pdf, name: pdf.name, sha: pdf.sha, problem: pdf.problem });
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
  const bytes = readRegularFile(input.path, input.name, MAX_DOCUMENT_BYTES);
  return parseDocument(decodeDocument(bytes, input.name), input.name);
}

/** Why a document is rejected, in the words the report and the database keep. */
export const rejectionOf = (err: unknown): string => (err instanceof DocumentError ? err.message : `解析时出错：${(err as Error).message}`);

export type Parsed =
  | { ok: true; disclosures: Disclosure[]; entries: SearchEntry[][]; parseMs: number; segmentMs: number }
  | { ok: false; reason: string; parseMs: number };

/** Reads, parses and segments one input; a bad document becomes its rejection reason, never a throw. */
export function parseInput(input: Input, pdfCache: string): Parsed {
  const t0 = performance.now();
  try {
    const disclosures = readInput(input, pdfCache);
    const t1 = performance.now();
    const entries = disclosures.map(searchEntriesOf);
    return { ok: true, disclosures, entries, parseMs: t1 - t0, segmentMs: performance.now() - t1 };
  } catch (err) {
    return { ok: false, reason: rejectionOf(err), parseMs: performance.now() - t0 };
  }
}
