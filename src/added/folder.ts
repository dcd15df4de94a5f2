// Documents added from a chat channel: kept as files in an "added" folder beside the database, each
// with a small JSON sidecar saying who added it and when. Files, not database rows, because the
// database is derived data that every ingest rebuilds; the folder is read by every ingest (and,
// shared between replicas, by every replica), so an added document survives rebuilds and restarts.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { groupParts } from '../pdf/extract.js';

export interface AddedDocument {
  /** The file's name in the added folder. */
  file: string;
  /** The name the database cites (a PDF's parts are one document: "x_part1.pdf" is cited as "x.pdf"). */
  source: string;
  /** The name it was uploaded under. */
  uploadedAs: string;
  sha256: string;
  bytes: number;
  /** Platform-qualified id ("slack:U123") and, where the platform said, a display name. */
  addedBy: string;
  addedByName?: string;
  /** ISO 8601. */
  addedAt: string;
}

const SIDECAR = '.added.json';

/** The added folder of a database: beside it, like the PDF text cache. */
export const addedDirOf = (dbFile: string) => join(dirname(dbFile), 'added');

/** The name a stored file is cited under. */
export function sourceNameOf(file: string): string {
  return /\.pdf$/i.test(file) ? `${groupParts([file])[0].stem}.pdf` : file;
}

/** Every added document, oldest first; a sidecar that does not read is skipped, never thrown. */
export function listAdded(dir: string): AddedDocument[] {
  if (!existsSync(dir)) return [];
  const out: AddedDocument[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(SIDECAR))) {
    try {
      const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as AddedDocument;
      if (typeof d.file === 'string' && existsSync(join(dir, d.file))) out.push(d);
    } catch {
      /* a half-written or hand-edited sidecar: the file still loads, it is just not attributed */
    }
  }
  return out.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.file.localeCompare(b.file));
}

/**
 * A safe file name for an upload: no path, no control or reserved characters, at most 60 characters
 * (180 bytes of CJK, so the sidecar and temporary names stay under 255 bytes), and not
 * taken by another file (a second "预算.pdf" becomes "预算-2.pdf"), so no upload replaces another.
 */
export function freeName(dir: string, uploaded: string): string {
  const base = uploaded.split(/[\\/]/).pop() ?? '';
  // Not path.extname: it reads ".txt" as a name without an extension, which no ingest would list.
  const ext = (/\.[^.]*$/.exec(base)?.[0] ?? '').toLowerCase();
  const stem = base.slice(0, base.length - ext.length).replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').slice(0, 60) || 'document';
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}${ext}`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, name + SIDECAR))) return name;
  }
}

/** Writes the file, then its sidecar, each through a temporary name: a reader never sees half of either. */
export function storeAdded(dir: string, data: Uint8Array, doc: Omit<AddedDocument, 'source'>): AddedDocument {
  mkdirSync(dir, { recursive: true });
  const record: AddedDocument = { ...doc, source: sourceNameOf(doc.file) };
  const write = (name: string, content: Uint8Array | string) => {
    // A dot-name is listed by no ingest (it matches no document pattern) while it is being written.
    const tmp = join(dir, `.${name}.tmp`);
    writeFileSync(tmp, content);
    renameSync(tmp, join(dir, name));
  };
  write(doc.file, data);
  write(doc.file + SIDECAR, JSON.stringify(record, null, 2) + '\n');
  return record;
}

/** Takes an added document out again (its ingest failed): the file and its sidecar. */
export function removeAdded(dir: string, file: string): void {
  rmSync(join(dir, file), { force: true });
  rmSync(join(dir, file + SIDECAR), { force: true });
}

/** What the folder holds, as one string: replicas compare it to see that a document was added. */
export function folderFingerprint(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir).filter((n) => !n.startsWith('.')).sort().join('\n');
}
