// `budget-bot ingest` as a user runs it: a live bar on a terminal (a real pseudo-terminal through
// util-linux `script`), plain periodic lines in a pipe, nothing with --quiet, and Ctrl-C (SIGINT)
// mid-run leaving the old database whole and no temp file.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
const root = tempDir();
const corpus = join(root, 'corpus');
writeCorpus(corpus, 80);
const hasScript = spawnSync('script', ['--version']).status === 0;
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The "done/total 份" counts of the parse phase, in the order they were shown. */
const parseCounts = (out: string) => [...out.matchAll(/解析[^\n\r]*?(\d+)\/80 份/g)].map((m) => Number(m[1]));

describe('ingest progress', () => {
  it.skipIf(!hasScript)('on a terminal: a bar redrawn in place whose figures change, cleared before the report', () => {
    const db = join(root, 'tty.sqlite');
    const cmd = [process.execPath, BIN, 'ingest', '--data', corpus, '--db', db, '--workers', '2'].map(shellQuote).join(' ');
    const out = execFileSync('script', ['-qfec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 150_000 });
    const counts = parseCounts(out);
    expect(new Set(counts).size).toBeGreaterThan(2);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(out).toMatch(/\d+(\.\d)? 份\/秒 · 已用 \d+秒 · 剩余 /);
    expect(out).toMatch(/无法读取 0 份/);
    // Redrawn in place (cursor to column 1), phases shown, and the line cleared before the report.
    expect(out).toContain('\x1b[1G');
    expect(out).toContain('建立索引');
    expect(out).toMatch(/\x1b\[2K[^\n]*已写入 /);
    expect(out).toMatch(/文件 80 份，载入预算 96 份/);
  }, 180_000);

  it('in a pipe: a plain line every interval with the same figures, never a carriage return', () => {
    const db = join(root, 'pipe.sqlite');
    const r = spawnSync(process.execPath, [BIN, 'ingest', '--data', corpus, '--db', db, '--workers', '2', '--progress-interval', '0.3'], { encoding: 'utf8', timeout: 150_000 });
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('解析：'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^解析：\d+\/80 份，(—|\d+\.\d) 份\/秒，已用 \d+秒，预计剩余 .+，无法读取 0 份$/);
    expect(new Set(parseCounts(r.stderr)).size).toBeGreaterThanOrEqual(2);
    expect(r.stderr).not.toMatch(/[\r\x1b]/);
    expect(r.stdout).toMatch(/^已写入 .*\n文件 80 份，载入预算 96 份/);
  }, 180_000);

  it('--quiet: nothing on stderr, the same report on stdout', () => {
    const db = join(root, 'quiet.sqlite');
    const r = spawnSync(process.execPath, [BIN, 'ingest', '--data', corpus, '--db', db, '--quiet', '--progress-interval', '0.1'], { encoding: 'utf8', timeout: 150_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^已写入 .*\n文件 80 份，载入预算 96 份/);
  }, 180_000);

  it('Ctrl-C (SIGINT) mid-run: says so, exits 130, the old database byte for byte intact, no temp file', async () => {
    // The old database: the bundled documents.
    const db = join(root, 'old.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    const before = readFileSync(db);
    const child = spawn(process.execPath, [BIN, 'ingest', '--data', corpus, '--db', db, '--force', '--workers', '2', '--progress-interval', '0.2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (b) => (stdout += b));
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (b) => {
        stderr += b;
        // Interrupt once ten documents are in the temp database, workers busy with the next ones
        // (terminating a worker inside jieba's native code once aborted the whole process).
        if (/解析：([1-9]\d+)\/80/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c, sig) => resolve(c ?? (sig as unknown as number)));
    });
    expect([code, stderr.slice(-300)]).toEqual([130, expect.stringContaining('已中断')]);
    expect(stderr).toMatch(/已中断：原数据库 .*old\.sqlite 保持不变，临时文件已删除。/);
    expect(stdout).toBe('');
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 180_000);
});
