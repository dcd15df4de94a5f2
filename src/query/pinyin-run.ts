// Is a run of Latin letters two or more pinyin syllables ("zhushan", "julu")? A scanner rather than a
// regex: `^(?:initial? final){2,}$` backtracks exponentially on "aiai…aib" (an optional initial before
// finals that share prefixes), and one such question froze every platform. Here each position is
// visited once with at most MAX_SYLLABLE slices: linear in the run's length.

const INITIALS = ['', 'zh', 'ch', 'sh', ...'bpmfdtnlgkhjqxrzcsyw'];
const FINALS = ['iang', 'iong', 'uang', 'ang', 'eng', 'ing', 'ong', 'ian', 'iao', 'uai', 'uan', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'in', 'un', 'ia', 'ie', 'iu', 'ua', 'uo', 'ue', 'ui', 'er', 'a', 'o', 'e', 'i', 'u', 'v'];

const SYLLABLES = new Set(INITIALS.flatMap((i) => FINALS.map((f) => i + f)));
const MAX_SYLLABLE = Math.max(...[...SYLLABLES].map((s) => s.length));

/** A run longer than any place or item name spelled in pinyin is not looked up at all. */
export const PINYIN_RUN_MAX = 60;

/** True when `run` (lower-case letters) splits wholly into two or more syllables. */
export function isPinyinRun(run: string): boolean {
  const n = run.length;
  if (n < 2 || n > PINYIN_RUN_MAX) return false;
  // most[i]: the most syllables (capped at 2) any split of run[0, i) into syllables has; -1 unreachable.
  const most = new Int8Array(n + 1).fill(-1);
  most[0] = 0;
  for (let i = 0; i < n; i++) {
    if (most[i] < 0) continue;
    for (let len = 1; len <= MAX_SYLLABLE && i + len <= n; len++) {
      if (SYLLABLES.has(run.slice(i, i + len))) most[i + len] = Math.max(most[i + len], Math.min(2, most[i] + 1));
    }
  }
  return most[n] >= 2;
}
