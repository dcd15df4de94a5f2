// Finding a department by the name a person types rather than the name printed: 无锡发改委, 苏州资规局,
// 上海医保中心, 省检察院, 万里街道, 普陀财政局. A question is read as the regions it names (each a loaded
// region, as printed or without its level) and an organisation phrase (ending in 局, 委, 中心, 街道 …);
// the phrase is compared with every short form of the body of each department in those regions
// (department-forms.ts): the same form, a part of it, or its characters in order (资规局 in
// 自然资源和规划局). A region or place named whose organisation is not loaded is reported as such.
import { checkDeadline } from '../core/deadline.js';
import type { Catalog, Department } from './catalog.js';
import { longestKey, scanWords } from './catalog.js';
import { NOT_ORGANISATIONS, ORGANISATION_ENDINGS } from './data/body-abbreviations.js';
import { PLACE_FORMS } from './data/places.js';
import { bodyForms, levelOf, regionForms, splitName } from './department-forms.js';
import { MEASURES } from './measures.js';
import { TOPIC_WORDS } from './topics.js';

interface Entry {
  department: Department;
  regions: string[];
  forms: string[];
}

interface FormIndex {
  entries: Entry[];
  /** A region as typed (普陀区, 普陀) → the printed regions it may be. */
  regionByForm: Map<string, string[]>;
  longestRegionForm: number;
  /** A character → the entries with a body form holding it: candidates for a phrase without a region. */
  byChar: Map<string, Entry[]>;
  byName: Map<string, Entry>;
  /** Places of the country that no loaded department is in (深圳, 泉州市 when only 福州 is loaded). */
  unloadedPlaces: Map<string, true>;
  longestPlace: number;
  /** Words that name a figure, a topic or a subject (城乡医疗救助, 三公经费): never part of an organisation. */
  vocabulary: Map<string, true>;
  longestWord: number;
}

const indexes = new WeakMap<Catalog, FormIndex>();

function indexOf(c: Catalog): FormIndex {
  let index = indexes.get(c);
  if (index) return index;
  const entries: Entry[] = [];
  const regionByForm = new Map<string, string[]>();
  const byChar = new Map<string, Entry[]>();
  for (const department of c.departments) {
    const { regions, body } = splitName(department.name);
    const entry = { department, regions, forms: bodyForms(body) };
    entries.push(entry);
    // Lists grow in place: a national catalog holds tens of thousands of 医保局 sharing each character.
    for (const r of regions) for (const f of regionForms(r)) pushOnce(regionByForm, f, r);
    for (const ch of new Set(entry.forms.join(''))) push(byChar, ch, entry);
  }
  const unloadedPlaces = new Map<string, true>();
  for (const p of PLACE_FORMS) if (!regionByForm.has(p)) unloadedPlaces.set(p, true);
  const vocabulary = new Map<string, true>();
  for (const w of [...c.subjectsByName.keys(), ...MEASURES.flatMap(([, words]) => words), ...TOPIC_WORDS, ...NOT_ORGANISATIONS]) if (w.length >= 2) vocabulary.set(w, true);
  index = {
    entries, regionByForm, byChar, unloadedPlaces, vocabulary,
    byName: new Map(entries.map((e) => [e.department.name, e])),
    longestWord: longestKey(vocabulary),
    longestRegionForm: longestKey(regionByForm),
    longestPlace: longestKey(unloadedPlaces),
  };
  indexes.set(c, index);
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pushOnce(map: Map<string, string[]>, key: string, value: string): void {
  if (!map.get(key)?.includes(value)) push(map, key, value);
}

/** A word that names a loaded region, as printed or without its level (普陀区, 普陀). */
export function isRegionForm(word: string, c: Catalog): boolean {
  return indexOf(c).regionByForm.has(word);
}

/**
 * The part of the loaded departments a question names by place (苏州, 上海市级, 江苏省级): a test of a
 * department's name, and the words that named it; null when no region is named. "X市级"/"X省级" keeps
 * the departments of X itself, not those of its districts.
 */
export function regionScope(text: string, c: Catalog): { named: string; includes: (department: string) => boolean } | null {
  const index = indexOf(c);
  const t = text.replace(/\s+/g, '');
  const hits = scanWords(t, index.regionByForm, index.longestRegionForm);
  if (!hits.length) return null;
  // 上海市级 (the hit 上海市, then 级) and 上海市级 read as 上海 + 市级 alike.
  const levelAfter = (h: { at: number; word: string }) => {
    const after = t.slice(h.at + h.word.length);
    return /[省市区县]$/.test(h.word) && after.startsWith('级') ? '级' : /^[省市区县]级/.test(after) ? after.slice(0, 2) : '';
  };
  const own = hits.map((h) => levelAfter(h) !== '');
  const { byName } = index;
  return {
    named: hits.map((h) => h.word + levelAfter(h)).join(''),
    includes: (name) => {
      const e = byName.get(name);
      return !!e && hits.every((h, i) => (own[i] ? h.value.includes(e.regions.at(-1) ?? '') : h.value.some((r) => e.regions.includes(r))));
    },
  };
}

/** A place of the country that no loaded department is in, named in the text (深圳, 常州市), or null. */
export function unloadedPlaceIn(text: string, c: Catalog): string | null {
  const index = indexOf(c);
  return scanWords(text, index.unloadedPlaces, index.longestPlace)[0]?.word ?? null;
}

/** `a`'s characters appear in `b` in the same order. */
export function isSubsequence(a: string, b: string): boolean {
  let j = 0;
  for (let i = 0; i < b.length && j < a.length; i++) if (b[i] === a[j]) j++;
  return j === a.length;
}

/**
 * 3: a form as typed; 2: the end of a form (检察院 of 人民检察院); 1: a form's characters in order
 * (资规局 of 自然资源和规划局); 0: none. A phrase never matches a form that ends otherwise: 区政府 is not
 * 人民政府万里街道办事处, whatever characters they share.
 */
function strength(phrase: string, forms: string[]): number {
  let best = 0;
  for (const f of forms) {
    if (f === phrase) return 3;
    if (f.at(-1) !== phrase.at(-1)) continue;
    if (f.endsWith(phrase)) best = 2;
    else if (best < 1 && phrase.length >= 3 && isSubsequence(phrase, f)) best = 1;
  }
  return best;
}

/** The ending word a phrase closes with, if any: 局, 委员会, 中心, 街道 … */
function endingOf(phrase: string): string | null {
  return ORGANISATION_ENDINGS.find((e) => phrase.endsWith(e)) ?? null;
}

export type FormMatch =
  | { kind: 'found'; departments: Department[]; matched: string }
  /** A region or place named, with or without an organisation, that no loaded department is. */
  | { kind: 'unloaded'; named: string; region: Department[] }
  | { kind: 'nothing' };

const PHRASE_MAX = 16;
const LEVELS = '省市区县州旗';
/** Endings that name an organisation on their own (江苏政协), where 局 or 委 alone names none. */
const STANDALONE = new Set(['政协', '人大']);

/** The department(s) a text names by any form of their names; see the header. */
export function matchByForm(text: string, c: Catalog): FormMatch {
  const index = indexOf(c);
  const t = text.replace(/\s+/g, '');
  const regionHits = scanWords(t, index.regionByForm, index.longestRegionForm);
  // Regions and the words of figures and subjects are taken out of the text (kept as stop marks), so a
  // phrase never spans one: 竹山县|城乡医疗救助 names no organisation (乡 ends the subject, not a 乡).
  const mask = (s: string, hits: { at: number; word: string }[]) => hits.reduce((m, h) => m.slice(0, h.at) + '|'.repeat(h.word.length) + m.slice(h.at + h.word.length), s);
  const unregioned = mask(t, regionHits);
  const masked = mask(unregioned, scanWords(unregioned, index.vocabulary, index.longestWord).filter((h) => !h.word.includes('|')));
  const inRegions = (e: Entry) => regionHits.every((h) => h.value.some((r) => e.regions.includes(r)));
  const pool = regionHits.length ? index.entries.filter(inRegions) : null;

  let best: { score: number; length: number; entries: Set<Entry>; phrase: string } | null = null;
  let orgPhrase: string | null = null;
  for (let end = masked.length; end > 0; end--) {
    const ending = endingOf(masked.slice(Math.max(0, end - 3), end));
    if (!ending) continue;
    const first = STANDALONE.has(ending) ? end - ending.length : end - ending.length - 1;
    for (let start = first; start >= Math.max(0, end - PHRASE_MAX) && masked[start] !== '|'; start--) {
      checkDeadline();
      const phrase = masked.slice(start, end);
      const afterRegion = start > 0 && masked[start - 1] === '|';
      if (afterRegion && !orgPhrase) orgPhrase = phrase;
      // 省检察院, 市医保局: a level word alone before the organisation names the level of its region.
      const level = LEVELS.includes(phrase[0]) && phrase.length >= 3 ? phrase[0] : null;
      const tries: [string, (e: Entry) => boolean][] = [[phrase, () => true]];
      if (level) tries.push([phrase.slice(1), (e) => levelOf(e.regions.at(-1) ?? '') === level]);
      for (const [p, fits] of tries) {
        const candidates = (pool ?? rarestList(p, index)).filter(fits);
        for (const e of candidates) {
          const s = strength(p, e.forms);
          if (!s) continue;
          // Nearer regions first: 上海财政局 is 上海市财政局 before 上海市普陀区财政局.
          const direct = regionHits.some((h) => h.value.includes(e.regions.at(-1) ?? '')) ? 1 : 0;
          const score = s * 10 + direct;
          if (!best || score > best.score || (score === best.score && p.length > best.length)) best = { score, length: p.length, entries: new Set([e]), phrase };
          else if (score === best.score && p.length === best.length) best.entries.add(e);
        }
      }
    }
  }
  const regionText = regionHits.map((h) => h.word).join('');
  // 深圳医保局: a place no loaded department is in, named without a loaded region, is not another
  // place's 医保局.
  const place = regionHits.length ? null : scanWords(t, index.unloadedPlaces, index.longestPlace)[0];
  if (place && !(best && [...best.entries].some((e) => e.department.name.includes(place.word)))) {
    const org = ORGANISATION_PHRASE.exec(t.slice(place.at + place.word.length))?.[0] ?? '';
    return { kind: 'unloaded', named: place.word + org, region: [] };
  }
  if (best) return { kind: 'found', departments: [...best.entries].map((e) => e.department), matched: regionText + best.phrase };
  if (pool && orgPhrase) return { kind: 'unloaded', named: `${regionText}${orgPhrase}`, region: pool.map((e) => e.department) };
  return { kind: 'nothing' };
}

/** A lazy run up to the first organisation ending. */
const ORGANISATION_PHRASE = new RegExp(`^[\\u4e00-\\u9fa5]{0,${PHRASE_MAX}}?(?:${ORGANISATION_ENDINGS.join('|')})`);

/** The entries that hold the phrase's rarest character (all must, for any strength). */
function rarestList(phrase: string, index: FormIndex): Entry[] {
  let best: Entry[] | null = null;
  for (const ch of new Set(phrase)) {
    const list = index.byChar.get(ch) ?? [];
    if (!best || list.length < best.length) best = list;
  }
  return best ?? [];
}
