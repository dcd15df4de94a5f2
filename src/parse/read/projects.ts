// Projects (项目) with their amounts, and the performance indicators (绩效指标) written for them.
// Three shapes occur: numbered 绩效目标表 headings with a 预算数 line; a 项目支出表 whose rows are
// project code, name, amount; and a project list of name, 项目类型, amounts.
import type { Decimal } from 'decimal.js';
import { parseAmount } from '../amount.js';
import { cellsOf, type Layout, type Line } from '../front/lines.js';
import { isNarrativeStart } from '../segment/tables.js';
import type { Project, SourceUnit, Target } from '../types.js';

const HEADING = /^\s*(\d{1,2})\s*[、.．]\s*(.+?)(?:项目)?绩效目标表\s*$/;
const INDICATOR = /[≥≤＞＜><=]|\d\s*%|\d\s*(?:万元|元|次|人|项|个|天|月|份|家|件|种|分钟|小时)/;

const squash = (s: string) => s.replace(/\s+/g, '');

export interface ProjectsResult {
  projects: Project[];
  targets: Target[];
}

export function parseProjects(lines: Line[], layout: Layout, unit: SourceUnit, projectTables: { title: string; start: number; end: number }[]): ProjectsResult {
  const projects: Project[] = [];
  const targets: Target[] = [];
  const add = (p: Project) => {
    const existing = projects.find((x) => squash(x.name) === squash(p.name));
    if (!existing) projects.push(p);
    else if (existing.amount === null && p.amount !== null) Object.assign(existing, { amount: p.amount, table: p.table, line: p.line });
  };
  fromHeadings(lines, unit, add, targets);
  for (const t of projectTables) {
    const body = lines.slice(t.start + 1, t.end);
    if (layout === 'tabbed') fromCodedRows(body, unit, t.title, add, targets);
  }
  fromTypedList(lines, layout, unit, add);
  return { projects, targets };
}

/** "3、[447]2024年城乡居民医疗救助绩效目标表" … "预算数 300.00" … indicator rows … next heading. */
function fromHeadings(lines: Line[], unit: SourceUnit, add: (p: Project) => void, targets: Target[]) {
  const heads = lines.flatMap((l, i) => {
    const m = HEADING.exec(l.text);
    return m && !/[。；]/.test(m[2]) ? [{ i, name: m[2].trim(), title: l.text.trim() }] : [];
  });
  heads.forEach((h, k) => {
    // A block ends at the next heading, or where the narrative resumes ("六、政府采购预算情况"):
    // the sentences after the last target table are not its indicators.
    const limit = k + 1 < heads.length ? heads[k + 1].i : Math.min(lines.length, h.i + 200);
    const resumes = lines.slice(h.i + 1, limit).findIndex((l) => isNarrativeStart(l.text));
    const end = resumes >= 0 ? h.i + 1 + resumes : limit;
    const block = lines.slice(h.i + 1, end);
    let amount: Decimal | null = null;
    for (const l of block.slice(0, 20)) {
      const m = /预算数\s*([\d,]+(?:\.\d+)?)/.exec(l.text);
      if (m) { amount = parseAmount(m[1], unit); break; }
    }
    add({ name: h.name, amount, table: h.title, line: lines[h.i].no });
    for (const l of block) {
      const text = l.text.trim().replace(/\t+/g, ' ');
      if (text.length >= 4 && INDICATOR.test(text) && !HEADER_LINE.test(text)) targets.push({ project: h.name, text, table: h.title, line: l.no });
    }
  });
}

/** A table's header row, not an indicator: "一级指标 …", "项目编码 13050024P… 项目名称". */
const HEADER_LINE = /^(?:一级指标|项目编码|项目名称|单位编码)/;

/**
 * Tab-separated 项目支出表 rows: a long project code, the name, then the amount. A 部门整体绩效目标表
 * printed inside the same block has the department's targets, not the last project's.
 */
function fromCodedRows(body: Line[], unit: SourceUnit, table: string, add: (p: Project) => void, targets: Target[]) {
  let current: string | null = null;
  let whole = false;
  for (const l of body) {
    if (/整体绩效/.test(l.text) && !/\d{12,}/.test(l.text)) { current = null; whole = true; continue; }
    const cells = cellsOf(l.text);
    if (/^\d{12,}$/.test(cells[0] ?? '') && cells[1]) {
      current = squash(cells[1]);
      whole = false;
      const amount = cells.slice(2).map((c) => parseAmount(c, unit)).find((v) => v !== null) ?? null;
      add({ name: current, amount, table, line: l.no });
      const indicators = cells.slice(3).filter((c) => c && parseAmount(c) === null);
      if (indicators.length) targets.push({ project: current, text: indicators.join(' '), table, line: l.no });
    } else if ((current || whole) && cells.some((c) => INDICATOR.test(c))) {
      targets.push({ project: current, text: cells.filter(Boolean).join(' '), table: whole ? '部门整体绩效目标表' : table, line: l.no });
    }
  }
}

/** "城乡居民医疗保险补助资金 / 常年性项目 / 1719.64 / 1719.64": name, 项目类型, total, this year's amount. */
function fromTypedList(lines: Line[], layout: Layout, unit: SourceUnit, add: (p: Project) => void) {
  const cellsOf = (l: Line) => (layout === 'flowing' ? l.text.trim().split(/\s+/) : l.text.split('\t').map((c) => c.trim())).filter(Boolean).map((s) => ({ s, line: l.no }));
  // Only the lines that print a 项目类型 are looked at, with the lines around them (a name or the
  // amounts can sit on the line before or after): splitting every line of the document cost 7% of parsing.
  lines.forEach((l, k) => {
    if (!TYPE_WORD.test(l.text)) return;
    const cells = lines.slice(Math.max(0, k - 2), k + 3).flatMap(cellsOf);
    cells.forEach((c, i) => visit(cells, c, i, l.no));
  });
  function visit(cells: { s: string; line: number }[], c: { s: string; line: number }, i: number, at: number) {
    if (c.line !== at || !/^(常年性|一次性|延续性|新增)项目$/.test(c.s) || i === 0) return;
    const name = cells[i - 1];
    if (!/[\u4e00-\u9fa5]{4}/.test(name.s) || /项目名称|类型/.test(name.s)) return;
    const amounts: Decimal[] = [];
    for (const x of cells.slice(i + 1, i + 4)) {
      const v = parseAmount(x.s, unit);
      if (v === null) break;
      amounts.push(v);
    }
    if (amounts.length) add({ name: name.s, amount: amounts[amounts.length - 1], table: '项目支出情况', line: name.line });
  }
}

const TYPE_WORD = /(?:常年性|一次性|延续性|新增)项目/;
