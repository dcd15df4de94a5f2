// Finds the template tables in a document: their titles, kinds, units and line ranges.
// A title counts only when a unit or department line follows it closely, which is what tells a
// real table from the same words in a table of contents.
import { checkDeadline } from '../../core/deadline.js';
import type { Line } from '../front/lines.js';
import type { SourceUnit } from '../types.js';
import { kindOfTitle, type TableKind } from '../template/catalog.js';

export type { TableKind } from '../template/catalog.js';

export interface TableBlock {
  kind: TableKind;
  title: string;
  /** Index into the lines array of the title line. */
  start: number;
  /** Index one past the table's last line. */
  end: number;
  unit: SourceUnit;
  /** False when the table prints no unit line: it was read in the unit the document's other tables declare. */
  unitDeclared: boolean;
  /** The document prints the table empty on purpose ("空表列示"). */
  empty: boolean;
}


/** Numbering printed around a title: "公开01表", "公开 01 表：", "公开表一", "预算 01 表", "一、", page folios. */
const TITLE_PREFIX = /^(?:\d{1,3}(?=\D))?\s*(?:(?:公开|预算)\s*(?:\d{1,2}|表[一二三四五六七八九十]+)\s*表?[：:]?\s*)?(?:附表\s*\d+\s*)?(?:[一二三四五六七八九十]+、\s*)?/;
const UNIT_LINE = /单位\s*[：:（(]?\s*(万元|元)|金额单位|[（(]万元[)）]|部门(?:名称)?\s*[：:]|预算年度|编制单位/;

export function cleanTitle(text: string): string {
  return text.trim().replace(TITLE_PREFIX, '').replace(/\s+/g, '').replace(/[（(][一二三四五六七八九十]+[)）]$/, '');
}

export function classifyTitle(title: string): TableKind | null {
  if (!title.includes('表') || title.length > 56) return null;
  if (/[。；，]|^第.部分|说明|目录|名词解释/.test(title)) return null;
  return kindOfTitle(title);
}

/** The unit a table declares within its first lines, or null where it says nothing. */
function unitNear(lines: Line[], start: number): SourceUnit | null {
  for (let i = start; i < Math.min(lines.length, start + 8); i++) {
    const m = /单位\s*[：:（(]?\s*(万元|元)/.exec(lines[i].text.replace(/\s+/g, ''));
    if (m) return m[1] === '元' ? '元' : '万元';
  }
  return null;
}

/** The unit most of the document's tables declare (万元 where none declares one). */
function declaredUnit(units: (SourceUnit | null)[]): SourceUnit {
  const yuan = units.filter((u) => u === '元').length;
  const wan = units.filter((u) => u === '万元').length;
  return yuan > wan ? '元' : '万元';
}

/** Whether one of the next few non-blank lines is a unit or department line. */
function hasUnitLineNear(lines: Line[], i: number): boolean {
  let seen = 0;
  for (let j = i; j < lines.length && seen < 7; j++) {
    const t = lines[j].text.replace(/\s+/g, '');
    if (!t) continue;
    seen++;
    if (UNIT_LINE.test(t)) return true;
    // A unit line after another title belongs to that one: this line is a table-of-contents entry.
    if (j > i && titleAt(lines, j)) return false;
  }
  return false;
}

/** A line that belongs to the narrative, not to a table: ends the table it follows. */
export function isNarrativeStart(text: string): boolean {
  const t = text.trim();
  return /^第[一二三四五六七八九十]+部分/.test(t) || /(预算|决算)?信息公开情况说明|预算情况说明$|^[一二三四五六七八九十]+、.*(情况|说明|信息)$/.test(t);
}

const EMPTY_NOTE = /空表|此表为空|表为空|无.{0,20}(?:收支|预算|支出|经费).{0,10}(?:列示|公开)|本表无数据/;

/**
 * The title starting at line i, joined with the one or two short lines it wrapped onto
 * ("“三公”经费、会议费、培训费支出预算" / "表"). A page's last number glued to the title
 * ("14公开02表") is dropped by cleanTitle.
 */
function titleAt(lines: Line[], i: number): { text: string; extra: number } | null {
  const flat = (k: number) => (lines[k]?.text ?? '').split('\t').filter(Boolean).join('');
  let text = cleanTitle(flat(i));
  if (!text || /\d{3,}(?:\.\d+)?$/.test(text)) return null;
  if (classifyTitle(text)) return { text, extra: 0 };
  // A line carrying an amount is a table row, and a bare number a folio: never half a title. A running
  // header ("云州市生态环境局2026年度部门预算公开") is a line of its own, not the start of the title below it.
  if (/\d[.,]\d/.test(text) || /^\d+$/.test(text) || /20\d{2}年度?.*(?:预算|决算)(?:公开)?$/.test(text)) return null;
  for (let extra = 1; extra <= 2; extra++) {
    const next = flat(i + extra).replace(/[“”"\s]/g, '');
    if (next.length > 12 || /\d/.test(next)) return null;
    text += next;
    if (classifyTitle(text) && text.endsWith('表')) return { text: text.replace(/[“”]{2}/g, ''), extra };
  }
  return null;
}

/** A table without a unit line still starts with column headers; a table of contents does not. */
function hasHeaderNear(lines: Line[], from: number): boolean {
  const next: string[] = [];
  for (let j = from; j < lines.length && next.length < 4; j++) {
    const t = lines[j].text.replace(/\s+/g, '');
    if (t) next.push(t);
  }
  if (next.slice(0, 2).some((t) => classifyTitle(cleanTitle(t)))) return false;
  return next.some((t) => /^(功能分类科目|科目编码|经济分类科目|项目|预算数|合计|栏次|序号)$/.test(t));
}

/**
 * Some text layers glue a page's last row to the next page's title with no break at all
 * ("30309 奖励金 1.55一般公共预算支出预算表"). Splits such lines in two, keeping the line number.
 */
export function splitGluedTitles(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    checkDeadline();
    // After decimals ("1.55一般…"), or after a thousands-grouped whole number when the title opens
    // with its year ("65,572,3432023年部门…表": the last group has exactly three digits).
    const m = /^(.*\d\.\d{1,2})([^\d\s.,].*)$/.exec(line.text) ?? /^(.*\d{1,3}(?:,\d{3})+)(20\d{2}\s*年[^\d].*)$/.exec(line.text);
    const rest = m?.[2].trim() ?? '';
    if (m && rest.endsWith('表') && classifyTitle(cleanTitle(rest))) {
      out.push({ ...line, text: m[1] }, { ...line, text: rest, pageStart: true });
    } else out.push(line);
  }
  return out;
}

export function findTables(lines: Line[]): TableBlock[] {
  const found: { kind: TableKind; title: string; start: number; wrapped: boolean }[] = [];
  lines.forEach((line, i) => {
    checkDeadline();
    if (found.length && found[found.length - 1].start >= i - 2 && found[found.length - 1].wrapped) return;
    // Every title has 表 in it, on its line or the (short) lines it wraps onto: skip the rest cheaply.
    if (!line.text.includes('表') && !lines[i + 1]?.text.includes('表') && !lines[i + 2]?.text.includes('表')) return;
    const title = titleAt(lines, i);
    if (!title) return;
    const kind = classifyTitle(title.text);
    if (kind && (hasUnitLineNear(lines, i + title.extra) || hasHeaderNear(lines, i + title.extra + 1))) found.push({ kind, title: title.text, start: i, wrapped: title.extra > 0 });
  });
  const units = found.map((t) => unitNear(lines, t.start));
  const fallback = declaredUnit(units);
  return found.map((t, k) => {
    const limit = k + 1 < found.length ? found[k + 1].start : lines.length;
    let end = limit;
    for (let i = t.start + 1; i < limit; i++) {
      if (isNarrativeStart(lines[i].text)) { end = i; break; }
    }
    const body = lines.slice(t.start, end).map((l) => l.text).join('\n');
    return { kind: t.kind, title: t.title, start: t.start, end, unit: units[k] ?? fallback, unitDeclared: units[k] !== null, empty: EMPTY_NOTE.test(body.replace(/\s+/g, '')) };
  });
}

/** A line that numbers the table below it: "表1", "公开01表", "预算 01 表". */
const NUMBERING_LINE = /^(?:表[0-9一二三四五六七八九十]{1,3}|(?:公开|预算)(?:\d{1,2}|表[一二三四五六七八九十]+)表?)$/;
/**
 * A heading or cover line naming a disclosure: "三、…本级2024年单位预算", "2024年单位预算",
 * "第二部分 部门所属单位预算", "一、…局本级收支预算", "单位名称：…", "…局（本级）".
 */
const COVER_LINE = /20\d{2}年度?[\u4e00-\u9fa5（）()]{0,30}(?:预算|决算)(?:公开)?$|^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)[\u4e00-\u9fa5（）()\d]{2,40}(?:预算|决算)$|^(?:单位|部门)名称[：:]|^[\u4e00-\u9fa5（）()]{2,40}(?:局|厅|委员会|委|院|办公室|办|部|中心|所|站|队|处|署|馆)(?:（本级）|本级|机关|（机关）)?$/;

/**
 * Where a later disclosure's part starts: at its heading and cover lines ("三、…局本级2024年单位预算",
 * "…局（本级）", "2024年单位预算", "表1") when they come just before its first table, so that they
 * name the part they belong to and not the one before. The earlier part's running header
 * (printed on its pages, never again after) stays with it.
 */
function partStart(lines: Line[], first: number, floor: number): number {
  const flat = (k: number) => lines[k].text.replace(/\s+/g, '');
  const count = (text: string, from: number, to: number) => { let n = 0; for (let k = from; k < to; k++) if (flat(k) === text) n++; return n; };
  let start = first;
  let named = false;
  for (let j = first - 1, seen = 0; j > floor && seen < 8; j--) {
    const t = flat(j);
    if (!t) continue;
    seen++;
    if (/\d[.,]\d/.test(t) || !(NUMBERING_LINE.test(t) || COVER_LINE.test(t))) break;
    // A running header of the earlier part (on several of its pages, never again after) is not this part's.
    if (!NUMBERING_LINE.test(t)) {
      const before = count(t, 0, j);
      if (before >= 2 && before > count(t, j + 1, lines.length)) break;
    }
    if (COVER_LINE.test(t)) named = true;
    start = j;
  }
  return named ? start : first;
}

/**
 * Where one file holds several disclosures (a 部门 budget followed by its units' budgets), each
 * starts with its own 收支总表, or the heading and cover lines printed just before it.
 * Returns the line indices where each disclosure starts.
 */
export function disclosureStarts(tables: TableBlock[], lines: Line[]): number[] {
  const starts = [0];
  let seenSummary = false;
  tables.forEach((t, k) => {
    if (t.kind !== 'summary') return;
    // A 收支总表 right after another (no other table between) is the same table's next page,
    // its title printed again ("表1 收入支出决算总表" on three pages): not a new disclosure.
    if (seenSummary && tables[k - 1].kind !== 'summary') starts.push(partStart(lines, t.start, k > 0 ? tables[k - 1].start : 0));
    seenSummary = true;
  });
  // A part holding fewer than three of the template's tables is no disclosure of its own (a page
  // of the previous one whose title was printed again, or a stray 收支总表 of an appendix): it
  // stays with the part before it.
  return starts.filter((s, k) => {
    if (k === 0) return true;
    const end = starts[k + 1] ?? lines.length;
    return new Set(tables.filter((t) => t.start >= s && t.start < end).map((t) => t.kind)).size >= 3;
  });
}
