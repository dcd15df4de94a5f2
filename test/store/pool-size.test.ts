// How many parse threads an ingest starts: none where a thread cannot repay its cost (a corpus under
// about 3.6 MB, one core), else as many as keep pace with the writer on the cores it leaves free.
import { describe, expect, it } from 'vitest';
import { PARSE_COSTS, poolSize } from '../../src/store/pool-size.js';

const KB = 1024;
const MB = 1024 * KB;

describe('poolSize', () => {
  it.each([
    ['one core, whatever the corpus', { bytes: 4000 * MB, cores: 1 }, 0],
    ['two documents', { bytes: 100 * KB, cores: 2 }, 0],
    ['the five seeds (212 KB)', { bytes: 212 * KB, cores: 2 }, 0],
    ['the 39 corpus texts (1.65 MB: inline 1.26 s, a thread 1.42 s)', { bytes: 1.65 * MB, cores: 2 }, 0],
    ['200 synthetic documents (8.7 MB: inline 4.1 s, a thread 3.6 s)', { bytes: 8.7 * MB, cores: 2 }, 1],
    ['4 GB on two cores: the writer keeps the other core', { bytes: 4000 * MB, cores: 2 }, 1],
    ['4 MB on eight cores: two threads parse as fast as the writer writes', { bytes: 4 * MB, cores: 8 }, 2],
    ['4 GB on eight cores', { bytes: 4000 * MB, cores: 8 }, 2],
    ['4 GB on three cores', { bytes: 4000 * MB, cores: 3 }, 2],
    ['4 GB, at most two asked for', { bytes: 4000 * MB, cores: 8, maxThreads: 2 }, 2],
  ])('%s → %i', (_, input, threads) => {
    expect(poolSize(input)).toBe(threads);
  });

  it('the threshold and the count move with the measured costs', () => {
    expect(poolSize({ bytes: 8.7 * MB, cores: 2 }, { ...PARSE_COSTS, threadCostMs: 1000 })).toBe(0);
    expect(poolSize({ bytes: 1.65 * MB, cores: 2 }, { ...PARSE_COSTS, threadCostMs: 100 })).toBe(1);
    // A writer four times quicker than parsing is kept busy by four threads, where there are cores for them.
    expect(poolSize({ bytes: 4000 * MB, cores: 8 }, { ...PARSE_COSTS, writeMsPerKb: PARSE_COSTS.parseMsPerKb / 4 })).toBe(4);
  });
});
