// What the narrative states in words: the change against last year ("较2022年增加73.81万元"),
// procurement and asset totals, the 人员/公用 split, and paragraphs kept for full-text search.
import type { Decimal } from 'decimal.js';
import { parseAmount } from '../amount.js';
import type { Line } from '../front/lines.js';
import type { Passage, SourceUnit, StatedChange, Total, TotalKey } from '../types.js';
import { STATED } from '../template/catalog.js';

interface Clause {
  text: string;
  line: number;
  /** Index of the sentence (ended by 。) the clause belongs to. */
  sentence: number;
}

const clauseCache = new WeakMap<Line[], Clause[]>();
const PIECE = /[^。！？；;，：:]+|[。！？；;，：:]/g;

/**
 * Narrative text cut into clauses at Chinese punctuation, each remembering the line it starts on.
 * Computed once per set of lines (both the change and the stated-total readers use it).
 */
export function clausesOf(lines: Line[]): Clause[] {
  const cached = clauseCache.get(lines);
  if (cached) return cached;
  const out: Clause[] = [];
  let buf = '';
  let start = 0;
  let sentence = 0;
  const flush = () => {
    const text = buf.replace(/\s+/g, '');
    if (text) out.push({ text, line: start, sentence });
    buf = '';
  };
  for (const l of lines) {
    for (const piece of l.text.match(PIECE) ?? []) {
      // ASCII commas stay: they are thousands separators inside amounts.
      if (piece.length === 1 && '。！？；;，：:'.includes(piece)) {
        flush();
        if ('。！？'.includes(piece)) sentence++;
        continue;
      }
      if (!buf.trim()) start = l.no;
      buf += piece;
    }
  }
  flush();
  clauseCache.set(lines, out);
  return out;
}

const CHANGE = /(增加|减少|下降|增长|上升|降低)了?(-?[\d,]+(?:\.\d+)?)万元/;
const PERCENT = /(?:增长|下降|减少|增加|增幅|降幅)了?(-?[\d.]+)%/;
const METRICS: [RegExp, StatedChange['metric'][]][] = [
  [/三公/, ['three_public']],
  [/基本支出/, ['basic']],
  [/项目支出/, ['project']],
  [/收支|收入、支出|收、支|支出预算总计|支出总计|预算收支|支出预算为|部门支出预算|部门预算收支/, ['expenditure_total', 'income_total']],
  [/收入/, ['income_total']],
];

/** The narrative's statements of change against the prior year; the first statement of each metric wins. */
export function statedChanges(lines: Line[], year: number | null, table: string): StatedChange[] {
  const clauses = clausesOf(lines);
  const found = new Map<StatedChange['metric'], StatedChange>();
  clauses.forEach((c, i) => {
    const m = CHANGE.exec(c.text);
    if (!m) return;
    const window = clauses.slice(Math.max(0, i - 8), i + 1);
    const before = c.text.slice(0, m.index);
    const comparedTo = [...window].reverse().map((w) => w.text).find((t) => /(?:较|比|与|同)\D{0,4}(?:20\d{2}\s*年|上年|去年)/.test(t));
    if (!comparedTo && !/上年|去年|20\d{2}年/.test(before)) return;
    const y = /(20\d{2})\s*年/.exec(comparedTo ?? before);
    const priorYear = y ? Number(y[1]) : year ? year - 1 : null;
    if (!priorYear || (year && priorYear >= year)) return;
    const metrics = metricOf([before, ...subjectClauses(clauses, i)]);
    if (!metrics) return;
    // "1,2,3万元" matches the pattern but is no amount (a garbled document): no statement then.
    const stated = parseAmount(m[2]);
    if (!stated) return;
    const change = /减少|下降|降低/.test(m[1]) ? stated.negated() : stated;
    const pct = PERCENT.exec(clauses[i + 1]?.text ?? '') ?? PERCENT.exec(c.text.slice(m.index + m[0].length));
    const percent = pct ? parseAmount(pct[1]) : null;
    for (const metric of metrics) {
      if (!found.has(metric)) found.set(metric, { metric, priorYear, change, percent: percent && change.isNeg() ? percent.negated() : percent, table, line: c.line });
    }
  });
  return [...found.values()];
}

/**
 * The clauses that name what a change is about: earlier clauses of the same sentence back to the
 * one stating its own amount; for a sentence that opens with the change ("与2024年相比减少1.80万元"),
 * the first amount-stating clause of the nearest earlier sentence that has one.
 */
function subjectClauses(clauses: Clause[], i: number): string[] {
  const c = clauses[i];
  const out: string[] = [];
  for (let j = i - 1; j >= 0 && clauses[j].sentence === c.sentence; j--) {
    out.push(clauses[j].text);
    if (/万元/.test(clauses[j].text)) return out;
  }
  if (out.length > 0) return out;
  for (let s = c.sentence - 1, j = i - 1; s >= Math.max(0, c.sentence - 3); s--) {
    const sentence: Clause[] = [];
    while (j >= 0 && clauses[j].sentence === s) sentence.unshift(clauses[j--]);
    const stated = sentence.find((x) => /万元/.test(x.text));
    if (stated) return [stated.text];
  }
  return out;
}

function metricOf(texts: string[]): StatedChange['metric'][] | null {
  for (const t of texts) {
    for (const [re, metrics] of METRICS) if (re.test(t)) return metrics;
  }
  return null;
}

const AMOUNT = '([\\d,]+(?:\\.\\d+)?)万元';
const NOT_A_CHANGE = '(?<!增加|减少|增长|下降|压减|新增|降低|上升)';
/** The amount after a stated phrase, in 万元 or 元. */
const STATED_AMOUNT = '([\\d,]+(?:\\.\\d+)?)(万元|元)';
/** A subject named before the clause ("一般公共服务支出（类）：2025年支出预算…"): its figure is not the document's. */
const SUBJECT_BEFORE = /[（(][类款项][)）]/;

/** Totals of every fund: a sentence about one fund (财政拨款, 一般公共预算, 政府性基金) does not state them. */
const ALL_FUNDS_KEYS: TotalKey[] = ['expenditure_total', 'basic', 'project', 'personnel', 'public_funds'];
const FUNDS_SCOPE = /财政拨款|一般公共预算|政府性基金|国有资本经营/;

/** template/catalog.json's stated phrases, compiled once. */
const STATED_PATTERNS = STATED.map((e) => ({ ...e, re: new RegExp(`${e.afterChange ? '' : NOT_A_CHANGE}(?:${e.phrase})${STATED_AMOUNT}`) }));

/** The document a narrative belongs to: a stated figure must be of its year, and of its kind. */
export interface NarrativeOf {
  year: number | null;
  kind: string | null;
}

/** The last year a clause names before `at` ("2023年“三公”经费预算数为…"), if any. */
function yearBefore(text: string, at: number): number | null {
  const years = [...text.slice(0, at).matchAll(/(20\d{2})\s*年/g)];
  return years.length ? Number(years[years.length - 1][1]) : null;
}

/** A total the narrative or a small table states: procurement, fixed assets, 人员/公用 经费. */
export function statedTotals(lines: Line[], table: string, doc: NarrativeOf = { year: null, kind: null }): Total[] {
  const out: Total[] = [];
  const add = (key: TotalKey, raw: string | undefined, line: number, from = table, unit: SourceUnit = '万元', fundsOnly = false) => {
    const value = raw === undefined ? null : parseAmount(raw, unit);
    if (!value) return;
    const seen = out.findIndex((t) => t.key === key);
    const total: Total = { key, value, table: from, line, ...(fundsOnly ? { fundsOnly } : {}) };
    // The first statement of the department's whole wins over one of a single fund.
    if (seen < 0) out.push(total);
    else if (out[seen].fundsOnly && !fundsOnly) out[seen] = total;
  };
  lines.forEach((l, i) => {
    if (!l.text.includes('采购')) return;
    const t = l.text.replace(/\s+/g, '');
    const m = /政府采购(?:支出)?预算(?:总额|总金额|安排)?(?:为|是)?([\d,]+(?:\.\d+)?)万元/.exec(t);
    if (m) add('procurement_total', m[1], l.no);
    if (/政府采购预算/.test(t) && !/万元/.test(t)) {
      // The procurement table: its 合计 line follows the heading.
      const total = lines.slice(i + 1, i + 80).find((x) => /^合\s*计\s+[\d,]+\.\d+/.test(x.text.trim()));
      if (total) add('procurement_total', /[\d,]+\.\d+/.exec(total.text)?.[0], total.no, t.replace(/^[一二三四五六七八九十]+、/, ''));
    }
    if (/无政府采购预算/.test(t)) add('procurement_total', '0', l.no);
  });
  // Stated figures can wrap across lines ("基本" / "支出预算10403.11万元"): read them from clauses.
  const clauses = clausesOf(lines);
  clauses.forEach((c, i) => {
    if (!c.text.includes('元')) return;
    const afterSubject = clauses[i - 1]?.sentence === c.sentence && SUBJECT_BEFORE.test(clauses[i - 1].text);
    // "一般公共预算财政拨款基本支出 1,136.23 万元，其中：人员经费…": the appropriations' share, not the department's whole.
    let sentence: string | null = null;
    const sentenceSoFar = () => (sentence ??= clauses.slice(Math.max(0, i - 6), i + 1).filter((x) => x.sentence === c.sentence).map((x) => x.text).join(''));
    for (const { key, kinds, re, previousClause } of STATED_PATTERNS) {
      if (kinds && doc.kind && !kinds.includes(doc.kind)) continue;
      if (previousClause && !(clauses[i - 1]?.sentence === c.sentence && previousClause.test(clauses[i - 1].text))) continue;
      const m = re.exec(c.text);
      if (!m) continue;
      const year = yearBefore(c.text, m.index + m[0].length);
      if ((doc.year !== null && year !== null && year !== doc.year) || (afterSubject && key !== 'three_public')) continue;
      const fundsOnly = ALL_FUNDS_KEYS.includes(key) && FUNDS_SCOPE.test(sentenceSoFar().slice(0, sentenceSoFar().length - c.text.length + m.index));
      add(key, m[1], c.line, table, m[2] === '元' ? '元' : '万元', fundsOnly);
    }
  });
  for (const l of lines) {
    if (!l.text.includes('资产总额')) continue;
    const m = /^资产总额([\d,]+(?:\.\d+)?)$/.exec(l.text.replace(/\s+/g, ''));
    if (m) add('assets_total', m[1], l.no, '固定资产占用情况表');
  }
  return out;
}

/** Fixed assets as the narrative states them ("上年末固定资产金额为 0.00万元"), to check against the table. */
export function statedAssets(lines: Line[]): { value: Decimal; line: number } | null {
  for (const l of lines) {
    if (!l.text.includes('固定资产')) continue;
    const m = /固定资产(?:金额|总额|原值)?(?:为|是)?([\d,]+(?:\.\d+)?)万元/.exec(l.text.replace(/\s+/g, ''));
    const value = m ? parseAmount(m[1]) : null;
    if (value) return { value, line: l.no };
  }
  return null;
}

/** Paragraph-sized passages of prose, for full-text search. */
export function passagesOf(lines: Line[]): Passage[] {
  const out: Passage[] = [];
  let buf = '';
  let start = 0;
  const flush = () => {
    const text = buf.replace(/\s+/g, '');
    if (text.length >= 12 && /[\u4e00-\u9fa5]{6}/.test(text)) out.push({ line: start, text });
    buf = '';
  };
  for (const l of lines) {
    const t = l.text.trim();
    if (!t) continue;
    if (!buf) start = l.no;
    buf += t.replace(/\t/g, ' ');
    if (/[。；]$/.test(t) || buf.length > 400) flush();
  }
  if (buf) flush();
  return out;
}

/**
 * What the narrative states for a 类 of spending ("住房保障（类）支出17.80万元"), for each class name the
 * tables print: checked against the tables' class rows.
 */
export function statedClassFigures(lines: Line[], classNames: string[]): { name: string; value: Decimal; line: number }[] {
  const out: { name: string; value: Decimal; line: number }[] = [];
  const stems = [...new Set(classNames.map((n) => n.replace(/支出$/, '')).filter((s) => s.length >= 2))];
  if (stems.length === 0) return out;
  const re = new RegExp(`(${stems.map(escapeRegExp).join('|')})(?:（类）|\\(类\\))?支出(?:预算)?(?:为|是)?${AMOUNT}`, 'g');
  for (const c of clausesOf(lines)) {
    if (!c.text.includes('支出') || !c.text.includes('万元')) continue;
    for (const m of c.text.matchAll(re)) {
      const value = parseAmount(m[2]);
      if (value && !out.some((x) => x.name === m[1])) out.push({ name: m[1], value, line: c.line });
    }
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
