// The search index needs no dictionary: Han text is indexed as overlapping character pairs, so any
// run of two or more characters of a passage, cut anywhere, finds that passage — the property a
// segmenter's index lacked (a word cut one way at ingest and another in the query did not match).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { bigramWords, indexTokens } from '../../src/query/index-tokens.js';
import { ftsQuery } from '../../src/query/search-terms.js';
import { openDatabase } from '../../src/store/db.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

describe('index words', () => {
  it.each([
    ['医疗救助', ['医疗', '疗救', '救助']],
    ['县', ['县']],
    ['2024年预算', ['2024', '年预', '预算']],
    ['P2P平台、GDP', ['p2p', '平台', 'gdp']],
    ['（一）收入预算：1,234.56万元', ['一', '收入', '入预', '预算', '1', '234', '56', '万元']],
    ['', []],
  ])('%s → %j', (text, words) => {
    expect(bigramWords(text)).toEqual(words);
  });

  it('is linear: a 200,000-character passage is cut at once', () => {
    const text = '医疗'.repeat(100_000);
    expect(indexTokens(text).split(' ')).toHaveLength(199_999);
  });
});

describe('search over the seeds', () => {
  const dir = tempDir();
  const file = join(dir, 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, file);
  const db = openDatabase(file);
  afterAll(() => db.close());
  const rows = db.prepare('SELECT rowid, text FROM search_index').all() as { rowid: number; text: string }[];
  const finds = (rowid: number, words: string) => {
    const query = ftsQuery(words, 'AND');
    return query !== null && db.prepare('SELECT 1 FROM search_index WHERE search_index MATCH ? AND rowid = ?').get(query, rowid) !== undefined;
  };

  it('indexes every project, target and passage of the seeds', () => {
    expect(rows.length).toBeGreaterThan(400);
  });

  it('finds each passage by any run of its Han characters, whatever the segmenter makes of it', () => {
    let tried = 0;
    for (const [i, { rowid, text }] of rows.entries()) {
      const runs = text.match(/\p{Script=Han}{2,}/gu) ?? [];
      if (!runs.length) continue;
      // A run and a cut inside it chosen from the row's position, so every run length and offset occurs.
      const run = runs[i % runs.length];
      const start = i % Math.max(1, run.length - 1);
      const piece = run.slice(start, start + 2 + (i % 5));
      expect(finds(rowid, piece), `${piece} in ${text.slice(0, 60)}`).toBe(true);
      tried++;
    }
    expect(tried).toBeGreaterThan(400);
  });

  it('searches FTS syntax in the words, never runs it', () => {
    for (const hostile of ['"', 'NEAR(医疗 保险)', '医疗 OR *', '(((', 'a"b', '^医疗', '医疗:保险']) {
      const query = ftsQuery(hostile, 'AND');
      if (query) expect(() => db.prepare('SELECT count(*) FROM search_index WHERE search_index MATCH ?').get(query)).not.toThrow();
    }
  });
});
