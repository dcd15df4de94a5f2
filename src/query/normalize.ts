// A question as typed → the words the intent rules know: traditional characters simplified, a short
// English question translated, pinyin of a loaded place name ("zhushan") and a near miss of a
// department name ("江苏省检查院") replaced. Every replacement is reported, so the answer can say it.
import { createRequire } from 'node:module';
import { scanWords, type Catalog } from './catalog.js';
import { ENGLISH } from './data/english.js';
import { MEASURES } from './measures.js';
import { TOPIC_WORDS } from './topics.js';
import { TRADITIONAL } from './data/traditional.js';
import { editDistance } from './edit-distance.js';
import { isPinyinRun } from './pinyin-run.js';
import { checkDeadline, outsideBudget } from '../core/deadline.js';
import { findDepartment } from './resolve.js';
import { unloadedPlaceIn } from './department-match.js';

export { editDistance };

export interface Normalized {
  text: string;
  /** "江苏省检查院 → 江苏省检察院": what was read differently from what was typed. */
  corrections: string[];
}

export function simplify(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL.get(ch) ?? ch;
  return out;
}

const ENGLISH_SORTED = [...ENGLISH].sort((a, b) => b[0].length - a[0].length);

function translate(text: string): string {
  let out = ` ${text.toLowerCase()} `;
  for (const [en, zh] of ENGLISH_SORTED) out = out.replace(new RegExp(`(?<![a-z])${en.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}(?![a-z])`, 'g'), zh ? ` ${zh} ` : ' ');
  return out.trim().replace(/\s+/g, ' ');
}

type Pinyin = (text: string, options: { toneType: 'none'; type: 'array' }) => string[];
let pinyinLib: Pinyin | null | undefined;
/** pinyin-pro, loaded on the first question in Latin letters (most questions never need it). */
function pinyinLibrary(): Pinyin | null {
  if (pinyinLib === undefined) {
    try {
      pinyinLib = (createRequire(import.meta.url)('pinyin-pro') as { pinyin: Pinyin }).pinyin;
    } catch {
      pinyinLib = null; // Not installed: pinyin questions are not understood, everything else is.
    }
  }
  return pinyinLib;
}

// Pinyin of every alias, built once per catalog (the catalog is rebuilt when the database is).
const pinyinIndex = new WeakMap<Catalog, Map<string, string>>();
function pinyinOf(c: Catalog): Map<string, string> {
  // Loading and indexing happen once per process (warmPinyin usually does it first): not this answer's work.
  return outsideBudget(() => buildPinyinIndex(c));
}

function buildPinyinIndex(c: Catalog): Map<string, string> {
  let index = pinyinIndex.get(c);
  const pinyin = pinyinLibrary();
  if (!index && pinyin) {
    index = new Map();
    // A national corpus holds too many aliases to transliterate at a question: regions only.
    // Item names too (bangongfei → 办公费), as long as the catalog is small enough to do it at once.
    const words = c.byAlias.size > 5000 ? c.departments.map((d) => d.region ?? '') : [...c.byAlias.keys(), ...c.subjectsByName.keys(), ...MEASURES.flatMap(([, ws]) => ws), ...TOPIC_WORDS];
    for (const w of words) {
      if (!w || !/^[\u4e00-\u9fa5]+$/.test(w)) continue;
      const key = pinyin(w, { toneType: 'none', type: 'array' }).join('');
      if (!index.has(key) || index.get(key)!.length > w.length) index.set(key, w);
    }
    pinyinIndex.set(c, index);
  }
  return index ?? new Map();
}

/**
 * Loads the transliteration and indexes the catalog's names now, off the question path: called in the
 * background when a database is opened, so the first question typed in pinyin does not pay ~150 ms.
 */
export function warmPinyin(c: Catalog): void {
  pinyinOf(c);
}

const QUESTION_MAX = 80;

/** Aliases long enough that one wrong character still leaves them unmistakable. */
const FUZZY_MIN = 5;

function nearDepartment(text: string, c: Catalog): { typed: string; alias: string } | null {
  if (c.byAlias.size > 20000) return null;
  // A near miss must name more than the text already names exactly ("竹山县医保局" is not a typo of 竹山医保局).
  const exact = Math.max(0, ...scanWords(text, c.byAlias, c.longestAlias).map((h) => h.word.length));
  let best: { typed: string; alias: string; d: number } | null = null;
  for (const alias of c.byAlias.keys()) {
    checkDeadline();
    if (alias.length < FUZZY_MIN || alias.length <= exact || text.includes(alias)) continue;
    for (const len of [alias.length, alias.length - 1, alias.length + 1]) {
      for (let i = 0; i + len <= text.length; i++) {
        const w = text.slice(i, i + len);
        if (w[0] !== alias[0] && w[w.length - 1] !== alias[alias.length - 1]) continue;
        const d = editDistance(w, alias, 1);
        if (d === 1 && (!best || alias.length > best.alias.length)) best = { typed: w, alias, d };
      }
    }
  }
  return best;
}

export function normalizeQuestion(input: string, c: Catalog): Normalized {
  const corrections: string[] = [];
  let text = simplify(input);
  if (text !== input) corrections.push(`${input.slice(0, 40)} → ${text.slice(0, 40)}（繁体）`);
  // A question is short; a long text (pasted, or noise) is read as typed rather than searched for near
  // misses. A question in English is longer than the same in Chinese: it is translated up to twice that.
  if (text.length > QUESTION_MAX * (/[\u4e00-\u9fa5]/.test(text) ? 1 : 2)) return { text, corrections };
  // English words (not subject codes, not "top5"): translate, then read any leftover as pinyin.
  if (/[a-z]{2,}/i.test(text)) {
    const before = text;
    text = translate(text);
    text = text.replace(/[a-z]{4,}/g, (run) => {
      // Only a run of two or more syllables is looked up, so an English word ("apply") never pays
      // for loading the transliteration.
      if (!isPinyinRun(run)) return run;
      const index = pinyinOf(c);
      for (const key of [run, run.replace(/(xian|qu|shi|sheng)$/, '')]) {
        const hit = index.get(key);
        if (hit) return hit;
      }
      return run;
    });
    text = text.replace(/(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/g, '');
    if (text !== before) corrections.push(`${before} → ${text}`);
  }
  if (text.length > QUESTION_MAX) return { text, corrections };
  // A near miss is read as the department it nearly names: when nothing resolved, or when it is the
  // rest of the name of the department that did ("竹山县医疗保账局").
  const found = findDepartment(text, c);
  const near = nearDepartment(text.replace(/\s+/g, ''), c);
  // 常州市医保局 is not a typo of 福州市医保局: a real place that is not loaded is said to be not loaded.
  // A department the question already names (by any form of its name) needs no correction.
  if (near && !unloadedPlaceIn(near.typed, c) && found.kind !== 'one') {
    {
      text = text.replace(/\s+/g, '').replace(near.typed, near.alias);
      corrections.push(`${near.typed} → ${near.alias}`);
    }
  }
  return { text, corrections };
}
