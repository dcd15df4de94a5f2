// Issue 21 item 14: the operator's mistakes and the machine's limits end an ingest with a message
// saying what to fix, never a stack trace; the old database stays as it was.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { dataDirProblem } from '../../src/store/read-entry.js';
import { buildPdf } from '../pdf/build-pdf.js';
import { tempDir } from '../helpers/tmp.js';

const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
const sh = (script: string) => spawnSync('sh', ['-c', script], { encoding: 'utf8' });
const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

describe('ingest faults as messages', () => {
  const root = tempDir();

  it('--data that is a file', () => {
    const file = join(root, 'a.txt');
    writeFileSync(file, 'x');
    const r = sh(`${q(process.execPath)} ${q(bin)} ingest --quiet --data ${q(file)} --db ${q(join(root, 'f.sqlite'))}`);
    expect(r.stderr).toBe(`错误：数据目录 ${file} 是一个文件，不是目录（--data 请给出文件所在的目录）\n`);
    expect(r.status).toBe(2);
  }, 60_000);

  it('the PDF text cache cannot be written (ulimit -f)', () => {
    const data = join(root, 'pdfs');
    mkdirSync(data);
    writeFileSync(join(data, 'a.pdf'), buildPdf({ pages: 40 }));
    // 1 block of 512 bytes: a node process's own start writes nothing, the cache's first write fails with EFBIG.
    const r = sh(`ulimit -f 1; ${q(process.execPath)} ${q(bin)} ingest --quiet --data ${q(data)} --db ${q(join(root, 'p', 'x.sqlite'))}`);
    expect(r.stderr).toBe(`错误：无法写入 PDF 文字缓存 ${join(root, 'p', 'pdf-text-cache')}（超过文件大小限制（ulimit -f））；原数据库保持不变。\n`);
    expect(r.status).toBe(2);
  }, 60_000);

  it('the database cannot grow past the file size limit (ulimit -f)', () => {
    const db = join(root, 'u', 'x.sqlite');
    mkdirSync(join(root, 'u'));
    const r = sh(`ulimit -f 64; ${q(process.execPath)} ${q(bin)} ingest --quiet --workers 0 --data ${q(DEFAULT_DATA_DIR)} --db ${q(db)}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toMatch(/^错误：.*原数据库保持不变。\n$/);
    expect(r.status).toBe(2);
  }, 60_000);

  it('an unreadable or missing folder is named with its reason (root reads any folder, so the mapping is checked directly)', () => {
    expect(dataDirProblem('/d', Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('数据目录 /d 无法读取（没有权限）');
    expect(dataDirProblem('/d', Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('数据目录 /d 不存在');
  });
});
