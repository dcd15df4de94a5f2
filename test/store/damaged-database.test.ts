// Issue 21, item 12: a damaged database at start was a stack trace and exit 70 — and on the default
// path it was silently rebuilt from the five samples (a user's 45 disclosures became 6). Now the file
// is named, with how to rebuild it, and it is never replaced unasked.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { ensureDatabase } from '../../src/cli/database.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { PARSER_VERSION, storedMeta } from '../../src/store/meta.js';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/tmp.js';

const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');

/** Each way a file is found damaged: not a database at all, cut short, pages overwritten. */
const DAMAGE: [string, (file: string) => void][] = [
  ['garbage where a database was', (f) => writeFileSync(f, Buffer.alloc(64 * 1024, 0x5a))],
  ['a file cut to half its size', (f) => truncateSync(f, Math.floor(readFileSync(f).length / 2 / 4096) * 4096)],
  ['pages overwritten in the middle', (f) => {
    const b = readFileSync(f);
    b.fill(0xa5, 4096 * 2, b.length - 4096 * 2);
    writeFileSync(f, b);
  }],
];

describe('a damaged budget database', () => {
  const root = tempDir();
  const good = join(root, 'good.sqlite');
  beforeAll(() => {
    ingestDirectory([DEFAULT_DATA_DIR], good);
  });

  for (const [name, damage] of DAMAGE) {
    it(`${name}: named, with how to rebuild it, and left as it was — also on the default path`, async () => {
      const file = join(root, `${name.replace(/\W+/g, '-')}.sqlite`);
      copyFileSync(good, file);
      damage(file);
      const before = readFileSync(file);
      // As the bundled default database: it used to be rebuilt from the samples here, silently.
      const err = (await ensureDatabase(file, { bundled: file }).then(() => null, (e: Error) => e)) ?? (() => {
        try {
          openApp(file).close();
          return null;
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err?.name).toBe('StoreError');
      expect(err?.message).toContain(`数据库 ${file} 已损坏`);
      expect(err?.message).toContain(`budget-bot ingest --data <预算文件目录> --db ${file}`);
      expect(readFileSync(file).equals(before)).toBe(true);
    }, 60_000);
  }

  it('budget-bot ask on one: the message, exit 2, no stack trace', () => {
    const file = join(root, 'cli.sqlite');
    copyFileSync(good, file);
    DAMAGE[0][1](file);
    const r = spawnSync(process.execPath, [bin, 'ask', '--db', file, '/help'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`错误：数据库 ${file} 已损坏`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a good database still opens', async () => {
    expect(await ensureDatabase(good, { bundled: good })).toBeNull();
    openApp(good).close();
  });

  it('the bundled database built by an older parser is rebuilt at start (derived data); another database is left as it is', async () => {
    const older = join(root, 'older-parser.sqlite');
    copyFileSync(good, older);
    const db = new Database(older);
    db.prepare("UPDATE meta SET value = '0' WHERE key = 'parser_version'").run();
    db.close();
    expect(await ensureDatabase(older, { bundled: join(root, 'elsewhere.sqlite') })).toBeNull();
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    const rebuilt = await ensureDatabase(older, { bundled: older }).finally(() => (process.stderr.write = stderr));
    expect(rebuilt?.disclosures).toBeGreaterThan(0);
    expect(storedMeta(older, 'parser_version')).toBe(PARSER_VERSION);
  });
});

describe('a database path that cannot be opened', () => {
  it('a directory where the file should be: said, not a stack trace', async () => {
    const dir = tempDir();
    const err = await ensureDatabase(dir, { bundled: dir }).then(() => null, (e: Error) => e);
    expect(err?.name).toBe('StoreError');
    expect(err?.message).toContain(`数据库 ${dir} 无法打开`);
  });
});
