// User words → a safe FTS5 expression. Every word is segmented by jieba and quoted as a phrase,
// so FTS syntax in the input (quotes, *, NEAR, OR, parentheses) is searched for, never executed.
import { segment } from './segment.js';

export function ftsQuery(words: string, join: 'AND' | 'OR'): string | null {
  const terms = [...new Set(segment(words).filter((w) => /[\p{L}\p{N}]/u.test(w)).map((w) => `"${w.replace(/"/g, '""')}"`))].slice(0, 12);
  return terms.length ? terms.join(join === 'AND' ? ' ' : ' OR ') : null;
}
