// Words → things: departments (with ambiguity and "did you mean"), subjects by code or name.
import { UserError } from '../errors.js';
import { scanWords, type Catalog, type Department, type Subject } from './catalog.js';
import { organisationIn } from './organisation.js';
import { isRegionForm, matchByForm, unloadedPlaceIn } from './department-match.js';
import { checkDeadline } from '../core/deadline.js';

export type DepartmentMatch =
  | { kind: 'one'; department: Department; matched: string }
  | { kind: 'many'; candidates: Department[]; matched: string }
  /** `unloaded`: a place or organisation was named that no loaded department is (深圳医保局, 西安市公安局). */
  | { kind: 'none'; unloaded?: { named: string; region: Department[] } };

/** Departments named in a text by their aliases: all found must agree; the longest decides otherwise. */
function findByAlias(text: string, c: Catalog): DepartmentMatch & { words?: string[]; conflict?: boolean } {
  const hits = scanWords(text, c.byAlias, c.longestAlias);
  if (hits.length === 0) return { kind: 'none' };
  let set = new Set(hits[0].value);
  let longest = hits[0].word.length;
  let conflict = false;
  for (const h of hits.slice(1)) {
    const both = h.value.filter((d) => set.has(d));
    if (both.length > 0) set = new Set(both);
    else {
      // 西安市 | 公安局: two names of different departments — the forms decide (or say it is not loaded).
      conflict = true;
      if (h.word.length > longest) {
        set = new Set(h.value);
        longest = h.word.length;
      }
    }
  }
  const matched = hits.map((h) => h.word).join('');
  const candidates = [...set];
  const words = hits.map((h) => h.word);
  return candidates.length === 1 ? { kind: 'one', department: candidates[0], matched, words, conflict } : { kind: 'many', candidates, matched, words, conflict };
}


/**
 * The department(s) a text names: by a loaded alias where it names one outright, otherwise by the
 * forms people type (department-match.ts), and a place or organisation not loaded is said as such.
 */
export function findDepartment(text: string, c: Catalog): DepartmentMatch {
  const t = text.replace(/\s+/g, '');
  // One question is resolved several times on its way (intent, the 理解为 line, the command): once is enough.
  let memo = recent.get(c);
  if (!memo) recent.set(c, (memo = new Map()));
  const known = memo.get(t);
  if (known) return known;
  if (memo.size >= RECENT) memo.clear();
  const found = resolveDepartment(t, c);
  memo.set(t, found);
  return found;
}

const RECENT = 256;
const recent = new WeakMap<Catalog, Map<string, DepartmentMatch>>();

function resolveDepartment(t: string, c: Catalog): DepartmentMatch {
  const byAlias = findByAlias(t, c);
  // An alias that names the organisation decides; one that names only a place (西安市 of 西安市公安局)
  // leaves the organisation to the forms, which say when it is not the one loaded there.
  // 南京市教育局 is not 无锡市教育局: a place named that is not loaded sends the question to the forms too.
  const place = unloadedPlaceIn(t, c);
  const otherPlace = place && byAlias.kind === 'one' && !byAlias.department.name.includes(place);
  if (byAlias.kind === 'one' && !byAlias.conflict && !otherPlace && !byAlias.words!.every((w) => isRegionForm(w, c))) return strip(byAlias);
  const byForm = matchByForm(t, c);
  if (byForm.kind === 'found') {
    const [first, ...more] = byForm.departments;
    return more.length ? { kind: 'many', candidates: byForm.departments, matched: byForm.matched } : { kind: 'one', department: first, matched: byForm.matched };
  }
  if (byForm.kind === 'unloaded') return { kind: 'none', unloaded: { named: byForm.named, region: byForm.region } };
  return strip(byAlias);
}

function strip(m: DepartmentMatch & { words?: string[]; conflict?: boolean }): DepartmentMatch {
  const { words: _words, conflict: _conflict, ...match } = m;
  return match as DepartmentMatch;
}

/** Character-bigram similarity, for "did you mean". */
function similarity(a: string, b: string): number {
  const grams = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)));
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return [...a].some((ch) => b.includes(ch)) ? 0.1 : 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

export function suggestDepartments(text: string, c: Catalog, n = 3): string[] {
  const t = text.replace(/\s+/g, '');
  return c.departments
    .map((d) => (checkDeadline(), d))
    .map((d) => ({ name: d.name, score: Math.max(similarity(t, d.name), d.region ? similarity(t, d.region) : 0) }))
    .filter((x) => x.score > 0.15)
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((x) => x.name);
}

const LISTED = 12;

/** Exactly one department, or a UserError that lists candidates or suggestions. */
export function requireDepartment(text: string, c: Catalog): Department {
  const m = findDepartment(text, c);
  if (m.kind === 'one') return m.department;
  // "不存在县医保局": the generic short form matched, but the place named matches none of them.
  const place = /([\u4e00-\u9fa5]{1,6}?(?:自治区|省|市|县|区|旗))/.exec(text.replace(m.kind === 'many' ? m.matched : '', ''))?.[1];
  if (m.kind === 'many' && place && !m.candidates.some((d) => d.name.includes(place) || d.region?.includes(place))) {
    throw new UserError(`没有找到部门“${text.trim().slice(0, 30)}”：已载入的部门中没有“${place}”的。`, m.candidates.slice(0, LISTED).map((d) => d.name), 'unknown-department');
  }
  // "江苏省政协": the place matched several departments, the organisation named is none of them.
  const org = m.kind === 'many' ? organisationIn(text.replace(/\s+/g, '').split(m.matched).slice(1).join('')) : null;
  if (m.kind === 'many' && org && !m.candidates.some((d) => d.name.includes(org))) {
    throw new UserError(`没有载入“${m.matched}${org}”的预算。${m.matched}已载入的是：${m.candidates.slice(0, LISTED).map((d) => d.name).join('、')}。`, m.candidates.slice(0, LISTED).map((d) => d.name), 'not-loaded');
  }
  if (m.kind === 'many') {
    // A generic short form (医保局) may name every department of a national corpus: list a few.
    const names = m.candidates.map((d) => d.name);
    const listed = names.length > LISTED ? `${names.slice(0, LISTED).join('、')} 等` : names.join('、');
    throw new UserError(`“${m.matched}”可能指 ${names.length} 个部门，请说得更具体（加上地区名），或点选：${listed}`, names.slice(0, LISTED), 'ambiguous-department', { matched: m.matched, names });
  }
  if (m.unloaded) {
    const { named: what, region } = m.unloaded;
    const listed = region.length ? `${region.length > LISTED ? '其中已载入的有' : '已载入的是'}：${region.slice(0, LISTED).map((d) => d.name).join('、')}。` : '用 /sources 查看已载入的部门。';
    throw new UserError(`没有载入“${what.slice(0, 30)}”的预算。${listed}`, region.length ? region.slice(0, LISTED).map((d) => d.name) : suggestDepartments(text, c), 'not-loaded');
  }
  const suggestions = suggestDepartments(text, c);
  const named = organisationIn(text);
  if (named) throw new UserError(`没有载入“${named.slice(0, 30)}”的预算。用 /sources 查看已载入的部门。`, suggestions, 'not-loaded');
  const shown = text.trim().slice(0, 30) || '（空）';
  throw new UserError(
    `没有找到部门“${shown}”。` + (suggestions.length ? '' : '用 /sources 查看已载入的部门。'),
    suggestions,
    'unknown-department',
  );
}

const MAX_SUBJECTS = 8;
const CODE = /(?<!\d)([23]\d{2}(?:\d{2}){0,2})(?!\d)/g;

/** Subjects named by code ("2101501", "210 15 01") or by name ("行政运行") in a text. */
export function findSubjects(text: string, c: Catalog): Subject[] {
  const compact = text.replace(/(?<!\d)(\d{3})\s+(\d{2})(?:\s+(\d{2}))?(?!\d)/g, (_, a, b, d) => a + b + (d ?? ''));
  // Each subject once, and a few at most: a code pasted sixty times is one subject, not sixty rankings.
  const byCode = [...new Set([...compact.matchAll(CODE)].map((m) => c.subjects.get(m[1])).filter((s): s is Subject => !!s))].slice(0, MAX_SUBJECTS);
  if (byCode.length) return byCode;
  const hits = scanWords(text.replace(/\s+/g, ''), c.subjectsByName, c.longestSubjectName);
  const best = hits.sort((a, b) => b.word.length - a.word.length)[0];
  return best ? best.value : [];
}

/** A subject code the user typed that no loaded document prints. */
export function unknownCode(text: string, c: Catalog): string | null {
  const m = [...text.matchAll(CODE)].find((x) => !c.subjects.has(x[1]));
  return m ? m[1] : null;
}
