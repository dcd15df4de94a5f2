// What a digest says. "changes": disclosures loaded since the last post, each department's
// biggest year-over-year movers over the threshold, new findings. "watch": chosen departments'
// and subjects' figures with their change. "overview": what is loaded, the largest, open findings.
// Each reports whether anything is new, for "only when something changed".
import type { Decimal } from 'decimal.js';
import { citation, docLabel } from '../../commands/support.js';
import { createAnswer, type Answer } from '../core/answer.js';
import { bar, changePercent, percent, signed, wan, wanUnit } from '../core/format.js';
import type { Catalog } from '../query/catalog.js';
import { findDepartment, findSubjects } from '../query/resolve.js';
import type { DocRow, Queries } from '../store/queries.js';
import type { Subscription } from './subscription.js';

export interface Reported {
  docs: string[];
  findings: string[];
  fingerprint?: string;
}

export interface Composed {
  answer: Answer;
  hasNews: boolean;
  reported: Reported;
}

const docKey = (d: DocRow) => `${d.department}|${d.unitName ?? ''}|${d.year}|${d.kind}|${d.scope}|${d.sha256}`;

/** The documents a subscription's filters select (all, when it has none). */
function selected(s: Subscription, q: Queries, c: Catalog): DocRow[] {
  const { departments, regions } = s.filters;
  const names = new Set(departments.flatMap((t) => {
    const m = findDepartment(t, c);
    return m.kind === 'one' ? [m.department.name] : m.kind === 'many' ? m.candidates.map((d) => d.name) : [];
  }));
  return q.documents().filter((d) =>
    (departments.length === 0 || names.has(d.department)) && (regions.length === 0 || regions.some((r) => d.region === r || d.department.includes(r))));
}

/** Each department's latest document, its 部门 budget where the year has both. */
function latestPerDepartment(docs: DocRow[]): Map<string, DocRow> {
  const latest = new Map<string, DocRow>();
  for (const d of docs) {
    const cur = latest.get(d.department);
    if (!cur || d.year > cur.year || (d.year === cur.year && d.scope === '部门')) latest.set(d.department, d);
  }
  return latest;
}

interface Mover {
  doc: DocRow;
  label: string;
  from: Decimal;
  to: Decimal;
  pct: Decimal | null;
}

function movers(q: Queries, prior: DocRow, doc: DocRow, threshold: number): Mover[] {
  const items = (d: DocRow) => new Map([...q.items('function', d.id), ...q.items('economic', d.id)].map((r) => [r.code, r]));
  const a = items(prior);
  const b = items(doc);
  const out: Mover[] = [];
  for (const [code, r] of b) {
    const was = a.get(code);
    if (!was?.total || !r.total) continue;
    const pct = changePercent(was.total, r.total);
    if (pct && pct.abs().gte(threshold)) out.push({ doc, label: `${code} ${r.name}`, from: was.total, to: r.total, pct });
  }
  return out.sort((x, y) => y.to.minus(y.from).abs().comparedTo(x.to.minus(x.from).abs())).slice(0, 5);
}

export function composeDigest(s: Subscription, q: Queries, c: Catalog, previous: Reported | null): Composed {
  const docs = selected(s, q, c);
  const b = createAnswer(`订阅“${s.name}”`);
  const a = b.answer;
  const keys = docs.map(docKey);
  const findings = docs.flatMap((d) => q.findings(d.id).filter((f) => f.severity !== 'info').map((f) => ({ d, f, key: `${docKey(d)}|${f.message}` })));

  if (s.content === 'changes') {
    const seen = new Set(previous?.docs ?? []);
    const fresh = previous ? docs.filter((d) => !seen.has(docKey(d))) : [];
    const seenFindings = new Set(previous?.findings ?? []);
    const newFindings = previous ? findings.filter((x) => !seenFindings.has(x.key)) : [];
    if (!previous) {
      a.summary = `开始订阅：目前已载入 ${docs.length} 份预算，以后有新文件或新的勾稽问题时在此通报。`;
    } else {
      a.summary = fresh.length || newFindings.length ? `上次通报以来新载入 ${fresh.length} 份预算，新发现勾稽问题 ${newFindings.length} 处。` : '上次通报以来没有新的预算文件。';
    }
    const moving: Mover[] = [];
    for (const d of fresh.slice(0, 10)) {
      const prior = q.documents().find((x) => x.department === d.department && x.scope === d.scope && x.year === d.year - 1);
      a.notes.push(`新载入：${docLabel(d)}（${d.source}）${prior ? '' : '，无上年文件可比'}`);
      if (prior) moving.push(...movers(q, prior, d, s.threshold));
    }
    if (moving.length) {
      b.table({
        title: `变化超过 ${s.threshold}% 的科目`,
        columns: ['部门', '科目', '上年', '本年', '变化', '变化率'],
        numeric: [false, false, true, true, true, true],
        rows: moving.map((m) => [m.doc.unitName ?? m.doc.department, m.label, wan(m.from), wan(m.to), signed(m.to.minus(m.from)), percent(m.pct)]),
        cites: moving.map((m) => [b.cite(citation(m.doc, q.items('function', m.doc.id).concat(q.items('economic', m.doc.id)).find((r) => m.label.startsWith(`${r.code} `))))]),
      });
      a.chart = { kind: 'bar', title: '变化最大的科目', unit: '万元', bars: moving.slice(0, 10).map((m) => bar(`${m.doc.region ?? ''} ${m.label}`.trim(), m.to.minus(m.from))) };
    }
    for (const x of newFindings.slice(0, 10)) a.warnings.push(`${docLabel(x.d)}：${x.f.message}（${x.f.table}，第 ${x.f.line} 行）`);
    if (newFindings.length > 10) a.warnings.push(`另有 ${newFindings.length - 10} 处，用 /check 查看`);
    return { answer: a, hasNews: !previous || fresh.length > 0 || newFindings.length > 0, reported: { docs: keys, findings: findings.map((x) => x.key) } };
  }

  if (s.content === 'watch') {
    const latest = latestPerDepartment(docs);
    const subjects = s.filters.subjects.flatMap((t) => findSubjects(t, c).slice(0, 1));
    const rows: string[][] = [];
    const cites: (number | undefined)[][] = [];
    for (const d of latest.values()) {
      const prior = q.documents().find((x) => x.department === d.department && x.scope === d.scope && x.year === d.year - 1);
      const t = q.totals(d.id);
      const pt = prior ? q.totals(prior.id) : null;
      const watched: [string, { value: Decimal; table: string; line: number } | undefined, Decimal | undefined][] = [
        ['支出总计', t.get('expenditure_total'), pt?.get('expenditure_total')?.value],
        ['“三公”经费', t.get('three_public'), pt?.get('three_public')?.value],
        ...subjects.map((sub) => {
          const row = q.items(sub.kind, d.id).find((r) => r.code === sub.code);
          const prow = prior ? q.items(sub.kind, prior.id).find((r) => r.code === sub.code) : undefined;
          return [`${sub.code} ${sub.name}`, row?.total ? { value: row.total, table: row.table, line: row.line } : undefined, prow?.total ?? undefined] as [string, { value: Decimal; table: string; line: number } | undefined, Decimal | undefined];
        }),
      ];
      for (const [label, now, before] of watched) {
        if (!now) continue;
        rows.push([`${d.unitName ?? d.department} ${d.year}`, label, wan(now.value), before ? signed(now.value.minus(before)) : '—', before ? percent(changePercent(before, now.value)) : '—']);
        cites.push([b.cite(citation(d, now))]);
      }
    }
    b.table({ columns: ['部门', '项目', '金额', '较上年', '变化率'], numeric: [false, false, true, true, true], rows, cites });
    const fingerprint = JSON.stringify(rows);
    a.summary = `关注的 ${latest.size} 个部门的最新数字。`;
    return { answer: a, hasNews: fingerprint !== previous?.fingerprint, reported: { docs: keys, findings: [], fingerprint } };
  }

  // overview
  const latest = latestPerDepartment(docs);
  const biggest = [...latest.values()].map((d) => ({ d, t: q.totals(d.id).get('expenditure_total') })).filter((x) => x.t).sort((x, y) => y.t!.value.comparedTo(x.t!.value)).slice(0, 5);
  a.summary = `已载入 ${latest.size} 个部门、${docs.length} 份预算；勾稽问题 ${findings.length} 处。`;
  b.table({
    title: '支出最多的部门（各自最新年度）',
    columns: ['部门', '年度', '支出总计'],
    numeric: [false, false, true],
    rows: biggest.map((x) => [x.d.unitName ?? x.d.department, String(x.d.year), wanUnit(x.t!.value)]),
    cites: biggest.map((x) => [b.cite(citation(x.d, x.t))]),
  });
  a.chart = { kind: 'bar', title: '支出最多的部门', unit: '万元', bars: biggest.map((x) => bar(x.d.unitName ?? x.d.department, x.t!.value)) };
  const fingerprint = JSON.stringify([keys, findings.length]);
  return { answer: a, hasNews: fingerprint !== previous?.fingerprint, reported: { docs: keys, findings: [], fingerprint } };
}
