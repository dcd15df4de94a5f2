// Adding one document from chat: checked (type, size, content already loaded), parsed on its own
// first so that a file that is not a disclosure is refused with the parser's reason and never stored,
// then kept in the added folder and loaded with the same atomic build as `budget-bot ingest`. The
// build runs beside the answering bot (PDF text on pdf.js's async path, parsing on a worker thread,
// the writer yielding between documents) and swaps the file in; the app reopens it on its next request.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_DB_FILE } from '../paths.js';
import { defaultDataDirs, runIngest, withAddedDocuments } from '../cli/database.js';
import type { Logger } from '../core/dispatch.js';
import { preparePdfs } from '../pdf/prepare.js';
import { openDatabase } from '../store/db.js';
import { defaultPdfCache, MAX_DOCUMENT_BYTES, type IngestReport } from '../store/ingest.js';
import { inputsOf } from '../store/parse-input.js';
import { createParsePool } from '../store/parse-pool.js';
import type { Queries } from '../store/queries.js';
import { formatParseReport, parseReportOf, type ParseReportEntry } from '../store/report.js';
import { DownloadRefused, tooLargeToAdd } from './download.js';
import { addedDirOf, folderFingerprint, freeName, listAdded, removeAdded, storeAdded, type AddedDocument } from './folder.js';

/** What a channel may add: the formats ingest reads (a legacy .doc is refused by name, as ingest does). */
const ADDABLE = /\.(pdf|docx|txt)$/i;
/** The cap ingest puts on a disclosure's text; a published budget PDF is well under it (≈0.3–1.2 MB). */
export const MAX_ADDED_BYTES = MAX_DOCUMENT_BYTES;

export interface Upload {
  /** The file name as uploaded. */
  name: string;
  /** The size the platform declares, when it does (checked before anything is downloaded). */
  size?: number;
  /** Fetches the bytes through the platform's file API, reading no more than maxBytes. */
  download(maxBytes: number): Promise<Uint8Array>;
  /** Platform-qualified id of who uploaded it ("slack:U123"), and a display name if known. */
  by: string;
  byName?: string;
}

export type AddOutcome =
  | { kind: 'added'; doc: AddedDocument; disclosures: ParseReportEntry[]; parseReport: string; report: IngestReport }
  | { kind: 'duplicate'; name: string; of: string }
  | { kind: 'refused'; name: string; reason: string };

/** Why a file cannot be added, judged from its name and declared size alone; null when it may be. */
export function refusalBeforeDownload(name: string, size: number | undefined): string | null {
  if (/\.doc$/i.test(name)) return '旧版 Word 格式（.doc）无法读取，请另存为 .docx 或 PDF 后再上传';
  if (!ADDABLE.test(name)) return '只能添加 PDF、.docx 或 .txt 格式的预算公开文件';
  if (size !== undefined && size > MAX_ADDED_BYTES) return tooLargeToAdd(size, MAX_ADDED_BYTES);
  if (size === 0) return '文件是空的';
  return null;
}

export interface DocumentAdder {
  add(upload: Upload): Promise<AddOutcome>;
  /**
   * Rebuilds when the added folder holds other files than when last looked at (another replica added
   * one to the shared folder): true when the database was replaced. Queued behind any add under way.
   */
  sync(): Promise<boolean>;
}

export interface AdderOptions {
  dbFile: string;
  /** The running app's queries (the loaded documents, the folders the database was built from). */
  queries: () => Queries;
  log?: Logger;
  now?: () => Date;
}

export function createDocumentAdder({ dbFile, queries, log = () => {}, now = () => new Date() }: AdderOptions): DocumentAdder {
  const addedDir = addedDirOf(dbFile);
  const pdfCache = defaultPdfCache(dbFile);
  // One at a time: two uploads at once would otherwise race for the build's lock.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };
  // null: not looked at yet, so the first sync rebuilds if a file was added while this process was down.
  let seen: string | null = null;

  /**
   * The folders the running database was built from (recorded by ingest), with the added folder; or
   * why the database cannot be rebuilt here: rebuilding from other folders than it was built from
   * would silently drop documents it holds.
   */
  const rebuildDirs = (): { dirs: string[] } | { problem: string } => {
    let recorded: string[] | null = null;
    try {
      recorded = JSON.parse(queries().meta('data_dirs') ?? 'null');
    } catch {
      /* unreadable: as if not recorded */
    }
    if (!recorded && resolve(dbFile) !== resolve(DEFAULT_DB_FILE)) return { problem: '这个数据库由旧版本生成，没有记录它的文件目录；请先运行一次 budget-bot ingest 重建' };
    const dirs = (recorded ?? defaultDataDirs()).filter((d) => resolve(d) !== resolve(addedDir));
    const missing = dirs.find((d) => !existsSync(d));
    if (missing) return { problem: `数据库的文件目录 ${missing} 已不存在，重建会丢失其中的文件；请先用 budget-bot ingest 重建` };
    return { dirs: withAddedDocuments(dirs, dbFile) };
  };

  /** The upload parsed alone, off this thread: a rejection reason, or null when it reads as a disclosure. */
  async function rejectionOf(file: string, data: Uint8Array): Promise<string | null> {
    const stage = mkdtempSync(join(addedDir, '.incoming-'));
    try {
      writeFileSync(join(stage, file), data);
      await preparePdfs([stage], pdfCache);
      const [input] = inputsOf([stage]);
      if (!input) return '文件名无法识别为 PDF、.docx 或 .txt 文件';
      const pool = createParsePool(1, pdfCache);
      try {
        const parsed = await pool.parse(input);
        return parsed.ok ? null : parsed.reason;
      } finally {
        await pool.destroy();
      }
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }

  async function addNow(upload: Upload): Promise<AddOutcome> {
    const name = upload.name;
    const early = refusalBeforeDownload(name, upload.size);
    if (early) return { kind: 'refused', name, reason: early };
    let data: Uint8Array;
    try {
      data = await upload.download(MAX_ADDED_BYTES);
    } catch (err) {
      return { kind: 'refused', name, reason: err instanceof DownloadRefused ? err.message : `下载失败（${(err as Error).message}）` };
    }
    if (data.length === 0) return { kind: 'refused', name, reason: '文件是空的' };
    const rebuild = rebuildDirs();
    if ('problem' in rebuild) return { kind: 'refused', name, reason: rebuild.problem };
    const sha256 = createHash('sha256').update(data).digest('hex');
    const loaded = queries().sourceOfSha(sha256) ?? listAdded(addedDir).find((d) => d.sha256 === sha256)?.source;
    if (loaded) return { kind: 'duplicate', name, of: loaded };
    mkdirSync(addedDir, { recursive: true });
    const file = freeName(addedDir, name);
    const rejection = await rejectionOf(file, data);
    if (rejection) return { kind: 'refused', name, reason: rejection };
    const doc = storeAdded(addedDir, data, { file, uploadedAs: name, sha256, bytes: data.length, addedBy: upload.by, addedByName: upload.byName, addedAt: now().toISOString() });
    let report: IngestReport;
    try {
      report = await runIngest(withAddedDocuments(rebuild.dirs, dbFile), dbFile);
      seen = folderFingerprint(addedDir);
    } catch (err) {
      // The old database still answers: the file is taken out again, so the folder says what is loaded.
      removeAdded(addedDir, file);
      log({ level: 'error', source: 'added', message: 'ingest of an added document failed', file, error: (err as Error).message });
      return { kind: 'refused', name, reason: `数据库重建失败，文件未添加（${(err as Error).message}）` };
    }
    const rejected = report.rejected.find((r) => r.source === doc.source);
    if (rejected) {
      removeAdded(addedDir, file);
      return { kind: 'refused', name, reason: rejected.reason };
    }
    log({ level: 'info', source: 'added', message: 'document added from chat', file, by: upload.by, disclosures: report.disclosures });
    const db = openDatabase(dbFile);
    try {
      const disclosures = parseReportOf(db, Infinity, [doc.source]).documents;
      return { kind: 'added', doc, disclosures, parseReport: formatParseReport(db, Infinity, [doc.source]), report };
    } finally {
      db.close();
    }
  }

  return {
    sync: () => enqueue(async () => {
      const listing = folderFingerprint(addedDir);
      // Nothing was ever added: nothing to rebuild for.
      if (seen === null && listing === '') seen = listing;
      if (listing === seen) return false;
      const rebuild = rebuildDirs();
      if ('problem' in rebuild) {
        // Said once per change of the folder, not every few seconds.
        seen = listing;
        log({ level: 'warn', source: 'added', message: 'the added folder changed but the database cannot be rebuilt here', problem: rebuild.problem });
        return false;
      }
      const report = await runIngest(rebuild.dirs, dbFile);
      seen = listing;
      if (report.replaced) log({ level: 'info', source: 'added', message: 'added folder changed: database rebuilt', disclosures: report.disclosures });
      return report.replaced;
    }),
    add(upload) {
      return enqueue(() => addNow(upload)).catch((err: Error) => {
        // Nothing an upload holds may take the bot down: an unexpected failure is logged and said.
        log({ level: 'error', source: 'added', message: 'adding a document failed', file: upload.name, error: err.message });
        return { kind: 'refused' as const, name: upload.name, reason: `处理文件时出错（${err.message.slice(0, 80)}）` };
      });
    },
  };
}
