// /diff <department> [year1] [year2]: what changed between two years, biggest movers first. With
// only one year loaded, it reports the change the document itself states, and says so. With
// "预算 决算", a year's 预算 against its 决算 (diff-kinds.ts), with the 执行率 for the change rate.
import type { Decimal } from 'decimal.js';
import { createAnswer } from '../src/core/answer.js';
import { defineCommand, type View } from '../src/core/command.js';
import { moreNote, pageOf } from '../src/core/paging.js';
import { bar, changePercent, percent, signed, wan } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import { ZERO } from '../src/parse/amount.js';
import { requireDepartment } from '../src/query/resolve.js';
import { extractYears, resolveYear } from '../src/query/years.js';
import type { DocRow, ItemRow, Queries } from '../src/store/queries.js';
import { measureOf, type Measure } from '../src/query/measures.js';
import { readMeasure } from './budget-figures.js';
import { COMPARED_TOTALS, TOTAL_LABELS } from './labels.js';
import { citation, docLabel, latestYear, pickDocument } from './support.js';
import { executionRate } from './budget-execution.js';
import { budgetAndFinal, KIND_SIDES, threePublicAgainstBudget, withoutKindWords } from './diff-kinds.js';
import { BUDGET_VS_FINAL } from '../src/query/intent.js';


interface Mover {
  label: string;
  from: Decimal | null;
  to: Decimal | null;
  cites: (number | undefined)[];
  rows?: readonly [{ table: string; line: number } | undefined, { table: string; line: number } | undefined];
  /** A document total: one side without it was not read there, which is no 新增 or 取消. */
  total?: boolean;
}

/** A year named as the one compared against: 比2024年, 较 2024 年, 与2024年相比, 相比2024年. */
const AGAINST_YEAR = /(?:比|较|相比|对比|与|同)\s*(?:19|20)\d{2}\s*年/;

/** The change; a line missing in one year counts as zero there. */
function delta(m: Mover): Decimal {
  return (m.to ?? ZERO).minus(m.from ?? ZERO);
}

export default defineCommand({
  name: 'diff',
  summary: '比较一个部门两个年度的预算：总额和每个科目的增减',
  usage: '/diff <部门> [年份1] [年份2]，或 /diff <部门> <年份> 预算 决算',
  examples: ['/diff 江苏省人民检察院 2018 2019', '/diff 邢台市医保局', '/diff 省委办公厅 去年 今年', '/diff 乐昌市市场监督管理局 2021 预算 决算'],
  options: [
    { name: 'department', description: '部门名称', type: 'string', required: true, complete: 'department' },
    { name: 'from', description: '较早的年份', type: 'string', complete: 'year' },
    { name: 'to', description: '较晚的年份；或写“预算 决算”比较同一年的预算与决算', type: 'string', complete: 'year' },
  ],
  run(input, { queries: q, catalog }) {
    const o = input.options;
    const typed = `${o.from ?? ''} ${o.to ?? ''} ${input.text}`;
    const { years, rest } = extractYears(typed);
    // "2025年预算比2024年决算": two years, each with its kind named — compared as asked, and said to differ in kind.
    const named = [...typed.matchAll(YEAR_KIND)].map((m) => ({ year: Number(m[1]), kind: m[2] }));
    const crossed = named.length >= 2 && named[0].year !== named[1].year;
    // "2021 预算 决算": the year's two documents against each other, not two years.
    const kinds = !crossed && BUDGET_VS_FINAL.test(rest);
    const depText = o.department === undefined ? rest : String(o.department);
    const dep = requireDepartment(kinds ? withoutKindWords(depText) : depText, catalog);
    const asked = measureOf(rest)?.measure ?? (/支出/.test(rest) ? measureOf('支出总计')!.measure : undefined);
    if (kinds) {
      const { budget, final } = budgetAndFinal(dep, years[0]);
      const built = computed(q, budget, final, asked, input.view, KIND_SIDES(budget, final));
      threePublicAgainstBudget(built, q, budget, final);
      const { answer } = built;
      answer.understood = `理解为：${final.unitName ?? final.department} ${final.year}年 预算 vs 决算${asked ? ` · ${asked.label}` : ' · 总额、三公和科目'}`;
      return answer;
    }
    if (crossed) {
      const [a, b] = [named[0], named[1]].sort((x, y) => x.year - y.year);
      const [from, to] = [a, b].map((n) => {
        const doc = dep.docs.find((d) => d.year === n.year && d.kind === n.kind && d.scope === '部门') ?? dep.docs.find((d) => d.year === n.year && d.kind === n.kind);
        if (!doc) throw new UserError(`${dep.name} 没有载入 ${n.year} 年的${n.kind}。已载入：${dep.docs.map((d) => `${d.year}年${d.kind}`).join('、')}。`, [...new Set(dep.docs.map((d) => `/diff ${dep.name} ${d.year}`))], 'not-loaded');
        return doc;
      });
      const answer = computed(q, from, to, asked, input.view).answer;
      answer.understood = `理解为：${to.unitName ?? to.department} ${from.year}年${from.kind} → ${to.year}年${to.kind}${asked ? ` · ${asked.label}` : ' · 总额和科目'}`;
      return answer;
    }
    const latest = latestYear(dep);
    const resolved = years.map((y) => resolveYear(y, latest)).sort((a, b) => a - b);
    // One relative year ("比去年") is where the comparison starts; one absolute year is where it ends.
    // "比2024年增加多少", "与2024年相比": an absolute year the question compares against starts it too.
    const against = years.length === 1 && years[0].kind === 'absolute' && AGAINST_YEAR.test(typed);
    if (years.length === 1 && (years[0].kind === 'relative' || against) && resolved[0] < latest) resolved.push(latest);
    const toYear = resolved.length ? resolved[resolved.length - 1] : latest;
    const loaded = [...new Set(dep.docs.map((d) => d.year))].filter((y) => y < toYear);
    const fromYear = resolved.length >= 2 ? resolved[0] : loaded.length ? loaded[loaded.length - 1] : toYear - 1;
    if (fromYear >= toYear) throw new UserError('请给出两个不同的年份，如 /diff 江苏省人民检察院 2018 2019', [], 'bad-years');
    const to = pickDocument(dep, { kind: 'absolute', year: toYear });
    // Like with like: the earlier year's document of the same kind (预算 with 预算) where it is loaded.
    const ofYear = dep.docs.filter((d) => d.year === fromYear);
    const from = ofYear.find((d) => d.scope === to.scope && d.kind === to.kind) ?? ofYear.find((d) => d.kind === to.kind) ?? ofYear.find((d) => d.scope === to.scope) ?? ofYear[0];
    const answer = from ? computed(q, from, to, asked, input.view).answer : stated(q, to, fromYear, asked);
    if (from && from.kind !== to.kind) answer.notes.unshift(`没有载入 ${fromYear} 年的${to.kind}，所以用了 ${fromYear} 年的${from.kind}。`);
    const kindsOf = from && from.kind !== to.kind ? [`${from.kind}`, `${to.kind}`] : ['', ''];
    answer.understood = `理解为：${to.unitName ?? to.department} ${fromYear}年${kindsOf[0]} → ${to.year}年${kindsOf[1]}的变化${asked ? ` · ${asked.label}` : ' · 总额和科目'}`;
    return answer;
  },
});

/** "2025年预算", "2024年决算": a year with its kind. */
const YEAR_KIND = /((?:19|20)\d{2})\s*年?度?\s*(?:的|部门|单位)?(预算|决算)/g;

/** Movers shown in the chat; the CSV holds them all. */
const SHOWN = 4;
/** The totals shown in the chat (the rest, 收入总计 and the 人员/公用 split, are in the CSV). */
const SHOWN_TOTALS = new Set(['支出总计', '基本支出', '项目支出', '“三公”经费']);

/** How the two sides are named: two years, or a year's 预算 and 决算 (whose ratio is the 执行率). */
export interface Sides { from: string; to: string; title: string; chart: string; rate: 'change' | 'execution' }
const YEAR_SIDES = (from: DocRow, to: DocRow): Sides => ({
  from: `${from.year}年${from.kind !== to.kind ? from.kind : ''}`, to: `${to.year}年${from.kind !== to.kind ? to.kind : ''}`,
  title: from.kind !== to.kind ? `${to.unitName ?? to.department}：${from.year}年${from.kind} → ${to.year}年${to.kind}` : `${to.unitName ?? to.department}：${from.year} → ${to.year}`,
  chart: `${to.unitName ?? to.department} ${from.year}→${to.year} 变化最大的科目`, rate: 'change',
});

function computed(q: Queries, from: DocRow, to: DocRow, asked?: Measure, view?: View, sides: Sides = YEAR_SIDES(from, to)) {
  const b = createAnswer(sides.title);
  // Two years of different kinds: said first, since a 决算 counts what was spent (and carried over), a 预算 what was planned.
  if (sides.rate === 'change' && from.kind !== to.kind) {
    b.answer.notes.push(`比较的是 ${from.year} 年${from.kind}与 ${to.year} 年${to.kind}，口径不同：决算是实际支出（其支出总计含年末结转结余），预算是计划数。`);
  }
  const ft = q.totals(from.id);
  const tt = q.totals(to.id);
  // Citations are numbered only for rows shown: rows kept for the CSV cite nothing.
  const totalRows: Mover[] = COMPARED_TOTALS.filter((k) => ft.has(k) || tt.has(k)).map((k) => ({
    label: TOTAL_LABELS[k], from: ft.get(k)?.value ?? null, to: tt.get(k)?.value ?? null, total: true,
    cites: SHOWN_TOTALS.has(TOTAL_LABELS[k]) ? [b.cite(citation(from, ft.get(k))), b.cite(citation(to, tt.get(k)))] : [],
  }));
  const keyTotals = totalRows.filter((m) => SHOWN_TOTALS.has(m.label));
  for (const m of totalRows) if (!SHOWN_TOTALS.has(m.label)) m.cites = [];
  b.table({ title: '总额', ...moverTable(keyTotals, sides) });

  // A family of subjects (功能/经济分类) that one side's text did not give reliably — none read, or not one
  // row confirmed (codes printed apart from their names, "201 06 01") — is not compared: its subjects
  // would be called 新增 or 不再列示 for the reading's fault, not the documents'.
  const reliable = (rows: ItemRow[]) => rows.some((r) => r.verified !== false);
  const families = (['function', 'economic'] as const).map((f) => ({ family: f, from: q.items(f, from.id), to: q.items(f, to.id) }));
  const unread = families.filter((f) => (f.from.length || f.to.length) && (!reliable(f.from) || !reliable(f.to)));
  for (const f of unread) {
    const doc = !reliable(f.from) ? from : to;
    b.answer.notes.push(`${doc.year}年${doc.kind}的${f.family === 'function' ? '功能' : '经济'}分类科目未能从文件文本可靠读出，这一类科目不作比较（不列新增或不再列示）。`);
  }
  const compared = families.filter((f) => !unread.includes(f));
  const fi = new Map(compared.flatMap((f) => f.from).map((r) => [r.code, r]));
  const ti = new Map(compared.flatMap((f) => f.to).map((r) => [r.code, r]));
  const movers: Mover[] = [...new Set([...fi.keys(), ...ti.keys()])].map((code) => {
    const a = fi.get(code);
    const c = ti.get(code);
    return { label: `${code} ${(c ?? a)!.name}`, from: a?.total ?? null, to: c?.total ?? null, cites: [], rows: [a, c] as const };
  }).filter((m) => m.from || m.to);
  movers.sort((x, y) => delta(y).abs().comparedTo(delta(x).abs()));
  const changed = movers.filter((m) => !delta(m).isZero());
  // The chat shows the most detailed lines (项, economic 款): a 类 moves with its 项 and would repeat them.
  // Asked for all (or a page) by a button or --all / --page, every changed line, 30 a page.
  const leaves = changed.filter((m) => /^\d{7} |^3\d{4} /.test(m.label));
  const paged = view?.all || view?.page ? pageOf(changed, view, 30) : null;
  const shown = paged ? paged.rows : (leaves.length ? leaves : changed).slice(0, SHOWN);
  for (const m of shown) m.cites = [b.cite(citation(from, m.rows?.[0])), b.cite(citation(to, m.rows?.[1]))];
  const title = paged ? `科目变化（${changed.length} 个，变化最大的在前）` : `科目变化（${changed.length} 个科目有变化，列出变化最大的 ${shown.length} 个明细科目）`;
  b.table({ title, ...moverTable(shown, sides) });
  b.answer.csvTables = [{ title: '总额', ...moverTable(totalRows, sides) }, { title: `科目变化（全部 ${movers.length} 个科目）`, ...moverTable(movers, sides), cites: undefined }];
  const added = movers.filter((m) => !m.from).map((m) => m.label);
  const removed = movers.filter((m) => !m.to).map((m) => m.label);
  const few = (xs: string[]) => (xs.length > 5 && !paged ? `${xs.slice(0, 5).join('、')} 等 ${xs.length} 个` : xs.join('、'));
  if (added.length) b.answer.notes.push(`${sides.to}新增科目：${few(added)}`);
  if (removed.length) b.answer.notes.push(`${sides.to}不再列示的科目：${few(removed)}`);
  if (paged) {
    b.answer.more = paged.more;
    const note = moreNote(paged.more, '个科目有变化');
    if (note) b.answer.notes.push(note);
  } else if (changed.length > shown.length) {
    // One page in the chat; 显示全部 re-runs with --all.
    b.answer.more = { shown: shown.length, total: changed.length, page: 1, pages: 1 };
    b.answer.notes.push(`另有 ${changed.length - shown.length} 个科目有变化未列出；加 --all 显示全部，全部 ${movers.length} 个科目和全部总额见 CSV（加 --csv）。`);
  }

  const spend = totalRows.find((m) => m.label === '支出总计');
  const statedSpend = sides.rate === 'change' ? q.changes(to.id).find((c) => c.metric === 'expenditure_total' && c.priorYear === from.year) : undefined;
  if (spend?.from && spend.to) {
    const d = spend.to.minus(spend.from);
    b.answer.summary = sides.rate === 'execution'
      ? `支出总计 预算 ${wan(spend.from)} 万元，决算 ${wan(spend.to)} 万元，${signed(d)} 万元（执行率 ${executionRate(spend.from, spend.to)}）。`
      : `支出总计 ${wan(spend.from)} → ${wan(spend.to)} 万元，${signed(d)} 万元（${percent(changePercent(spend.from, spend.to))}）。`;
    if (statedSpend) {
      const agree = statedSpend.change.minus(d).abs().lte(0.01);
      b.answer.notes.push(`${to.year}年文件说明所述变化 ${signed(statedSpend.change)} 万元${agree ? '，与两年表格相减一致' : `，与两年表格相减（${signed(d)}）不一致`}。`);
      b.cite(citation(to, statedSpend));
    }
  }
  if (asked) {
    // The figure the question asked about leads: its change, before the overview of every change.
    const [x, y] = [readMeasure(q, from, asked), readMeasure(q, to, asked)];
    if (x?.value && y?.value) {
      const d = y.value.minus(x.value);
      const lead = sides.rate === 'execution'
        ? `${asked.label} 预算 ${wan(x.value)} 万元，决算 ${wan(y.value)} 万元，${signed(d)} 万元（执行率 ${executionRate(x.value, y.value)}）。`
        : `${asked.label} ${wan(x.value)} → ${wan(y.value)} 万元，${d.isNeg() ? '减少' : '增加'} ${wan(d.abs())} 万元（${percent(changePercent(x.value, y.value))}）。`;
      b.answer.summary = lead + (b.answer.summary && asked.label !== '支出总计' ? `\n${b.answer.summary}` : '');
      if (!SHOWN_TOTALS.has(asked.label)) {
        b.field(`${asked.label} ${sides.from}`, `${wan(x.value)} 万元`, citation(from, x));
        b.field(`${asked.label} ${sides.to}`, `${wan(y.value)} 万元`, citation(to, y));
      }
    } else b.answer.notes.unshift(`${sides.rate === 'change' ? '两年' : '预算和决算'}中有一个没有读到${asked.label}，无法计算它的变化。`.replace('两年中有一个', '两年中有一年'));
  }
  b.answer.chart = { kind: 'bar', title: sides.chart, unit: '万元', bars: changed.slice(0, 10).map((m) => bar(m.label, delta(m))) };
  return b;
}

function moverTable(rows: Mover[], sides: Sides) {
  const rate = (m: Mover) => (sides.rate === 'execution'
    ? executionRate(m.from, m.to)
    : m.from && m.to ? percent(changePercent(m.from, m.to)) : m.total ? '一方未读到' : m.from ? '取消' : '新增');
  return {
    columns: ['项目', sides.from, sides.to, sides.rate === 'execution' ? '差额' : '变化', sides.rate === 'execution' ? '执行率' : '变化率'],
    numeric: [false, true, true, true, true],
    rows: rows.map((m) => [m.label, m.from ? wan(m.from) : '—', m.to ? wan(m.to) : '—', m.total && (!m.from || !m.to) ? '—' : signed(delta(m)), rate(m)]),
    cites: rows.map((m) => m.cites),
  };
}

function stated(q: Queries, doc: DocRow, fromYear: number, asked?: Measure) {
  const b = createAnswer(`${docLabel(doc)}：较${fromYear}年`);
  const all = q.changes(doc.id).filter((c) => c.priorYear === fromYear);
  if (all.length === 0) {
    throw new UserError(`${doc.department} 只载入了 ${doc.year} 年，文件说明中也没有读到与 ${fromYear} 年的比较。`, [], 'no-prior-year');
  }
  // The figure asked first, and said in the summary; the other stated changes follow it.
  const key = asked?.kind === 'total' ? asked.key : asked ? 'three_public' : null;
  const mine = all.find((c) => c.metric === key && (asked?.kind === 'total' || asked?.column === 'total'));
  const changes = mine ? [mine, ...all.filter((c) => c !== mine)] : all;
  const pct = (c: (typeof all)[number]) => (c.percent ? `（${c.percent.startsWith('-') ? '' : '+'}${c.percent}%）` : '');
  b.answer.summary = mine
    ? `文件说明中所述：${asked!.label}较${fromYear}年${signed(mine.change)} 万元${pct(mine)}（只载入了 ${doc.year} 年，未经两年表格核对）。`
    : `只载入了 ${doc.year} 年的文件，以下是文件说明中所述与 ${fromYear} 年的变化（未经两年表格核对）。${asked ? `文件没有说明${asked.label}的变化。` : ''}`;
  for (const c of changes) {
    b.field(TOTAL_LABELS[c.metric as keyof typeof TOTAL_LABELS] ?? c.metric, `${signed(c.change)} 万元${c.percent ? `（${c.percent.startsWith('-') ? '' : '+'}${c.percent}%）` : ''}`, citation(doc, c));
  }
  return b.answer;
}
