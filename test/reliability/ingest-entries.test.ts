// Issue 15 items 2–4: a data folder holding things that are not documents — a directory named
// x.txt, a dangling symlink, a symlink loop, a FIFO (a read would block forever), /dev/zero (a read
// never ends) — and a document with a 20-digit amount. Each bad entry is rejected with its reason
// in Chinese; everything else loads. Before the fix the first of them aborted the whole ingest.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { openDatabase } from '../../src/store/db.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { CORPUS_TEXT_DIR, describeCorpus } from '../support/corpus.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = '000_2c141d3c228c2a71.txt';
const root = tempDir();

describe('entries that are not regular files', () => {
  const dir = join(root, 'data');
  mkdirSync(dir);
  copyFileSync(join(DEFAULT_DATA_DIR, SEED), join(dir, SEED));
  mkdirSync(join(dir, 'x.txt'));
  symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
  symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'));
  symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
  execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
  symlinkSync('/dev/zero', join(dir, 'zero.txt'));

  it('are each rejected with their reason, and the document beside them loads', () => {
    const r = ingestDirectory(dir, join(root, 'entries.sqlite'));
    expect(r.disclosures).toBe(1);
    expect(Object.fromEntries(r.rejected.map((x) => [x.source, x.reason]))).toEqual({
      'x.txt': '是一个目录，不是文件',
      'dangling.txt': '是指向不存在文件的符号链接，无法读取',
      'loop-a.txt': '是循环的符号链接，无法读取',
      'loop-b.txt': '是循环的符号链接，无法读取',
      'fifo.txt': '是命名管道（FIFO），不是普通文件',
      'zero.txt': '是设备文件，不是普通文件',
    });
  });

  it('a directory named like a PDF is rejected by name too', () => {
    const pdfDir = join(root, 'pdfs');
    mkdirSync(pdfDir);
    copyFileSync(join(DEFAULT_DATA_DIR, SEED), join(pdfDir, SEED));
    mkdirSync(join(pdfDir, 'y.pdf'));
    const r = ingestDirectory(pdfDir, join(root, 'pdfs.sqlite'));
    expect(r.disclosures).toBe(1);
    expect(r.rejected).toEqual([{ source: 'y.pdf', reason: 'y.pdf：是一个目录，不是文件' }]);
  });
});

describe('an amount of 20 digits', () => {
  it('is named in a finding and left out; the document and its other figures load', () => {
    const dir = join(root, 'huge-amount');
    mkdirSync(dir);
    const text = readFileSync(join(DEFAULT_DATA_DIR, SEED), 'utf8').replace('34 收入总计 534.80 支出总计 534.80', '34 收入总计 12345678901234567890 支出总计 534.80');
    writeFileSync(join(dir, SEED), text);
    const dbFile = join(root, 'huge-amount.sqlite');
    const r = ingestDirectory(dir, dbFile);
    expect([r.disclosures, r.rejected]).toEqual([1, []]);
    const db = openDatabase(dbFile);
    try {
      const findings = db.prepare("SELECT message, line FROM findings WHERE rule = 'amount-out-of-range'").all();
      expect(findings).toEqual([{ line: 85, message: expect.stringMatching(/的合计的金额 12345678901234567890 万元超出可信范围（绝对值超过 9007199254 万元），不予采用$/) }]);
      // Every amount stored is an exact integer of 分; the document's other figures are all there.
      for (const [table, col] of [['totals', 'amount'], ['function_items', 'total'], ['economic_items', 'total']]) {
        const { m } = db.prepare(`SELECT max(abs(${col})) m FROM ${table}`).get() as { m: number };
        expect(Number.isSafeInteger(m), table).toBe(true);
      }
      const fn = db.prepare("SELECT total, basic, project FROM function_items WHERE code = '2101501'").get();
      expect(fn).toEqual({ total: 244_900_000, basic: 219_900_000, project: 25_000_000 });
    } finally {
      db.close();
    }
  });
});

describeCorpus('a 三公 row with a token that is not an amount', () => {
  it('gets a named finding instead of an internal error', () => {
    const text = readFileSync(join(CORPUS_TEXT_DIR!, 'js_jcy_2019_budget.txt'), 'utf8').replace('1276.7 418.26 80', '1276.7 1,2345 80');
    const [d] = parseDocument(text, 'js_jcy_2019_budget.txt');
    expect(d.findings.map((f) => f.message)).toContain('“三公”经费表的 1,2345 不是有效的金额，该表未予采用');
    expect(d.functionItems.length).toBeGreaterThan(10);
  });
});
