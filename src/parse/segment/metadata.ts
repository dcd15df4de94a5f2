// Who published the disclosure, for which year, and what it is — read from every signal the
// document gives (cover, "预算单位：" lines, part headings, table headers, table titles, the narrative),
// weighed, and cross-checked: where strong signals disagree the document says so in a finding.
import type { Line } from '../front/lines.js';
import type { TableBlock } from './tables.js';
import type { Finding, Kind, Scope } from '../types.js';

export interface Meta {
  department: string | null;
  unitName: string | null;
  region: string | null;
  year: number | null;
  kind: Kind;
  scope: Scope;
  /** Where the signals disagreed: said, never silently resolved. */
  findings: Finding[];
}

const ORG_SUFFIX = '(?:局|厅|委员会|委|院|办公室|办|部|会|中心|所|站|队|处|署|馆|社|团|校|学院|医院|法院|检察院|政府|园|学|场|台)';
const ORG_NAME = new RegExp(`^[\\u4e00-\\u9fa5（）]{2,40}?${ORG_SUFFIX}(?:（本级）|本级|机关)?$`);
const UNIT_SUFFIX = /(?:（本级）|本级|机关|（机关）)$/;

/** How much each kind of evidence weighs: the cover and part headings name the publisher outright. */
const WEIGHT = { cover: 6, heading: 3, labelled: 2, header: 2, standalone: 1 } as const;

/** Lines that name the entity with a label: "预算单位：…", "部门：…", "编制部门：…", "450 巨鹿县医疗保障局 预算年度". */
const LABELLED: [RegExp, keyof typeof WEIGHT][] = [
  [/(?:预算单位|预算主管部门|主管部门|编制部门|编制单位|部门名称|单位名称|部门（单位）名称|部门|单位)[：:]\s*([\u4e00-\u9fa5（）()\s]{2,44})/g, 'labelled'],
  [/^\s*\d{3,9}\s*([\u4e00-\u9fa5（）()]{2,40})\s*(?:预算年度|决算年度|单位[：:]|$)/g, 'header'],
  [/项目主管部门\s*\t?\s*([\u4e00-\u9fa5（）()]{2,40})/g, 'labelled'],
  [/^\s*第[一二三四五六七八九十]+部分\s*([\u4e00-\u9fa5（）()\s\d]{2,60})/g, 'heading'],
];

/** What a line must hold for each LABELLED pattern to be worth running. */
const ANCHORS = [/[：:]/, /^\s*\d{3,9}/, /项目主管部门/, /^\s*第[一二三四五六七八九十]+部分/];

/** Canonical form, so that one department has one name across years and publishers. */
export function canonicalDepartment(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/^中国共产党(.+?)委员会/, '中共$1委')
    .replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));
}

/** The innermost administrative area a department name starts with: 新乡市凤泉区医疗保障局 → 凤泉区. */
export function regionOf(department: string): string | null {
  const name = department.replace(/^中共/, '');
  // The match is lazy (the shortest name first), so a city whose name ends in 州 (广州, 温州, 杭州)
  // would stop at 州 and leave "市天河区" behind: 州 takes the 市 or 区 printed right after it.
  const re = /^([\u4e00-\u9fa5]{1,7}?(?:自治区|自治州|自治县|特别行政区|省|市|州[市区]?|盟|县|区|旗))/;
  let rest = name;
  let region: string | null = null;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    region = m[1];
    rest = rest.slice(m[1].length);
  }
  return region;
}

/**
 * An organisation's name out of a title-like fragment: years, "年度部门预算公开", "概况", "表" and
 * the like are cut away; what is left must end like an organisation.
 */
export function organisationIn(fragment: string): string | null {
  let t = canonicalDepartment(fragment).replace(/\d{1,3}$/, '');
  // A year printed on the line above leaves its 年 before the name ("2026" / "年烟台市医疗保障局"): no
  // body's name starts with 年.
  t = t.replace(/^(?:20\d{2}年度?)+|^年度?/, '');
  // A consolidated (汇总) disclosure is the department's own: "西安市统计局（汇总）" is 西安市统计局.
  t = t.replace(/（汇总）/g, '');
  t = t.replace(/(?:20\d{2}年度?|年度?)?(?:区级|市级|省级|县级)?(?:部门|单位)?(?:预算|决算)(?:公开|表|情况|信息).*$|(?:20\d{2}年度?).*$|(?:部门|单位)(?:预算|决算)$|(?:概况|基本情况)$|(?:部门|单位)$/, '');
  t = t.replace(/(?:部门|单位)$/, '');
  if (!ORG_NAME.test(t) || /^(?:部门|单位|项目|本部门|本单位|预算|决算|主管|编制|年度)/.test(t)) return null;
  return t;
}

/** The first lines of the document, before its table of contents, as one string. */
function coverOf(lines: Line[]): string {
  const out: string[] = [];
  for (const l of lines.slice(0, 40)) {
    const t = l.text.replace(/\s+/g, '');
    if (!t) continue;
    const cut = t.search(/目录|^-?\d{1,3}-?$/);
    if (cut >= 0) { out.push(t.slice(0, cut)); if (cut > 0 || out.length > 0) break; continue; }
    out.push(t);
    if (out.length >= 6) break;
  }
  return out.join('');
}

type Votes = Map<string, number>;
const vote = (votes: Votes, name: string | null, weight: number) => { if (name) votes.set(name, (votes.get(name) ?? 0) + weight); };

function departmentVotes(lines: Line[], cover: string): Votes {
  const votes: Votes = new Map();
  // The cover: a label there ("预算单位：上海市财政局"), or the title itself ("2026年度苏州市数据局部门预算公开").
  const labelled = /(?:预算单位|预算主管部门|主管部门)[：:]([\u4e00-\u9fa5（）()]{2,40})/.exec(cover);
  vote(votes, labelled ? organisationIn(labelled[1]) : organisationIn(cover.replace(/^.*?(?=20\d{2})/, '')) ?? organisationIn(cover), WEIGHT.cover);
  for (const l of lines.slice(0, 4000)) {
    // Each pattern only where its anchor is on the line: most lines have none.
    const anchored = LABELLED.filter((_, k) => ANCHORS[k].test(l.text));
    for (const [re, kind] of anchored) {
      for (const m of l.text.matchAll(re)) {
        const raw = m[1].split(/\s{2,}|\t|单位[：:]/)[0];
        if (/^(?:万元|元|千元|亿元)/.test(raw.trim())) continue;
        vote(votes, organisationIn(raw), WEIGHT[kind]);
      }
    }
  }
  if (votes.size === 0) vote(votes, standaloneName(lines), WEIGHT.standalone);
  return votes;
}

/** Folds a short form into the longer name that ends with it (江苏省委办公厅 → 中共江苏省委办公厅). */
function foldVotes(votes: Votes): [string, number][] {
  const names = [...votes.keys()].sort((a, b) => b.length - a.length);
  const folded = new Map<string, number>();
  for (const n of names) {
    const base = n.replace(UNIT_SUFFIX, '');
    const into = [...folded.keys()].find((k) => k !== n && k.replace(UNIT_SUFFIX, '').endsWith(base) && /^中共/.test(k) && !/^中共/.test(base));
    const key = UNIT_SUFFIX.test(n) ? n : into ?? n;
    folded.set(key, (folded.get(key) ?? 0) + votes.get(n)!);
  }
  return [...folded.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
}

function detectDepartment(lines: Line[], cover: string, findings: Finding[]): { department: string | null; unitName: string | null } {
  const ranked = foldVotes(departmentVotes(lines, cover));
  // A 本级 name votes for its department too.
  const score = new Map<string, number>();
  for (const [n, w] of ranked) score.set(n.replace(UNIT_SUFFIX, ''), (score.get(n.replace(UNIT_SUFFIX, '')) ?? 0) + w);
  const best = [...score.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  if (!best.length) return { department: null, unitName: null };
  const [department, weight] = best[0];
  const rival = best.slice(1).find(([n, w]) => w >= WEIGHT.cover && w * 2 > weight && !n.startsWith(department) && !department.startsWith(n) && !n.endsWith(department) && !department.endsWith(n));
  if (rival) {
    findings.push({ rule: 'metadata-disagree', severity: 'warning', table: '全文', line: lines[0]?.no ?? 1, message: `文件中的部门名称不一致：“${department}”与“${rival[0]}”；按出现更多、更明确的“${department}”载入` });
  }
  const unitName = ranked.map(([n]) => n).find((n) => n !== department && n.replace(UNIT_SUFFIX, '') === department && UNIT_SUFFIX.test(n));
  return { department, unitName: unitName ?? null };
}

const STANDALONE_END = new RegExp(`${ORG_SUFFIX}\\s*$`);

/** Fallback: the organisation name printed most often as a line of its own (one-cell-per-line layouts). */
function standaloneName(lines: Line[]): string | null {
  const counts = new Map<string, number>();
  for (const l of lines) {
    // A name alone on its line is short and ends like an organisation.
    if (l.text.length > 40 || !STANDALONE_END.test(l.text)) continue;
    const t = organisationIn(l.text.trim());
    if (t && /^[\u4e00-\u9fa5]{1,12}?(?:省|市|州|县|区|旗)/.test(t) && t === canonicalDepartment(l.text.trim())) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

const YEAR_OF_TITLE = /(20\d{2})年度?(?:区级|市级|省级|县级)?(?:预算单位|部门|单位|本级)?(?:[\u4e00-\u9fa5“”]{0,16}?)(?:预算|决算)(?:公开|信息公开|情况说明|表|$)/g;

/**
 * The budget year: a header's 预算年度 first, then the cover, then table titles ("2025年预算单位财务收支预算总表"),
 * then the narrative's "2023年度". Years the narrative compares with ("比2022年") never count.
 */
function detectYear(lines: Line[], cover: string, tables: TableBlock[], findings: Finding[]): number | null {
  const text = lines.map((l) => l.text).join('\n');
  const stated = /(?:预算|决算)年度\s*[：:]\s*(20\d{2})/.exec(text);
  const coverYears = [...new Set([...cover.matchAll(/(20\d{2})(?=年|$|目录|[\u4e00-\u9fa5])/g)].map((m) => Number(m[1])))];
  const coverYear = coverYears.length === 1 ? coverYears[0] : null;
  const titled = new Map<number, number>();
  // Only lines that could hold a title's year ("2023年…预算") are looked at.
  const compact = lines.slice(0, 6000).filter((l) => /年/.test(l.text) && /[预决]算/.test(l.text)).map((l) => l.text.replace(/\s+/g, '')).join('\n');
  for (const m of compact.matchAll(YEAR_OF_TITLE)) titled.set(Number(m[1]), (titled.get(Number(m[1])) ?? 0) + 1);
  for (const t of tables) for (const m of t.title.matchAll(/(20\d{2})年/g)) titled.set(Number(m[1]), (titled.get(Number(m[1])) ?? 0) + 2);
  const titleYear = [...titled.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null;
  const year = stated ? Number(stated[1]) : coverYear ?? titleYear ?? narrativeYear(text);
  const others = [stated && Number(stated[1]), coverYear, titleYear].filter((y): y is number => y !== null && y !== 0 && y !== year);
  if (year !== null && others.length) {
    findings.push({ rule: 'metadata-disagree', severity: 'warning', table: '全文', line: lines[0]?.no ?? 1, message: `文件中的年度不一致：${year}年与${others[0]}年；按${stated ? '“预算年度”' : coverYear ? '封面' : '表格标题'}的${year}年载入` });
  }
  return year;
}

function narrativeYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})\s*年(?:度|当年预算|度目标|预算)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null;
}

function countMatches(lines: Line[], re: RegExp): number {
  return lines.reduce((n, l) => n + (l.text.match(re)?.length ?? 0), 0);
}

export function detectMeta(lines: Line[], tables: TableBlock[]): Meta {
  const findings: Finding[] = [];
  const titles = tables.map((t) => t.title).join('\n');
  const cover = coverOf(lines);
  const kind: Kind = countMatches(lines, /决算/g) > countMatches(lines, /预算/g) || /决算/.test(titles) || /决算/.test(cover) ? '决算' : '预算';
  // A unit's own tables say so in the title ("2024年单位预算收支总表", "单位收支总表"), a department's likewise.
  const unitTitles = (titles.match(/单位(?:预算|决算)|^单位/gm) ?? []).length + (/单位(?:预算|决算)/.test(cover) ? 2 : 0);
  const deptTitles = (titles.match(/部门(?:预算|决算)|^部门/gm) ?? []).length + (/部门(?:预算|决算)/.test(cover) ? 2 : 0);
  const { department, unitName } = detectDepartment(lines, cover, findings);
  // Where titles and cover do not tell, a name printed as the unit's own ("…局（本级）") does.
  const scope: Scope = unitTitles > deptTitles || (unitTitles === deptTitles && unitName !== null) ? '单位' : '部门';
  return {
    department,
    unitName: scope === '单位' ? unitName ?? department : null,
    region: department ? regionOf(department) : null,
    year: detectYear(lines, cover, tables, findings),
    kind,
    scope,
    findings,
  };
}
