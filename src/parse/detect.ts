// Who published the disclosure, for which year, and what it is. Headers say it outright on some
// documents ("450 巨鹿县医疗保障局 预算年度：2023"); others only in titles or the narrative, so each
// fact is read from the strongest evidence present.
import type { Line } from './lines.js';
import type { TableBlock } from './tables.js';
import type { Kind, Scope } from './types.js';

export interface Meta {
  department: string | null;
  unitName: string | null;
  region: string | null;
  year: number | null;
  kind: Kind;
  scope: Scope;
}

const ORG_SUFFIX = '(?:局|厅|委员会|委|院|办公室|办|部|会|中心|所|站|队|处|署|馆|社|团|校|学院|医院)';
/** Header lines that name the entity: "450 巨鹿县医疗保障局 预算年度", "部门名称：…", "部门：…". */
const HEADER_PATTERNS: RegExp[] = [
  new RegExp(`^\\s*\\d{3,9}\\s*([\\u4e00-\\u9fa5（）()]{2,40}?${ORG_SUFFIX}(?:本级|机关)?)\\s*(?:预算年度|决算年度|单位[：:]|$)`),
  new RegExp(`(?:部\\s*门(?:名称)?|单位名称|部门（单位）名\\s*称)\\s*[：:]?\\s*([\\u4e00-\\u9fa5（）()]{2,40}?${ORG_SUFFIX}(?:本级|机关)?)(?=\\s|$|单位)`),
  new RegExp(`项目主管部门\\s*\\t?\\s*([\\u4e00-\\u9fa5]{2,40}?${ORG_SUFFIX})`),
];

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
  const re = /^([\u4e00-\u9fa5]{1,7}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|县|区|旗))/;
  let rest = name;
  let region: string | null = null;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    region = m[1];
    rest = rest.slice(m[1].length);
  }
  return region;
}

function countMatches(lines: Line[], re: RegExp): number {
  return lines.reduce((n, l) => n + (l.text.match(re)?.length ?? 0), 0);
}

function detectDepartment(lines: Line[]): { department: string | null; unitName: string | null } {
  const votes = new Map<string, number>();
  for (const l of lines.slice(0, 4000)) {
    for (const re of HEADER_PATTERNS) {
      const m = re.exec(l.text);
      if (m && m[1] && !/^(部门|单位|项目)/.test(m[1])) votes.set(m[1], (votes.get(m[1]) ?? 0) + 1);
    }
  }
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? standaloneName(lines);
  if (!best) return { department: null, unitName: null };
  const name = canonicalDepartment(best).replace(/(本级|机关)$/, '');
  const unitName = [...votes.keys()].map(canonicalDepartment).find((v) => v !== name && v.startsWith(name) && /(本级|机关)$/.test(v));
  return { department: name, unitName: unitName ?? null };
}

/** Fallback: the organisation name printed most often as a line of its own (one-cell-per-line layouts). */
function standaloneName(lines: Line[]): string | undefined {
  const re = new RegExp(`^[\u4e00-\u9fa5]{1,12}?(?:省|市|州|县|区|旗)[\u4e00-\u9fa5]{1,16}?${ORG_SUFFIX}$`);
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.text.trim();
    if (re.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The budget year: a header's 预算年度 first, then a title's "2023年度部门预算", then the narrative. */
function detectYear(lines: Line[], kind: Kind): number | null {
  const text = lines.map((l) => l.text).join('\n');
  const strong = /(?:预算|决算)年度\s*[：:]\s*(20\d{2})/.exec(text);
  if (strong) return Number(strong[1]);
  const titled = new RegExp(`(20\\d{2})\\s*年(?:度)?\\s*(?:部门|单位|本级)?\\s*(?:预算|${kind})(?:公开|信息公开|情况说明|表)`).exec(text);
  if (titled) return Number(titled[1]);
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})\s*年(?:度|当年预算|度目标|预算)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? best[0] : null;
}

export function detectMeta(lines: Line[], tables: TableBlock[]): Meta {
  const titles = tables.map((t) => t.title).join('\n');
  const kind: Kind = countMatches(lines, /决算/g) > countMatches(lines, /预算/g) || /决算/.test(titles) ? '决算' : '预算';
  const unitTitles = (titles.match(/单位(?:预算|决算)/g) ?? []).length;
  const deptTitles = (titles.match(/部门(?:预算|决算)/g) ?? []).length;
  const { department, unitName } = detectDepartment(lines);
  const scope: Scope = unitTitles > deptTitles || (unitTitles === deptTitles && unitName !== null && unitTitles > 0) ? '单位' : '部门';
  return {
    department,
    unitName: scope === '单位' ? unitName ?? department : null,
    region: department ? regionOf(department) : null,
    year: detectYear(lines, kind),
    kind,
    scope,
  };
}
