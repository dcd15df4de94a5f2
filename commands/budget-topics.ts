// The detail /budget shows for each topic: the figures and their breakdown, every row cited.
import type { Decimal } from 'decimal.js';
import type { createAnswer } from '../src/core/answer.js';
import { bar, wan, wanUnit } from '../src/core/format.js';
import type { Topic } from '../src/query/topics.js';
import type { DocRow, ItemRow, Queries } from '../src/store/queries.js';
import { threePublicExecution } from './budget-execution.js';
import { addCsvTables, printedCsvTable, printedNotes } from './printed-rows.js';
import { citation, warningsFor } from './support.js';

type Builder = ReturnType<typeof createAnswer>;

function itemTable(b: Builder, doc: DocRow, rows: ItemRow[], title: string, parts: [string, string]) {
  b.table({
    title,
    columns: ['科目编码', '科目名称', '合计', parts[0], parts[1]],
    numeric: [false, false, true, true, true],
    rows: rows.map((r) => [r.code, `${'　'.repeat(Math.max(0, r.level - 1))}${r.name}`, wan(r.total), wan(r.parts[0]), wan(r.parts[1])]),
    cites: rows.map((r) => [b.cite(citation(doc, r))]),
  });
  // The answer's only table: a row the document prints on several lines gets its lines shown.
  const shown = rows.map((row) => ({ doc, row }));
  printedNotes(b.answer, shown);
  addCsvTables(b.answer, [printedCsvTable(shown, parts)]);
}

const sumOf = (rows: ItemRow[]) => rows.reduce<Decimal | null>((acc, r) => (r.total ? (acc ? acc.plus(r.total) : r.total) : acc), null);

export function topicDetail(b: Builder, q: Queries, doc: DocRow, topic: Topic): void {
  const totals = q.totals(doc.id);
  const total = (key: Parameters<typeof totals.get>[0], label: string) => {
    const f = totals.get(key);
    b.field(label, wanUnit(f?.value), citation(doc, f));
    return f?.value ?? null;
  };
  const a = b.answer;
  switch (topic) {
    case '三公': {
      const t = q.threePublic(doc.id);
      if (!t) {
        a.summary = '文件中没有找到“三公”经费表。';
        break;
      }
      const { budget } = t;
      if (budget) {
        // A 决算 printing its 预算数: the two side by side with the execution rate.
        threePublicExecution(b, doc, { ...t, budget });
        a.warnings.push(...warningsFor(q, doc, ['three-public', '三公']));
        break;
      }
      if (doc.kind === '决算') a.notes.push('该决算的“三公”经费表没有列出预算数，无法计算执行率。');
      const cite = citation(doc, t);
      const unverified = totals.get('three_public')?.verified === false ? '（未核实）' : '';
      b.field('“三公”经费合计', `${wanUnit(t.total)}${unverified}`, cite);
      b.field('因公出国（境）费', wanUnit(t.outbound), cite);
      b.field('公务用车购置及运行费', wanUnit(t.vehicle), cite);
      b.field('其中：公务用车购置费', wanUnit(t.vehiclePurchase), cite);
      b.field('　　　公务用车运行维护费', wanUnit(t.vehicleOperation), cite);
      b.field('公务接待费', wanUnit(t.reception), cite);
      const parts = [['公务接待费', t.reception], ['公务用车购置费', t.vehiclePurchase], ['公务用车运行维护费', t.vehicleOperation], ['因公出国（境）费', t.outbound]] as const;
      const shown = parts.filter(([, v]) => v !== null).sort((x, y) => y[1]!.comparedTo(x[1]!));
      a.summary = `“三公”经费 ${wanUnit(t.total)}${unverified}：${shown.map(([n, v]) => `${n} ${wan(v)}`).join('，')}。`;
      a.chart = { kind: 'bar', title: `${b.answer.title}`, unit: '万元', bars: shown.map(([n, v]) => bar(n, v)) };
      a.warnings.push(...warningsFor(q, doc, ['three-public', '三公']));
      break;
    }
    case '基本支出':
    case '人员经费':
    case '公用经费': {
      const basic = total('basic', '基本支出');
      const personnel = total('personnel', '人员经费');
      const pub = total('public_funds', '公用经费');
      const items = q.items('economic', doc.id);
      const classes = topic === '人员经费' ? ['301', '303'] : topic === '公用经费' ? ['302', '307', '309', '310', '399'] : null;
      const rows = classes ? items.filter((r) => classes.some((c) => r.code.startsWith(c))) : items.filter((r) => r.level <= 2);
      itemTable(b, doc, rows, '基本支出经济分类', ['人员经费', '公用经费']);
      a.chart = { kind: 'bar', title: a.title, unit: '万元', bars: rows.filter((r) => r.level === (classes ? 2 : 1)).slice(0, 15).map((r) => bar(`${r.code} ${r.name}`, r.total)) };
      const head = topic === '人员经费' ? personnel : topic === '公用经费' ? pub : basic;
      a.summary = `${topic} ${wanUnit(head)}` + (topic === '基本支出' ? `：人员经费 ${wan(personnel)}，公用经费 ${wan(pub)}。` : '。');
      a.warnings.push(...warningsFor(q, doc, ['economic', 'basic', '基本支出', '人员', '公用']));
      break;
    }
    case '项目支出': {
      const project = total('project', '项目支出');
      const projects = q.projects(doc.id);
      b.table({
        title: `项目（${projects.length} 个）`,
        columns: ['项目名称', '金额（万元）'],
        numeric: [false, true],
        rows: projects.map((p) => [p.name, p.amount ? wan(p.amount) : '未列示']),
        cites: projects.map((p) => [b.cite(citation(doc, p))]),
      });
      // Projects come largest first: the summary names the largest ("最大的项目是什么" is answered in it).
      const largest = projects.find((p) => p.amount);
      a.summary = `项目支出 ${wanUnit(project)}，列出项目 ${projects.length} 个${largest && projects.filter((p) => p.amount).length > 1 ? `，金额最大的是“${largest.name}” ${wanUnit(largest.amount!)}${largest.verified === false ? '（未核实）' : ''}` : ''}。`;
      const priced = projects.filter((p) => p.amount).slice(0, 12);
      if (priced.length > 1) a.chart = { kind: 'bar', title: a.title, unit: '万元', bars: priced.map((p) => bar(p.name.length > 18 ? `${p.name.slice(0, 18)}…` : p.name, p.amount)) };
      const listed = sumOf(projects.map((p) => ({ total: p.amount }) as ItemRow));
      if (project && listed && projects.every((p) => p.amount) && !listed.minus(project).abs().lte(0.01)) {
        a.notes.push(`所列项目金额合计 ${wan(listed)} 万元，与项目支出 ${wan(project)} 万元不同（项目表可能只列部分项目）。`);
      }
      a.warnings.push(...warningsFor(q, doc, ['project', '项目支出']));
      break;
    }
    case '收入': {
      const income = total('income_total', '收入总计');
      total('general_budget_appropriation', '一般公共预算拨款');
      total('carryover', '上年结转结余');
      a.summary = `收入总计 ${wanUnit(income)}。`;
      a.warnings.push(...warningsFor(q, doc, ['income', '收入']));
      break;
    }
    case '支出': {
      const spend = total('expenditure_total', '支出总计');
      total('basic', '基本支出');
      total('project', '项目支出');
      const items = q.items('function', doc.id);
      itemTable(b, doc, items, '支出功能分类', ['基本支出', '项目支出']);
      const leaves = items.filter((r) => r.level === 3).sort((x, y) => (y.total?.comparedTo(x.total ?? 0) ?? 0)).slice(0, 12);
      if (leaves.length > 1) a.chart = { kind: 'bar', title: a.title, unit: '万元', bars: leaves.map((r) => bar(`${r.code} ${r.name}`, r.total)) };
      a.summary = `支出总计 ${wanUnit(spend)}，按功能分类如下。`;
      a.warnings.push(...warningsFor(q, doc, ['function', 'class', 'same-figure', 'code-two', 'name-two']));
      break;
    }
    case '经济分类': {
      const economic = q.items('economic', doc.id);
      itemTable(b, doc, economic, '基本支出经济分类', ['人员经费', '公用经费']);
      // The classes (301 工资福利…) when the document has them, else its largest lines.
      const classes = economic.filter((r) => r.level === 1);
      const charted = (classes.length > 1 ? classes : [...economic].sort((x, y) => (y.total?.comparedTo(x.total ?? 0) ?? 0))).slice(0, 12);
      if (charted.length > 1) a.chart = { kind: 'bar', title: a.title, unit: '万元', bars: charted.map((r) => bar(`${r.code} ${r.name}`, r.total)) };
      a.summary = `基本支出 ${wanUnit(totals.get('basic')?.value)}，按经济分类如下。`;
      a.warnings.push(...warningsFor(q, doc, ['economic']));
      break;
    }
    case '政府采购': {
      const v = total('procurement_total', '政府采购预算');
      a.summary = v ? `政府采购预算 ${wanUnit(v)}。` : '文件中没有读到政府采购预算总额。';
      break;
    }
    case '资产': {
      const v = total('assets_total', '固定资产总额');
      a.summary = v ? `固定资产 ${wanUnit(v)}。` : '文件中没有读到资产总额。';
      a.warnings.push(...warningsFor(q, doc, ['固定资产']));
      break;
    }
    case '绩效': {
      // All of them for the CSV; the chat shows the first few (fit.ts) and says how many there are.
      const targets = q.targets(doc.id, 2000);
      b.table({
        title: '绩效指标',
        columns: ['项目', '指标'],
        rows: targets.map((t) => [t.project ?? '', t.text]),
        cites: targets.map((t) => [b.cite(citation(doc, t))]),
      });
      a.summary = targets.length ? `文件列出绩效指标 ${targets.length} 条${targets.length === 2000 ? '以上' : ''}。` : '文件中没有读到绩效指标。';
      break;
    }
  }
}
