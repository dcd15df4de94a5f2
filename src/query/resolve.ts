// Words → things: departments (with ambiguity and "did you mean"), subjects by code or name.
import { UserError } from '../errors.js';
import { scanWords, type Catalog, type Department, type Subject } from './catalog.js';
import { organisationIn } from './organisation.js';
import { checkDeadline } from '../core/deadline.js';

export type DepartmentMatch =
  | { kind: 'one'; department: Department; matched: string }
  | { kind: 'many'; candidates: Department[]; matched: string }
  | { kind: 'none' };

/** Departments named in a text: all aliases found must agree; the longest decides otherwise. */
export function findDepartment(text: string, c: Catalog): DepartmentMatch {
  const hits = scanWords(text.replace(/\s+/g, ''), c.byAlias, c.longestAlias);
  if (hits.length === 0) return { kind: 'none' };
  let set = new Set(hits[0].value);
  let longest = hits[0].word.length;
  for (const h of hits.slice(1)) {
    const both = h.value.filter((d) => set.has(d));
    if (both.length > 0) set = new Set(both);
    else if (h.word.length > longest) {
      set = new Set(h.value);
      longest = h.word.length;
    }
  }
  const matched = hits.map((h) => h.word).join('');
  const candidates = [...set];
  return candidates.length === 1 ? { kind: 'one', department: candidates[0], matched } : { kind: 'many', candidates, matched };
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
    throw new UserError(`“${m.matched}”可能指 ${names.length} 个部门，请说得更具体（加上地区名）：${listed}`, names.slice(0, LISTED), 'ambiguous-department');
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

const CODE = /(?<!\d)([23]\d{2}(?:\d{2}){0,2})(?!\d)/g;

/** Subjects named by code ("2101501", "210 15 01") or by name ("行政运行") in a text. */
export function findSubjects(text: string, c: Catalog): Subject[] {
  const compact = text.replace(/(?<!\d)(\d{3})\s+(\d{2})(?:\s+(\d{2}))?(?!\d)/g, (_, a, b, d) => a + b + (d ?? ''));
  const byCode = [...compact.matchAll(CODE)].map((m) => c.subjects.get(m[1])).filter((s): s is Subject => !!s);
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
