// A corpus of copies of one long document: each copy's disclosures are duplicates of the kept
// copy's, checked against it read again on the writer's thread. Read once per disclosure per copy,
// five copies of a 20-disclosure document held the ingest (and Ctrl-C on the writer) for a minute.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

describe('copies of a long document', () => {
  it('are checked against the kept one read once, not once per disclosure per copy', () => {
    const root = tempDir();
    const dir = join(root, 'data');
    mkdirSync(dir);
    const seeds = ['000_2c141d3c228c2a71.txt', '001_df29ae28ecb651dd.txt', '003_aefd0e6609c5871f.txt', '004_415779c2f9ebc6e8.txt'];
    const long = Array(4).fill(seeds.map((f) => readFileSync(join(DEFAULT_DATA_DIR, f), 'utf8')).join('\n')).join('\n');
    for (let copy = 0; copy < 5; copy++) writeFileSync(join(dir, `${copy}.txt`), long);
    const t0 = performance.now();
    const report = ingestDirectory(dir, join(root, 'budget.sqlite'));
    const ms = performance.now() - t0;
    expect(report.duplicates.length).toBeGreaterThanOrEqual(4);
    // Five parses and one re-read; once per disclosure per copy was sixty-odd re-reads (60 s measured, 11 s now).
    expect(ms).toBeLessThan(30_000);
  }, 120_000);
});
