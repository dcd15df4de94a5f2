// When the Discord adapter defers its first reply: a command seen slow lately, or a segmenting
// command (/search, /ask) while the segmenter's dictionary is not loaded yet.
import { describe, expect, it } from 'vitest';
import { shouldDefer } from '../../src/adapters/discord.js';

describe('deferring the first reply', () => {
  it.each([
    ['search', undefined, 1000, false, true],
    ['ask', undefined, 1000, false, true],
    ['search', undefined, 1000, true, false],
    ['budget', undefined, 1000, false, false],
    ['budget', 1500, 1000, true, true],
    ['search', 20, 1000, false, false],
    ['budget', undefined, -1, true, true],
  ] as const)('%s (last %s ms, threshold %s, dictionary loaded %s) → %s', (name, last, threshold, ready, expected) => {
    expect(shouldDefer(name, last, threshold, ready)).toBe(expected);
  });
});
