// Ingest on a worker pool against the single-thread ingest: the same database, document for
// document in the same order; interrupted or failed runs leave the old database whole.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { openDatabase } from '../../src/store/db.js';
import { exportDocuments } from '../../src/store/export.js';
import { ingest, IngestInterrupted, ingestDirectory, type IngestProgress, type IngestReport } from '../../src/store/ingest.js';
import { poolSize } from '../../src/store/pool-size.js';
import { tempDir } from '../helpers/tmp.js';

const root = tempDir();
/** 40 synthetic counties, two exact copies of one seed (the second a duplicate of the first) and bad entries. */
const corpus = join(root, 'corpus');
writeCorpus(corpus, 40);
copyFileSync(join(DEFAULT_DATA_DIR, '001_df29ae28ecb651dd.txt'), join(corpus, 'dup_a.txt'));
copyFileSync(join(DEFAULT_DATA_DIR, '001_df29ae28ecb651dd.txt'), join(corpus, 'dup_b.txt'));
writeFileSync(join(corpus, 'empty.txt'), '');
writeFileSync(join(corpus, 'notes.txt'), '会议纪要\n今天讨论了工作安排。\n');
mkdirSync(join(corpus, 'folder.txt'));

/** Everything a reader of the database sees, in the database's own order. */
function contents(dbFile: string) {
  const db = openDatabase(dbFile);
  try {
    return {
      export: exportDocuments(db),
      order: db.prepare('SELECT id, source, department, year, scope, latest FROM documents ORDER BY id').all(),
      search: db.prepare('SELECT doc_id, kind, line, tokens FROM search_index ORDER BY rowid').all(),
      itemLines: db.prepare('SELECT * FROM item_lines ORDER BY doc_id, family, code, line').all(),
      duplicates: db.prepare('SELECT * FROM duplicates ORDER BY source').all(),
      subjects: db.prepare('SELECT * FROM subjects ORDER BY kind, code, name').all(),
    };
  } finally {
    db.close();
  }
}

const stable = ({ millis, parseMs, segmentMs, loadMs, workers, dbFile, ...rest }: IngestReport) => rest;

describe('ingest on a worker pool', () => {
  const serialDb = join(root, 'serial.sqlite');
  const serial = ingestDirectory(corpus, serialDb);

  it('the single-thread ingest loads the corpus, rejecting the bad entries and checking the duplicates', () => {
    expect([serial.files, serial.rejected.length, serial.duplicates.length]).toEqual([45, 3, 1]);
    expect(serial.disclosures).toBeGreaterThan(40);
    // The 002-shaped counties print codes on several lines: their printed lines are compared below too.
    expect(contents(serialDb).itemLines.length).toBeGreaterThan(0);
  });

  it.each([1, 2])('with %i worker(s) builds the same database as the single-thread ingest', async (workers) => {
    const db = join(root, `pool-${workers}.sqlite`);
    const seen: IngestProgress[] = [];
    const r = await ingest(corpus, db, { workers, onProgress: (p) => seen.push(p) });
    expect(r.workers).toBe(workers);
    expect(stable(r)).toEqual(stable(serial));
    expect(contents(db)).toEqual(contents(serialDb));
    // Progress went through every document, then the index phase, counting rejections as they came.
    const parse = seen.filter((p) => p.phase === 'parse');
    expect(parse.at(-1)).toEqual({ phase: 'parse', done: 45, total: 45, rejected: 3 });
    expect(parse.map((p) => p.done)).toEqual([...Array(46).keys()]);
    expect(seen.at(-1)).toMatchObject({ phase: 'index', done: 1, total: 1 });
  }, 120_000);

  it('by default starts as many threads as the corpus repays, with the same result', async () => {
    const small = join(root, 'small');
    mkdirSync(small);
    for (const f of readdirSync(DEFAULT_DATA_DIR).filter((f) => f.endsWith('.txt'))) copyFileSync(join(DEFAULT_DATA_DIR, f), join(small, f));
    const a = ingestDirectory(small, join(root, 'small-a.sqlite'));
    const b = await ingest(small, join(root, 'small-b.sqlite'));
    // The five seeds (≈200 KB) are not worth a thread: it would cost more to start and warm than it saves.
    expect(b.workers).toBe(poolSize({ bytes: readdirSync(small).reduce((n, f) => n + statSync(join(small, f)).size, 0), cores: availableParallelism() }));
    expect(stable(b)).toEqual(stable(a));
    expect(contents(join(root, 'small-b.sqlite'))).toEqual(contents(join(root, 'small-a.sqlite')));
  }, 120_000);

  it('interrupted mid-run: throws IngestInterrupted, the old database is byte for byte intact and no temp file is left', async () => {
    const db = join(root, 'interrupted.sqlite');
    copyFileSync(serialDb, db);
    const before = readFileSync(db);
    const stop = new AbortController();
    const run = ingest(corpus, db, { force: true, workers: 2, signal: stop.signal, onProgress: (p) => p.phase === 'parse' && p.done === 10 && stop.abort() });
    await expect(run).rejects.toBeInstanceOf(IngestInterrupted);
    await expect(run).rejects.toThrow(/^已中断：原数据库 .* 保持不变，临时文件已删除。$/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 120_000);

  it('a storage failure mid-run (the size limit) leaves the old database and no temp file', async () => {
    const db = join(root, 'full.sqlite');
    copyFileSync(serialDb, db);
    const before = readFileSync(db);
    await expect(ingest(corpus, db, { force: true, workers: 2, maxBytes: 256 * 1024 })).rejects.toThrow(/^磁盘空间不足（或超过 --max-size），无法写入 .*；原数据库保持不变。$/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 120_000);
});
