// Issue 21 item 15: two ingests into one database. The second is refused with a message while the
// first runs (both used to report success, the later silently winning); a killed run's lock is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { ingest, ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

function corpus(root: string): string {
  const dir = join(root, 'data');
  mkdirSync(dir, { recursive: true });
  for (const f of ['000_2c141d3c228c2a71.txt', '001_df29ae28ecb651dd.txt']) copyFileSync(join(DEFAULT_DATA_DIR, f), join(dir, f));
  return dir;
}

describe('one writer per database', () => {
  it('a second ingest while the first runs is refused, and the first completes', async () => {
    const root = tempDir();
    const dir = corpus(root);
    const db = join(root, 'budget.sqlite');
    const first = ingest(dir, db, { workers: 0 });
    const second = ingest(dir, db, { workers: 0 }).catch((e: Error) => e);
    expect(await second).toMatchObject({ name: 'StoreError', message: `另一个导入正在写入 ${db}（进程 ${process.pid}），请等它结束后再试；本次未做任何改动。（若确认没有导入在运行，可删除 ${db}.lock）` });
    expect((await first).replaced).toBe(true);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('a lock held by another live process refuses; the database is left as it was', () => {
    const root = tempDir();
    const dir = corpus(root);
    const db = join(root, 'budget.sqlite');
    ingestDirectory(dir, db);
    const before = readFileSync(db);
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${db}.lock`, String(other.pid));
      expect(() => ingestDirectory(dir, db, { force: true })).toThrow(`另一个导入正在写入 ${db}（进程 ${other.pid}）`);
      expect(readFileSync(db).equals(before)).toBe(true);
    } finally {
      other.kill();
    }
  });

  it('refused while documents are already on a thread: the message alone, no stray rejection', async () => {
    const root = tempDir();
    const dir = corpus(root);
    const db = join(root, 'budget.sqlite');
    const other = spawn('sleep', ['30']);
    const stray: unknown[] = [];
    const onStray = (e: unknown) => void stray.push(e);
    process.on('unhandledRejection', onStray);
    try {
      writeFileSync(`${db}.lock`, String(other.pid));
      // A thread takes the documents before the build is opened; the build's refusal stops the thread.
      const err = await ingest(dir, db, { workers: 1, force: true }).catch((e: Error) => e);
      expect(err).toMatchObject({ name: 'StoreError' });
      await new Promise((r) => setTimeout(r, 300));
      expect(stray).toEqual([]);
    } finally {
      process.off('unhandledRejection', onStray);
      other.kill();
    }
  });

  it('the lock of a run that was killed is taken over', () => {
    const root = tempDir();
    const dir = corpus(root);
    const db = join(root, 'budget.sqlite');
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    writeFileSync(`${db}.lock`, gone);
    expect(ingestDirectory(dir, db).replaced).toBe(true);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });
});
