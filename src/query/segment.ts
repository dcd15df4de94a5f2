// Chinese word segmentation (nodejieba) for understanding queries: /search's words and free questions.
// The search index itself needs no segmenter (index-tokens.ts).
// Words from the loaded data (department, region and subject names) and the topic synonyms are
// added to jieba's dictionary so they come out whole.
import { createRequire } from 'node:module';
import { outsideBudget } from '../core/deadline.js';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

interface Jieba {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
  load(dictionaries: { idfDict: string; stopWordDict: string }): void;
}

// nodejieba is CommonJS with a native addon whose dictionary takes about a second to load. It is
// loaded on first segmentation, not at start-up: only queries segment (never ingest), so every other
// command answers without waiting for it. Words added before then are queued.
let jieba: Jieba | null = null;
const added = new Set<string>();
let pending: string[] = [];

/**
 * Keyword extraction's tables (IDF weights, stop words), which the bot never uses (it cuts, it does
 * not extract keywords): a one-line stand-in for each instead of jieba's 6 MB IDF file takes ≈10 %
 * off the dictionary's load and 20 MB off its memory. Cutting reads only the dictionary and the HMM model.
 */
const UNUSED_KEYWORD_TABLES = { idfDict: join(PROJECT_ROOT, 'src', 'query', 'data', 'jieba-keywords-idf.utf8'), stopWordDict: join(PROJECT_ROOT, 'src', 'query', 'data', 'jieba-keywords-stop-words.utf8') };

function loadJieba(): Jieba {
  const loaded = createRequire(import.meta.url)('nodejieba') as Jieba;
  loaded.load(UNUSED_KEYWORD_TABLES);
  for (const word of pending) loaded.insertWord(word);
  pending = [];
  return loaded;
}

function engine(): Jieba {
  // The dictionary loads once per process (about a second): not the time of the answer that needs it first.
  if (!jieba) jieba = outsideBudget(loadJieba);
  return jieba;
}

export function addWords(words: Iterable<string>): void {
  for (const w of words) {
    const word = w.trim();
    if (word.length < 2 || word.length > 40 || /\s/.test(word) || added.has(word)) continue;
    added.add(word);
    if (jieba) jieba.insertWord(word);
    else pending.push(word);
  }
}

/** Words of a query, punctuation and whitespace dropped. */
export function segment(text: string): string[] {
  return engine().cut(text, true).map((w) => w.trim()).filter((w) => w && !/^[\p{P}\p{S}\s]+$/u.test(w));
}

/** Loads the dictionary now, so a long-running bot's first /search does not pay for it. */
export function warmSegmenter(): void {
  engine();
}

/** Whether the dictionary is loaded: until it is, the first segmenting command takes about a second. */
export function segmenterLoaded(): boolean {
  return jieba !== null;
}
