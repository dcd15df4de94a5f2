// What can be asked about, built from the loaded data: departments with every reasonable name a
// user may type for them, and subjects by code and name. Built once per open database.
import type { DocRow, Queries, SubjectKind } from '../store/queries.js';
import { addWords } from './segment.js';
import { TOPIC_WORDS } from './topics.js';
import { addTo } from '../multimap.js';

export interface Department {
  name: string;
  region: string | null;
  /** This department's documents, oldest first; 部门 before 单位 within a year. */
  docs: DocRow[];
}

export interface Subject {
  kind: SubjectKind;
  code: string;
  /** The name most documents print for the code. */
  name: string;
  names: string[];
}

/** Common short forms of organisation names. */
const ABBREVIATIONS: [RegExp, string[]][] = [
  [/医疗保障局$/, ['医保局', '医保']],
  [/人民检察院$/, ['检察院']],
  [/人民法院$/, ['法院']],
  [/人大常委会办公厅$/, ['人大办公厅', '人大常委会', '人大']],
  [/省委办公厅$/, ['省委办', '省委办公厅']],
  [/市场监督管理局$/, ['市场监管局']],
  [/人力资源和社会保障局$/, ['人社局']],
  [/卫生健康委员会$/, ['卫健委']],
  [/发展和改革委员会$/, ['发改委']],
  [/公安局$/, ['公安局']],
];

const ADMIN = /^[\u4e00-\u9fa5]{1,7}?(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗)/;

export function aliasesOf(name: string, region: string | null): string[] {
  const out = new Set<string>([name]);
  // Without the higher areas: 新乡市凤泉区医疗保障局 → 凤泉区医疗保障局.
  let local = name.replace(/^中共/, '');
  for (let m = ADMIN.exec(local); m && region && !local.startsWith(region); m = ADMIN.exec(local)) local = local.slice(m[0].length);
  out.add(local);
  const org = region && local.startsWith(region) ? local.slice(region.length) : null;
  for (const [re, shorts] of ABBREVIATIONS) {
    if (!re.test(name)) continue;
    for (const s of shorts) {
      const stem = local.replace(re, '');
      // The short form alone ("检察院", "医保局") may mean several departments: resolution lists them.
      if (s.length >= 3) out.add(s);
      out.add(stem + s);
      if (region) {
        out.add(region + s);
        const bare = region.replace(/(?:省|市|县|区|旗|自治区|自治州|自治县)$/, '');
        if (bare.length >= 2) out.add(bare + s);
      }
    }
  }
  if (org && org.length >= 3) out.add(org);
  if (region) {
    out.add(region);
    const bare = region.replace(/(?:省|市|县|区|旗|自治区|自治州|自治县)$/, '');
    if (bare.length >= 2) out.add(bare);
  }
  return [...out].filter((a) => a.length >= 2);
}

export interface Catalog {
  departments: Department[];
  byName: Map<string, Department>;
  /** alias → the departments it may mean */
  byAlias: Map<string, Department[]>;
  longestAlias: number;
  subjects: Map<string, Subject>;
  subjectsByName: Map<string, Subject[]>;
  longestSubjectName: number;
  years: number[];
}

/** The kind a subject code belongs to by the national classification's numbering. */
export function kindOfCode(code: string): SubjectKind {
  return code.startsWith('2') ? 'function' : 'economic';
}

/** A loop, not Math.max(...keys): spreading a national corpus's aliases overflows the call stack. */
export function longestKey(map: Map<string, unknown>): number {
  let n = 0;
  for (const k of map.keys()) if (k.length > n) n = k.length;
  return n;
}

export function buildCatalog(q: Queries): Catalog {
  const byName = new Map<string, Department>();
  for (const d of q.documents()) {
    const dep = byName.get(d.department) ?? { name: d.department, region: d.region, docs: [] };
    dep.docs.push(d);
    byName.set(d.department, dep);
  }
  for (const dep of byName.values()) dep.docs.sort((a, b) => a.year - b.year || (a.scope === '部门' ? -1 : 1));
  const byAlias = new Map<string, Department[]>();
  for (const dep of byName.values()) {
    for (const alias of aliasesOf(dep.name, dep.region)) addTo(byAlias, alias, dep);
    for (const unit of new Set(dep.docs.map((d) => d.unitName).filter((u): u is string => !!u))) byAlias.set(unit, [dep]);
  }

  const subjects = new Map<string, Subject>();
  const byCodeNames = new Map<string, { kind: SubjectKind; names: Map<string, number> }>();
  for (const s of q.subjectNames()) {
    // The national codes say their own kind: 2xx function (支出功能分类), 3xx/5xx economic. A row a
    // document's table put under the other kind does not make the code that kind everywhere.
    if (s.kind !== kindOfCode(s.code)) continue;
    const e = byCodeNames.get(s.code) ?? { kind: s.kind, names: new Map() };
    e.names.set(s.name, (e.names.get(s.name) ?? 0) + s.count);
    byCodeNames.set(s.code, e);
  }
  const subjectsByName = new Map<string, Subject[]>();
  for (const [code, e] of byCodeNames) {
    const names = [...e.names.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n).filter(Boolean);
    const subject: Subject = { kind: e.kind, code, name: names[0] ?? code, names };
    subjects.set(code, subject);
    for (const n of names) addTo(subjectsByName, n, subject);
  }

  // Departments are found by dictionary scan (scanWords), not by jieba; only subject names and
  // topics go into jieba's dictionary, which keeps start-up flat in the number of departments.
  addWords([...subjectsByName.keys(), ...TOPIC_WORDS]);
  return {
    departments: [...byName.values()],
    byName,
    byAlias,
    longestAlias: longestKey(byAlias),
    subjects,
    subjectsByName,
    longestSubjectName: longestKey(subjectsByName),
    years: [...new Set(q.documents().map((d) => d.year))].sort(),
  };
}

/** Longest dictionary words found in text, left to right, not overlapping. */
export function scanWords<T>(text: string, dict: Map<string, T>, longest: number): { word: string; at: number; value: T }[] {
  const out: { word: string; at: number; value: T }[] = [];
  for (let i = 0; i < text.length; ) {
    let hit: string | null = null;
    for (let len = Math.min(longest, text.length - i); len >= 2; len--) {
      const w = text.slice(i, i + len);
      if (dict.has(w)) { hit = w; break; }
    }
    if (hit) {
      out.push({ word: hit, at: i, value: dict.get(hit)! });
      i += hit.length;
    } else i++;
  }
  return out;
}
