// Chinese word segmentation (nodejieba), shared by the search index and query understanding.
// Words from the loaded data (department, region and subject names) and the topic synonyms are
// added to jieba's dictionary so they come out whole.
import { createRequire } from 'node:module';

interface Jieba {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

// nodejieba is CommonJS with a native addon; loading it lazily keeps start-up fast for commands
// that never segment.
let jieba: Jieba | null = null;
const added = new Set<string>();

function engine(): Jieba {
  if (!jieba) jieba = createRequire(import.meta.url)('nodejieba') as Jieba;
  return jieba;
}

export function addWords(words: Iterable<string>): void {
  const j = engine();
  for (const w of words) {
    const word = w.trim();
    if (word.length < 2 || word.length > 40 || /\s/.test(word) || added.has(word)) continue;
    j.insertWord(word);
    added.add(word);
  }
}

/** Words of a query, punctuation and whitespace dropped. */
export function segment(text: string): string[] {
  return engine().cut(text, true).map((w) => w.trim()).filter((w) => w && !/^[\p{P}\p{S}\s]+$/u.test(w));
}

/** Words for indexing: the fine-grained cut plus compounds, so either form of a query matches. */
export function indexTokens(text: string): string {
  return engine().cutForSearch(text, true).map((w) => w.trim()).filter((w) => w && !/^[\p{P}\p{S}\s]+$/u.test(w)).join(' ');
}
