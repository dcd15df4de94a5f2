// The search index's words, made without a dictionary: Chinese text as overlapping pairs of
// characters (医疗救助 → 医疗 疗救 救助), any other run of letters or digits whole. A query is cut the
// same way, so any run of two or more characters a user types matches wherever the text prints it,
// however a segmenter would have cut either side; no dictionary (jieba's takes seconds and ≈300 MB
// to load) is needed to build the index. This is the classic CJK bigram index (Lucene's CJK analyzer).

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** The index's words of a text, in order: pairs of Han characters, single ones where a run has one, other words whole. */
export function bigramWords(text: string): string[] {
  const out: string[] = [];
  let han: string[] = [];
  let word = '';
  const flushHan = () => {
    if (han.length === 1) out.push(han[0]);
    for (let i = 0; i + 1 < han.length; i++) out.push(han[i] + han[i + 1]);
    han = [];
  };
  const flushWord = () => {
    if (word) out.push(word.toLowerCase());
    word = '';
  };
  for (const ch of text) {
    if (HAN.test(ch)) {
      flushWord();
      han.push(ch);
    } else if (WORD.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return out;
}

/** The `tokens` column of search_index: the text's index words, space-separated. */
export function indexTokens(text: string): string {
  return bigramWords(text).join(' ');
}
