// Full-text search ranks a bounded window of matches: exact below the window, constant cost above.
// Over the seeds and synthetic departments made from them (bench/corpus.ts), so a common word is on
// more lines than the window holds.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { openDatabase } from '../../src/store/db.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { createQueries, SEARCH_WINDOW } from '../../src/store/queries.js';
import { ftsQuery } from '../../src/query/search-terms.js';
import { tempDir } from '../helpers/tmp.js';

describe('search window', () => {
  const dir = tempDir();
  const file = join(dir, 'budget.sqlite');
  writeCorpus(join(dir, 'synthetic'), 25);
  ingestDirectory([DEFAULT_DATA_DIR, join(dir, 'synthetic')], file);
  const db = openDatabase(file);
  afterAll(() => db.close());
  const q = createQueries(db);
  const matches = (m: string) => (db.prepare('SELECT count(*) n FROM search_index WHERE search_index MATCH ?').get(m) as { n: number }).n;
  const exact = (m: string) => (db.prepare('SELECT doc_id, line FROM search_index WHERE search_index MATCH ? ORDER BY rank, rowid LIMIT 20').all(m) as { doc_id: number; line: number }[]).map((r) => [r.doc_id, r.line]);

  it('ranks exactly like a full bm25 ordering when the matches fit in the window', () => {
    const m = ftsQuery('长期护理保险', 'AND')!;
    expect(matches(m)).toBeGreaterThan(1);
    expect(matches(m)).toBeLessThan(SEARCH_WINDOW);
    const r = q.search(m, 20);
    expect(r.windowFull).toBe(false);
    expect(r.hits.map((h) => [h.docId, h.line])).toEqual(exact(m));
  });

  it('says when a broad query filled the window', () => {
    const m = ftsQuery('预算', 'AND')!;
    expect(matches(m)).toBeGreaterThan(SEARCH_WINDOW);
    const r = q.search(m, 20);
    expect(r.windowFull).toBe(true);
    expect(r.hits).toHaveLength(20);
    for (const h of r.hits) expect(h.text).toContain('预算');
  });
});
