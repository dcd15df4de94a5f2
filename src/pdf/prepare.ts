// Before an ingest: every PDF document (its parts together) extracted once into a cache of
// positioned lines, keyed by the parts' content. Extraction is asynchronous (pdf.js) while the
// ingest's transaction is not, and re-ingesting unchanged PDFs then costs nothing. One document
// is in memory at a time.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentError } from '../parse/index.js';
import type { Line } from '../parse/front/lines.js';
import { readDataDir, readRegularFile } from '../store/read-entry.js';
import { StoreError } from '../store/db.js';
import { groupParts, PdfAborted, PdfRefused, pdfToLines, ScannedPdfError, type PdfText } from './extract.js';

export interface PdfDocument {
  /** The document's name: the stem plus ".pdf" ("js_swbgt_2017_budget.pdf" for its two parts). */
  name: string;
  parts: string[];
  sha: string;
  /** Why a part cannot be read (a directory, a dangling link, a FIFO…): the document is rejected with it. */
  problem?: string;
}

/** A PDF part larger than this is not a budget disclosure (and is never read past it). */
const MAX_PDF_BYTES = 200 * 1024 * 1024;

export type CachedPdf = { ok: true; lines: Line[]; pages: PdfText['pages'] } | { ok: false; reason: string };

/** The PDF documents in a directory, parts grouped, each with a hash of its parts' content. */
export function listPdfDocuments(dir: string): PdfDocument[] {
  if (!existsSync(dir)) return [];
  const names = readDataDir(dir).filter((f) => /\.pdf$/i.test(f)).sort();
  return groupParts(names).map(({ stem, parts }) => {
    const h = createHash('sha256');
    const name = `${stem}.pdf`;
    try {
      for (const p of parts) h.update(readRegularFile(join(dir, p), p, MAX_PDF_BYTES));
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      const problem = `${err.source}：${err.message}`;
      return { name, parts: parts.map((p) => join(dir, p)), sha: createHash('sha256').update(`unreadable ${problem}`).digest('hex'), problem };
    }
    return { name, parts: parts.map((p) => join(dir, p)), sha: h.digest('hex') };
  });
}

const cacheFile = (cacheDir: string, sha: string) => join(cacheDir, `${sha}.json`);

export function readCachedPdf(cacheDir: string, doc: PdfDocument): CachedPdf | null {
  const file = cacheFile(cacheDir, doc.sha);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CachedPdf) : null;
}

/** A cache that cannot be written, as a message for the operator (no stack trace); nothing else changed. */
function cacheWriteError(err: NodeJS.ErrnoException, cacheDir: string): Error {
  const why: Record<string, string> = {
    ENOSPC: '磁盘空间不足', EDQUOT: '超出磁盘配额', EFBIG: '超过文件大小限制（ulimit -f）',
    EROFS: '只读', EACCES: '没有权限', EPERM: '没有权限', ENOTDIR: '路径中有同名文件', EEXIST: '路径中有同名文件',
  };
  return new StoreError(`无法写入 PDF 文字缓存 ${cacheDir}（${why[err.code ?? ''] ?? err.code ?? err.message}）；原数据库保持不变。`);
}

export interface PrepareOptions {
  /** Told before each PDF document (extracted, or found in the cache), with how many come before it. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between documents (Ctrl-C); what was extracted so far stays cached. */
  signal?: AbortSignal;
  /** Runs synchronous work that writes nothing (see ParallelIngestOptions.uninterruptible). */
  uninterruptible?: <T>(work: () => T) => T;
}

/** Extracts every PDF document not yet in the cache. Failures are cached too, with their reason. */
export async function preparePdfs(dirs: string[], cacheDir: string, { onProgress, signal, uninterruptible = (work) => work() }: PrepareOptions = {}): Promise<{ extracted: number; cached: number }> {
  let extracted = 0;
  let cached = 0;
  // Hashing every PDF (up to 200 MB each) is synchronous and writes nothing.
  const docs = uninterruptible(() => dirs.flatMap(listPdfDocuments));
  for (const [i, doc] of docs.entries()) {
    if (signal?.aborted) break;
    onProgress?.(i, docs.length);
    if (doc.problem) continue;
    if (existsSync(cacheFile(cacheDir, doc.sha))) {
      cached++;
      continue;
    }
    let entry: CachedPdf;
    try {
      const text = await pdfToLines(doc.parts.map((p) => ({ name: p.split(/[\\/]/).pop()!, bytes: readFileSync(p) })), { signal });
      entry = { ok: true, lines: text.lines, pages: text.pages };
    } catch (err) {
      // Interrupted: nothing is cached, the next run extracts the document again.
      if (err instanceof PdfAborted) break;
      entry = { ok: false, reason: err instanceof ScannedPdfError || err instanceof PdfRefused ? err.message : `无法读取 PDF：${(err as Error).message}` };
    }
    const tmp = `${cacheFile(cacheDir, doc.sha)}.tmp-${process.pid}`;
    try {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, cacheFile(cacheDir, doc.sha));
    } catch (err) {
      rmSync(tmp, { force: true });
      throw cacheWriteError(err as NodeJS.ErrnoException, cacheDir);
    }
    extracted++;
  }
  return { extracted, cached };
}
