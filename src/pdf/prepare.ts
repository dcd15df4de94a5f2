// Before an ingest: every PDF document (its parts together) extracted once into a cache of
// positioned lines, keyed by the parts' content. Extraction is asynchronous (pdf.js) while the
// ingest's transaction is not, and re-ingesting unchanged PDFs then costs nothing. One document
// is in memory at a time per extraction thread.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createExtractPool } from './extract-pool.js';
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
  /** Extraction threads (default: one per core, no more than documents to extract; 1 extracts here). */
  threads?: number;
}

/** One document's cache entry: its lines and pages, or why it cannot be read (interruption aside). */
export async function extractEntry(parts: string[], signal?: AbortSignal): Promise<CachedPdf> {
  try {
    const text = await pdfToLines(parts.map((p) => ({ name: p.split(/[\\/]/).pop()!, bytes: readFileSync(p) })), { signal });
    return { ok: true, lines: text.lines, pages: text.pages };
  } catch (err) {
    if (err instanceof PdfAborted) throw err;
    return { ok: false, reason: err instanceof ScannedPdfError || err instanceof PdfRefused ? err.message : `无法读取 PDF：${(err as Error).message}` };
  }
}

function writeEntry(cacheDir: string, sha: string, entry: CachedPdf): void {
  const tmp = `${cacheFile(cacheDir, sha)}.tmp-${process.pid}`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, cacheFile(cacheDir, sha));
  } catch (err) {
    // Removing the partial entry can fail for the same reason (a file where the folder belongs:
    // ENOTDIR, not ENOENT); the operator is told the first reason, not a raw error of the cleanup.
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was written there */
    }
    throw cacheWriteError(err as NodeJS.ErrnoException, cacheDir);
  }
}

/**
 * Extracts every PDF document not yet in the cache, on as many threads as there are cores and
 * documents to extract (pdf.js works on one thread per instance: extraction is the costliest part
 * of a PDF ingest). Failures are cached too, with their reason.
 */
export async function preparePdfs(dirs: string[], cacheDir: string, { onProgress, signal, uninterruptible = (work) => work(), threads }: PrepareOptions = {}): Promise<{ extracted: number; cached: number }> {
  // Hashing every PDF (up to 200 MB each) is synchronous and writes nothing.
  const docs = uninterruptible(() => dirs.flatMap(listPdfDocuments));
  // Largest first: the last documents taken are small, so no thread extracts a big one alone at the
  // end while the others wait (file size stands in for the work; pages would need opening each).
  const todo = docs.filter((d) => !d.problem && !existsSync(cacheFile(cacheDir, d.sha)))
    .map((d) => ({ d, bytes: d.parts.reduce((n, p) => n + statSync(p).size, 0) }))
    .sort((a, b) => b.bytes - a.bytes)
    .map(({ d }) => d);
  const cached = docs.filter((d) => !d.problem).length - todo.length;
  let done = docs.length - todo.length;
  onProgress?.(done, docs.length);
  const count = Math.min(threads ?? availableParallelism(), todo.length);
  const pool = count >= 2 ? createExtractPool(count) : null;
  let extracted = 0;
  const extractOne = async (doc: PdfDocument) => {
    const entry = pool ? await pool.extract(doc.parts) : await extractEntry(doc.parts, signal);
    if (signal?.aborted) throw new PdfAborted('已中断');
    writeEntry(cacheDir, doc.sha, entry);
    extracted++;
    onProgress?.(++done, docs.length);
  };
  const onAbort = () => void pool?.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Each thread takes the next document when it is done with one: big and small ones even out.
    let next = 0;
    await Promise.all(Array.from({ length: Math.max(1, count) }, async () => {
      while (next < todo.length) {
        if (signal?.aborted) return;
        await extractOne(todo[next++]);
      }
    }));
  } catch (err) {
    // Interrupted: nothing more is cached; the next run extracts what is missing.
    if (!(err instanceof PdfAborted) && !signal?.aborted) throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool?.destroy();
  }
  return { extracted, cached };
}
