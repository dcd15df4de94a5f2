// User words → a safe FTS5 expression over the bigram index (index-tokens.ts). The words are found
// by the segmenter (so several words AND together, wherever each is printed), and each word is cut
// into the index's own pairs and quoted as one phrase: FTS syntax in the input (quotes, *, NEAR, OR,
// parentheses) is searched for, never executed.
import { bigramWords } from './index-tokens.js';
import { segment } from './segment.js';

const quoted = (words: string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;

/**
 * One query word as the index holds it: the phrase of its pairs. A lone Han character is in the
 * index only inside its pairs, so it matches as a prefix (县 finds 县级, 县城; not a 县 that ends a run).
 */
function termOf(word: string): string | null {
  const pieces = bigramWords(word);
  if (!pieces.length) return null;
  if (pieces.length === 1 && [...pieces[0]].length === 1 && /\p{Script=Han}/u.test(pieces[0])) return `${quoted(pieces)}*`;
  return quoted(pieces);
}

const LONE_HAN = /^\p{Script=Han}$/u;
const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;

/**
 * The segmenter's words, each lone Han character joined to the Han word printed right beside it in
 * the query (结转 结余 率 → 结转, 结余率): the index holds a character only in its pairs, so a lone one
 * at the end of a run could not be found, and beside its neighbour it is a pair like any other.
 */
function queryWords(text: string): string[] {
  const out: { word: string; end: number }[] = [];
  let at = 0;
  for (const w of segment(text)) {
    const start = text.indexOf(w, at);
    const end = start < 0 ? at : start + w.length;
    const last = out.at(-1);
    const adjacent = last !== undefined && start === last.end && HAN_END.test(last.word) && HAN_START.test(w);
    if (adjacent && (LONE_HAN.test(w) || LONE_HAN.test(last.word))) {
      last.word += w;
      last.end = end;
    } else out.push({ word: w, end });
    at = end;
  }
  return out.map((o) => o.word);
}

export function ftsQuery(words: string, join: 'AND' | 'OR'): string | null {
  let kept = [...new Set(queryWords(words).filter((w) => /[\p{L}\p{N}]/u.test(w)))];
  // Matching any one word: single characters (不, 的, 和) would match nearly every passage.
  if (join === 'OR' && kept.some((w) => w.length > 1)) kept = kept.filter((w) => w.length > 1);
  const terms = [...new Set(kept.slice(0, 12).map(termOf).filter((t): t is string => t !== null))];
  return terms.length ? terms.join(join === 'AND' ? ' AND ' : ' OR ') : null;
}
