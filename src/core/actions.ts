// The follow-ups an answer offers (显示全部, 下一页, 上一年/下一年, CSV, 详细出处, 查看原文) and the flags their
// re-runs carry. Built once here from what the command reported (`more`, `years`) and the request
// that produced it, so every platform draws the same buttons and re-runs the same request.
import { createAnswer, type ActionRequest, type Answer, type AnswerAction } from './answer.js';
import type { CommandDef, View } from './command.js';
import { citedRows } from '../render/cite.js';

export interface Flags extends View {
  csv: boolean;
  sources: boolean;
  /** 查看原文: the printed source of the answer's figures (page images, or quoted lines). */
  sourceImage: boolean;
}

const FLAG = /(^|\s)--(csv|all|sources|source-image|page)(?:\s+(\d{1,4}))?(?=\s|$)/gi;

/** Takes the view flags out of a request's text: "--csv", "--all", "--sources", "--source-image", "--page 3". */
export function takeFlags(text: string): { text: string; flags: Flags } {
  const flags: Flags = { csv: false, sources: false, sourceImage: false };
  const rest = text.replace(FLAG, (_, lead: string, name: string, n?: string) => {
    const key = name.toLowerCase();
    if (key === 'page') flags.page = Math.max(1, Number(n ?? 1));
    else if (key === 'csv') flags.csv = true;
    else if (key === 'all') flags.all = true;
    else if (key === 'source-image') flags.sourceImage = true;
    else flags.sources = true;
    return lead;
  });
  return { text: rest.replace(/\s+/g, ' ').trim(), flags };
}

const YEAR = /(?:19|20)\d{2}(?:年度?)?/g;

/** The same request about another year: the year option set, any year in the text dropped. */
function withYear(def: CommandDef, req: ActionRequest, year: number): ActionRequest {
  const options = Object.fromEntries(Object.entries(req.options ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v.replace(YEAR, ' ').trim() : v]).filter(([, v]) => v !== ''));
  const text = req.text.replace(YEAR, ' ').replace(/\s+/g, ' ').trim();
  if (def.options.some((o) => o.name === 'year')) return { ...req, options: { ...options, year: String(year) }, text };
  return { ...req, options, text: `${text} ${year}`.trim() };
}

/**
 * Buttons that show the same answer another way (another page, every row, another year) replace the
 * message they sit on; CSV, 详细出处 and 查看原文 add to it, so they follow in the thread instead.
 */
export const REPLACES_MESSAGE: ReadonlySet<AnswerAction['kind']> = new Set(['all', 'next-page', 'prev-page', 'prev-year', 'next-year']);

/** The same rule read from a request alone (Discord's custom ids carry the request, not the kind). */
export const requestReplacesMessage = (req: ActionRequest) => !/(^|\s)--(csv|sources|source-image)(\s|$)/.test(req.text);

const flagged = (req: ActionRequest, flag: string): ActionRequest => ({ ...req, text: `${req.text} ${flag}`.trim() });

/** The buttons for an answer to `req`, or none for errors, help and private answers. */
export function actionsFor(answer: Answer, def: CommandDef, req: ActionRequest, flags: Flags): AnswerAction[] {
  if (answer.kind !== 'answer' || answer.ephemeral) return [];
  const out: AnswerAction[] = [];
  const { more, years } = answer;
  if (more && !flags.all) {
    if (more.page > 1) out.push({ kind: 'prev-page', label: '上一页', request: flagged(req, `--page ${more.page - 1}`) });
    if (more.page < more.pages) out.push({ kind: 'next-page', label: '下一页', request: flagged(req, `--page ${more.page + 1}`) });
    out.push({ kind: 'all', label: `显示全部（${more.total}）`, request: flagged(req, '--all') });
  }
  if (years) {
    const before = years.available.filter((y) => y < years.year).at(-1);
    const after = years.available.find((y) => y > years.year);
    if (before) out.push({ kind: 'prev-year', label: `上一年（${before}）`, request: withYear(def, req, before) });
    if (after) out.push({ kind: 'next-year', label: `下一年（${after}）`, request: withYear(def, req, after) });
  }
  if (answer.tables.some((t) => t.rows.length)) out.push({ kind: 'csv', label: '下载 CSV', request: flagged(req, '--csv --all') });
  if (answer.citations.length && !flags.sources) out.push({ kind: 'sources', label: '详细出处', request: flagged(req, '--sources --all') });
  // The printed source of the figures: their PDF page as an image, or their lines quoted.
  if (answer.citations.length && !flags.sourceImage) out.push({ kind: 'source-image', label: '查看原文', request: flagged(req, '--source-image') });
  return out;
}

/** How many departments an ambiguous question offers as buttons (the message lists up to 12). */
const CHOICES = 5;

/**
 * One button per department an ambiguous name may mean ("信访局" → 无锡市信访局, 长春市信访局 …): the
 * same request with the phrase that named them replaced by each full name.
 */
export function choiceActions(req: ActionRequest, choices: { matched: string; names: string[] }): AnswerAction[] {
  const { matched, names } = choices;
  const replace = (s: string, name: string) => (matched && s.includes(matched) ? s.replace(matched, name) : s);
  return names.slice(0, CHOICES).map((name) => {
    const options = Object.fromEntries(Object.entries(req.options ?? {}).map(([k, v]) => [k, typeof v === 'string' ? replace(v, name) : v]));
    const inOptions = Object.values(req.options ?? {}).some((v) => typeof v === 'string' && v.includes(matched));
    const text = inOptions ? req.text : req.text.includes(matched) ? replace(req.text, name) : `${name} ${req.text}`.trim();
    return { kind: 'choose', label: name, request: { ...req, options, text } };
  });
}

/** An answer's citations in full, one row each: what 详细出处 shows. */
export function sourcesAnswer(answer: Answer): Answer {
  const b = createAnswer(`出处：${answer.title}`);
  b.answer.summary = answer.citations.length ? `共 ${answer.citations.length} 处出处。` : '这个回答没有引用文件。';
  if (answer.citations.length) {
    b.table({
      columns: ['编号', '部门', '年度', '文件', '表', '位置'],
      rows: answer.citations.map((c, i) => [`[${i + 1}]`, c.department, `${c.year}年${c.scope}`, c.file ?? c.source, c.table, c.page ? `第 ${c.page} 页` : citedRows(c)]),
    });
  }
  return b.answer;
}
