// The forms of a department's name people type, derived by rule from the printed name, so that a
// department never seen before is found by its customary short names too. A name is read as its
// regions (上海市 → 普陀区) and its body (人民政府万里街道办事处); the body's short forms come from the
// abbreviation table (data/body-abbreviations.ts), each region's from dropping its level (普陀区 → 普陀).
import { BODY_ABBREVIATIONS } from './data/body-abbreviations.js';

/** One administrative level at the start of a name: 江苏省, 新乡市, 凤泉区, 恩施土家族苗族自治州. */
const ADMIN = /^[\u4e00-\u9fa5]{1,9}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|县|区|旗)/;
const LEVEL_SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|县|区|旗)$/;
/** Words that follow a region inside an organisation's body, never a region's own name (市场监督管理局). */
const NOT_A_REGION = /^(?:市场|区域|县域|省级|市级|区级|县级)/;
const LEVEL_CHARS = '省市州盟县区旗';

export interface NameParts {
  /** Highest first: ["上海市", "普陀区"]. */
  regions: string[];
  /** The organisation itself: "人民政府万里街道办事处", "省委办公厅". */
  body: string;
}

export function splitName(name: string): NameParts {
  let rest = name.replace(/^中共/, '').replace(/(?:（本级）|本级|机关)$/, '');
  const regions: string[] = [];
  for (let m = ADMIN.exec(rest); m && m[0].length < rest.length && !NOT_A_REGION.test(rest); m = ADMIN.exec(rest)) {
    // The shortest level is not always the region: 广州|市 (州 then 市), but 乐昌市|市场监督管理局.
    const next = rest[m[0].length];
    const region = LEVEL_CHARS.includes(next) && !NOT_A_REGION.test(rest.slice(m[0].length)) ? m[0] + next : m[0];
    regions.push(region);
    rest = rest.slice(region.length);
  }
  // 中共江苏省委办公厅: the party committee's own body keeps its level (省委办公厅, 区委社会工作部).
  const last = regions.at(-1);
  const body = last && /^委/.test(rest) ? `${levelOf(last)}${rest}` : rest;
  return { regions, body };
}

/** 普陀区 → 区, 恩施土家族苗族自治州 → 州. */
export function levelOf(region: string): string {
  return region.match(LEVEL_SUFFIX)?.[0].slice(-1) ?? '';
}

/** 普陀区 → 普陀, 江苏省 → 江苏; a region of one character before its level keeps it (沙市 stays). */
export function bareRegion(region: string): string | null {
  const bare = region.replace(LEVEL_SUFFIX, '');
  return bare.length >= 2 && bare !== region ? bare : null;
}

/** The forms a region is typed in: as printed and without its level. */
export function regionForms(region: string): string[] {
  const bare = bareRegion(region);
  return bare ? [region, bare] : [region];
}

const MAX_BODY_FORMS = 32;

/**
 * The body as printed and as people shorten it: 人民政府万里街道办事处 → 万里街道办事处, 万里街道, 万里街道办;
 * 自然资源和规划局 → 资规局, 规划资源局, 自然资源局, 规划局. Longest first.
 */
export function bodyForms(body: string): string[] {
  const forms = new Set([body]);
  // A street office or town under a 人民政府 is named without it; the 人民政府办公室 itself keeps it.
  const underGovernment = /^人民政府(.{2,})$/.exec(body)?.[1];
  if (underGovernment && !/^办公[室厅]$/.test(underGovernment)) forms.add(underGovernment);
  // 区委社会工作部 → 社会工作部: the party committee's department is also named alone.
  const underCommittee = /^[省市区县州]委(.{3,})$/.exec(body)?.[1];
  if (underCommittee && !/^办公[室厅]$/.test(underCommittee)) forms.add(underCommittee);
  // A central department is also named without 国家 (国家信访局 → 信访局, one of several then).
  const central = /^国家(.{3,})$/.exec(body)?.[1];
  if (central) forms.add(central);
  for (const [long, shorts] of BODY_ABBREVIATIONS) {
    for (const form of [...forms]) {
      if (forms.size >= MAX_BODY_FORMS) break;
      if (!form.includes(long)) continue;
      for (const short of shorts) forms.add(form.replace(long, short));
    }
  }
  return [...forms].filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
}
