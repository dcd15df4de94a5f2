// How many parse threads an ingest starts: none where a thread cannot repay its start (a small
// corpus, one core), one while parsing fits in the dictionary's load, more as the corpus grows.
import { describe, expect, it } from 'vitest';
import { PARSE_COSTS, poolSize } from '../../src/store/pool-size.js';

const KB = 1024;
const MB = 1024 * KB;

describe('poolSize', () => {
  it.each([
    ['one core, whatever the corpus', { bytes: 4000 * MB, cores: 1 }, 0],
    ['two documents (less parsing than a thread start)', { bytes: 100 * KB, cores: 2 }, 0],
    ['the five seeds (212 KB)', { bytes: 212 * KB, cores: 2 }, 1],
    ['the 39 corpus texts (1.65 MB)', { bytes: 1.65 * MB, cores: 2 }, 1],
    ['4 MB on two cores', { bytes: 4 * MB, cores: 2 }, 2],
    ['4 MB on eight cores: parsing ends with the dictionary on two', { bytes: 4 * MB, cores: 8 }, 2],
    ['12 MB on eight cores', { bytes: 12 * MB, cores: 8 }, 4],
    ['4 GB on eight cores', { bytes: 4000 * MB, cores: 8 }, 8],
    ['4 GB, at most two asked for', { bytes: 4000 * MB, cores: 8, maxThreads: 2 }, 2],
  ])('%s → %i', (_, input, threads) => {
    expect(poolSize(input)).toBe(threads);
  });

  it('the threshold moves with the measured costs: a slower thread start needs more to parse', () => {
    expect(poolSize({ bytes: 212 * KB, cores: 2 }, { ...PARSE_COSTS, threadStartMs: 400 })).toBe(0);
  });
});
