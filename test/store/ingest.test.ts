// Ingest: atomic swap, idempotent re-runs, bad documents reported and skipped.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { openDatabase } from '../../src/store/db.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

function dataDir(root: string, files: string[], extra: Record<string, string | Uint8Array> = {}): string {
  const dir = join(root, `data-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  for (const f of files) copyFileSync(join(DEFAULT_DATA_DIR, f), join(dir, f));
  for (const [name, body] of Object.entries(extra)) writeFileSync(join(dir, name), body);
  return dir;
}

describe('ingest', () => {
  const root = tempDir();

  it('loads the good documents and names each bad one with its reason', () => {
    const dir = dataDir(root, ['000_2c141d3c228c2a71.txt', '004_415779c2f9ebc6e8.txt'], {
      'empty.txt': '', 'binary.txt': Uint8Array.from({ length: 2048 }, (_, i) => i % 256), 'notes.txt': '会议纪要\n今天讨论了工作安排。\n',
    });
    const db = join(root, 'a.sqlite');
    const r = ingestDirectory(dir, db);
    expect([r.files, r.disclosures, r.replaced]).toEqual([5, 3, true]);
    expect(r.rejected.map((x) => x.source)).toEqual(['binary.txt', 'empty.txt', 'notes.txt']);
    expect(r.rejected.find((x) => x.source === 'empty.txt')!.reason).toBe('文件为空');
    const conn = openDatabase(db);
    expect(conn.prepare('SELECT count(*) n FROM rejected').get()).toEqual({ n: 3 });
    expect(conn.prepare("SELECT amount FROM totals t JOIN documents d ON d.id = t.doc_id WHERE d.source LIKE '000%' AND key = 'basic'").get()).toEqual({ amount: 298_800_000 });
    conn.close();
  });

  it('changes nothing when re-run on unchanged documents', () => {
    const dir = dataDir(root, ['002_b2ab98c35d1620c6.txt']);
    const db = join(root, 'b.sqlite');
    ingestDirectory(dir, db);
    const before = statSync(db).mtimeMs;
    const again = ingestDirectory(dir, db);
    expect([again.unchanged, again.disclosures, statSync(db).mtimeMs]).toEqual([true, 1, before]);
  });

  it('rebuilds when a document changes', () => {
    const dir = dataDir(root, ['002_b2ab98c35d1620c6.txt']);
    const db = join(root, 'c.sqlite');
    ingestDirectory(dir, db);
    copyFileSync(join(DEFAULT_DATA_DIR, '003_aefd0e6609c5871f.txt'), join(dir, '003_aefd0e6609c5871f.txt'));
    const r = ingestDirectory(dir, db);
    expect([r.unchanged, r.disclosures]).toEqual([false, 2]);
  });

  it('keeps the previous database when nothing at all can be loaded', () => {
    const good = dataDir(root, ['000_2c141d3c228c2a71.txt']);
    const bad = dataDir(root, [], { 'empty.txt': '' });
    const db = join(root, 'd.sqlite');
    ingestDirectory(good, db);
    const bytes = readFileSync(db);
    const r = ingestDirectory(bad, db);
    expect([r.disclosures, r.replaced]).toEqual([0, false]);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  const wuhou = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'layouts', 'sc_wuhou_mzj_2024.txt'), 'utf8');
  const loaded = (db: string) => {
    const conn = openDatabase(db);
    try {
      return conn.prepare("SELECT d.source, d.scope, d.unit_name, d.first_line, t.amount FROM documents d JOIN totals t ON t.doc_id = d.id AND t.key = 'expenditure_total' ORDER BY d.source, d.first_line").all();
    } finally {
      conn.close();
    }
  };

  it('loads both disclosures of one file, and checks its twin file part by part', () => {
    const dir = dataDir(root, [], { 'wuhou.txt': wuhou, 'wuhou_twin.txt': wuhou });
    const r = ingestDirectory(dir, join(root, 'f.sqlite'));
    expect([r.disclosures, r.duplicates]).toEqual([2, [{ source: 'wuhou_twin.txt', keptSource: 'wuhou.txt', differences: 0 }, { source: 'wuhou_twin.txt', keptSource: 'wuhou.txt', differences: 0 }]]);
    expect(loaded(join(root, 'f.sqlite'))).toEqual([
      { source: 'wuhou.txt', scope: '部门', unit_name: null, first_line: 1, amount: 2_042_340_000 },
      { source: 'wuhou.txt', scope: '单位', unit_name: '成都市武侯区民政局（本级）', first_line: 527, amount: 1_320_140_000 },
    ]);
  });

  it('takes a file of the same name in another data folder for a twin, part by part', () => {
    const [a, b] = [dataDir(root, [], { 'wuhou.txt': wuhou }), dataDir(root, [], { 'wuhou.txt': wuhou })];
    const r = ingestDirectory([a, b], join(root, 'h.sqlite'));
    expect([r.disclosures, r.duplicates.map((x) => [x.source, x.keptSource, x.differences])]).toEqual([2, [['wuhou.txt', 'wuhou.txt', 0], ['wuhou.txt', 'wuhou.txt', 0]]]);
  });

  it('never takes two disclosures of one file for duplicates, even ones it cannot tell apart', () => {
    // The unit part stripped of everything that names it: both parts read as the 部门 budget.
    const alike = wuhou.replace(/^.*本级2024年单位预算$\n^.*（本级）$\n^2024年单位预算$\n/m, '').replace(/^单位(收支总表|收入总表|支出总表)$/gm, '$1').replaceAll('（本级）', '');
    const r = ingestDirectory(dataDir(root, [], { 'alike.txt': alike }), join(root, 'g.sqlite'));
    expect([r.disclosures, r.duplicates]).toEqual([2, []]);
    expect(loaded(join(root, 'g.sqlite'))).toEqual([
      { source: 'alike.txt', scope: '部门', unit_name: null, first_line: 1, amount: 2_042_340_000 },
      { source: 'alike.txt', scope: '部门', unit_name: null, first_line: 527, amount: 1_320_140_000 },
    ]);
  });

  it('leaves no temporary file behind', () => {
    const dir = dataDir(root, ['000_2c141d3c228c2a71.txt']);
    const db = join(root, 'e.sqlite');
    ingestDirectory(dir, db);
    expect(() => statSync(`${db}.tmp-${process.pid}`)).toThrow();
  });
});
