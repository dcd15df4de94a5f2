// User words → a safe FTS5 expression. Every word is segmented by jieba and quoted as a phrase,
// so FTS syntax in the input (quotes, *, NEAR, OR, parentheses) is searched for, never executed.
import { piecesOf, segment } from './segment.js';

const phrase = (words: string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;

/** One query word: the word itself, or the run of its pieces as the index may hold it. */
function termOf(word: string): string {
  const pieces = piecesOf(word);
  return pieces.length > 1 ? `(${phrase([word])} OR ${phrase(pieces)})` : phrase([word]);
}

export function ftsQuery(words: string, join: 'AND' | 'OR'): string | null {
  let kept = [...new Set(segment(words).filter((w) => /[\p{L}\p{N}]/u.test(w)))];
  // Matching any one word: single characters (不, 的, 和) would match nearly every passage.
  if (join === 'OR' && kept.some((w) => w.length > 1)) kept = kept.filter((w) => w.length > 1);
  const terms = kept.slice(0, 12).map(termOf);
  return terms.length ? terms.join(join === 'AND' ? ' AND ' : ' OR ') : null;
}
