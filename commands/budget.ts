// /budget <department> [topic] [year]: a department's budget at a glance, one topic in detail, or one
// figure (a line item, a 三公-table column, a total, a share). What the text names and the bot cannot
// map is said, never replaced by the overview.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { percent, signed, wan, wanUnit } from '../src/core/format.js';
import { UserError } from '../src/errors.js';
import { measureOf, measuresOf } from '../src/query/measures.js';
import { isOrganisation } from '../src/query/mentions.js';
import { organisationIn } from '../src/query/organisation.js';
import { findSubjects } from '../src/query/resolve.js';
import { topicWordOf, TOPICS } from '../src/query/topics.js';
import { nearestNames, typoOf, unmappedParts } from '../src/query/unmapped.js';
import type { Catalog } from '../src/query/catalog.js';
import type { DocRow, Queries } from '../src/store/queries.js';
import { lineItems, measureAnswer, shareAnswer } from './budget-figures.js';
import { topicDetail } from './budget-topics.js';
import { executionScopeOf, scopeName, statedExecutionAnswer } from './stated-execution.js';
import { citation, docLabel, EXECUTION, targetOf, understoodAs, warningsFor } from './support.js';

export default defineCommand({
  name: 'budget',
  summary: '查看一个部门的预算：总览，或三公、基本支出、项目等专题',
  usage: '/budget <部门> [专题] [年份]',
  examples: ['/budget 竹山县 三公', '/budget 邢台市医保局', '/budget 江苏省人民检察院 项目支出 2018'],
  options: [
    { name: 'department', description: '部门名称，如 竹山县医保局', type: 'string', required: true, complete: 'department' },
    // Discord shows the closed list as choices; Slack, the console and free text also take any subject name.
    { name: 'topic', description: `专题：${TOPICS.map(([t]) => t).join('、')}，或会议费、培训费、科目名称`, type: 'string', complete: 'topic', choices: [...new Set([...TOPICS.map(([t]) => t), '会议费', '培训费', '机关运行经费'])] },
    { name: 'year', description: '年份，如 2023、去年', type: 'string', complete: 'year' },
  ],
  run(input, { queries: q, catalog }) {
    const target = targetOf(input.text, catalog, { department: input.options.department as string | undefined, year: input.options.year, topic: input.options.topic as string | undefined });
    const { doc, department } = target;
    const ownName = `${department.name}${doc.unitName ?? ''}`;
    let topicText = input.options.topic === undefined ? target.rest : String(input.options.topic);
    // "三公经费执行率", "预算执行情况": targetOf chose the 决算; the words are read, not left unmapped.
    const execution = EXECUTION.test(topicText);
    topicText = topicText.replace(new RegExp(EXECUTION.source, 'g'), '').replace(/决算/g, '');
    let read = readWords(topicText, catalog, ownName);
    // The 三公 table is where a 决算 prints its 预算数: execution asked with no figure named means it.
    // A 决算 that states its own execution answers it: for the scope named, or (none named) its broadest.
    if (execution && target.doc.kind === '决算' && !read.topicWord?.topic.match(/三公/) && read.measure?.measure.kind !== 'three' && !read.subjects.length) {
      const scope = executionScopeOf(target.rest);
      const named = !!scope || (!read.measure && !read.topicWord);
      const stated = named ? statedExecutionAnswer(q, target.doc, scope) : null;
      if (stated) {
        if (!scope) stated.notes.push(`“三公”经费的预算执行：/budget ${department.name} ${target.doc.year} 三公 执行率`);
        return stated;
      }
      if (scope) {
        const other = statedExecutionAnswer(q, target.doc, null);
        const answer = executionNotRead(docLabel(target.doc), `${department.name} ${target.doc.year}`, scopeName(scope));
        if (other) answer.notes.unshift(`文件说明中所述的是：${(other.summary ?? '').replace(/^文件说明中所述：/, '')}`);
        return answer;
      }
    }
    // But execution of something else named ("一般公共预算执行率") is not the 三公 table's: say what was not read.
    const otherExecution = execution && !read.topicWord && !read.measure && !read.subjects.length ? read.unmapped.filter((u) => u.replace(/[率的了吗呢是]/g, '').length >= 2) : [];
    // The words as typed, up to the execution word (EXECUTION took the 预算 of 一般公共预算执行率).
    const asTyped = (u: string) => /^[^执完]*/.exec(target.rest.slice(Math.max(0, target.rest.indexOf(u))))![0].replace(/[的之]$/, '') || u;
    if (otherExecution.length) return executionNotRead(docLabel(target.doc), `${department.name} ${target.doc.year}`, otherExecution.map(asTyped).join('、'));
    if (execution && !read.topicWord && !read.measure && !read.subjects.length) read = readWords((topicText = `三公${topicText}`), catalog, ownName);
    // An item typed one character off a name the bot knows ("办工费"): read as that name, and said so.
    const typos = read.unmapped.map((u) => [u, typoOf(u, catalog)] as const).filter((x): x is readonly [string, string] => !!x[1]);
    for (const [typed, name] of typos) topicText = topicText.replace(typed, name);
    if (typos.length) read = readWords(topicText, catalog, ownName);
    const { topicWord, measure, subjects, subjectWord, several, unmapped } = read;
    let share: string | null = null;
    const label = docLabel(doc);
    const b = createAnswer(docLabel(doc));
    const what = typos.length ? `${docLabel(doc)}（按“${typos.map(([t, n]) => `${t} → ${n}`).join('”“')}”理解）` : docLabel(doc);
    // "竹山县财政局": the place matched a loaded department, the organisation named is another one.
    const other = unmapped.some(isOrganisation) ? organisationIn(topicText) ?? unmapped.find(isOrganisation) : null;
    if (other) {
      throw new UserError(`没有载入“${other}”的预算。${department.region ?? ''}已载入的是 ${department.name}。`, [`/budget ${department.name} ${topicText.replace(other, '')}`.replace(/\s+/g, ' ').trim()], 'not-loaded');
    }

    if (several.length >= 2 && !/占/.test(topicText)) {
      // "会议费和培训费": each figure named, one line each.
      const labels = several.map((m) => m.measure.label);
      b.answer.title = `${label} · ${labels.join('、')}`;
      b.answer.understood = understoodAs(what, labels.join('、'));
      const parts = several.map((m) => measureAnswer(b, q, doc, m.measure));
      b.answer.summary = parts.join('');
    } else if (/占/.test(topicText) && (share = shareAnswer(b, q, doc, topicText))) {
      b.answer.title = `${label} · 占比`;
      b.answer.understood = understoodAs(what, share);
    } else if (measure && (measure.measure.kind === 'three' ? measure.word.length >= (topicWord?.word.length ?? 0) : measure.word.length > (topicWord?.word.length ?? 0))) {
      // A figure named more exactly than any topic ("事业收入", not the 收入 topic) is the answer.
      b.answer.title = `${label} · ${measure.measure.label}`;
      b.answer.understood = understoodAs(what, measure.measure.label);
      measureAnswer(b, q, doc, measure.measure);
    } else if (subjects.length && subjectWord && subjectWord.length > (topicWord?.word.length ?? 0) && subjectWord.length >= (measure?.word.length ?? 0)) {
      b.answer.title = `${label} · ${subjects[0].name}`;
      b.answer.understood = understoodAs(what, `${subjects[0].name}（${subjects.map((s) => s.code).join('、')}）`);
      lineItems(b, q, doc, subjects);
    } else if (topicWord) {
      b.answer.title = `${label} · ${topicWord.topic}`;
      b.answer.understood = understoodAs(what, topicWord.topic);
      topicDetail(b, q, doc, topicWord.topic);
    } else if (measure) {
      b.answer.title = `${label} · ${measure.measure.label}`;
      b.answer.understood = understoodAs(what, measure.measure.label);
      measureAnswer(b, q, doc, measure.measure);
    } else if (input.options.topic !== undefined) {
      throw new UserError(`不认识的专题“${topicText}”。可选：${TOPICS.map(([t]) => t).join('、')}`, TOPICS.map(([t]) => t), 'unknown-topic');
    } else if (unmapped.length) {
      // Something was asked that the bot has no figure for: say so, never answer with the overview.
      const near = [...new Set(unmapped.flatMap((u) => nearestNames(u, catalog)))];
      b.answer.title = `${label} · 未找到“${unmapped.join('、')}”`;
      b.answer.understood = understoodAs(what, `“${unmapped.join('、')}”（未能对应到任何专题、科目或数字）`);
      b.answer.summary = `${docLabel(doc)}中没有找到“${unmapped.join('、')}”。${near.length ? `你是不是想问：${near.join('、')}？` : '可问：支出总计、三公、基本支出、项目支出、人员经费、公用经费，或科目名称/编码。'}`;
      return b.answer;
    } else {
      b.answer.understood = understoodAs(what, '总览');
      overview(b, q, doc, department.docs);
    }
    if (execution && b.answer.understood) {
      const threePublic = topicWord?.topic === '三公' || measure?.measure.kind === 'three' || measure?.measure.key === 'three_public';
      b.answer.understood += doc.kind !== '决算' ? ` · 预算执行：未载入${doc.year}年决算` : threePublic ? ' · 预算执行（预算数、决算数、执行率）' : ' · 预算执行：只读到决算数';
      // Only the 三公 table prints its 预算数 beside the 决算数: any other figure's rate is not given.
      if (doc.kind === '决算' && !threePublic) b.answer.notes.unshift(`文件中没有读到${b.answer.title.split(' · ')[1] ?? '这一项'}的年初预算数，无法计算执行率；以上是决算数。`);
      if (doc.kind !== '决算') b.answer.notes.unshift(`${department.name} 没有载入 ${doc.year} 年的决算，无法给出预算执行情况；以上是${doc.year}年预算。`);
    }
    if (unmapped.length && b.answer.understood) b.answer.understood += ` · 未理解：“${unmapped.join('、')}”`;
    // A reason is not a figure: say the answer gives only the figures, and where reasons may be written.
    const why = /为什么|为何|原因/.exec(topicText)?.[0];
    if (why && b.answer.understood) {
      b.answer.understood += ` · 无法回答“${why}”，只给出数字`;
      b.answer.notes.push(`文件说明中可能写有原因：用 /search ${department.name.replace(/^中共/, '').slice(0, 12)} ${topicWord?.word ?? measure?.word ?? ''} 查找。`.replace(/\s+。/, '。'));
    }
    const otherScope = department.docs.find((d) => d.year === doc.year && d.id !== doc.id);
    b.answer.years = { year: doc.year, available: [...new Set(department.docs.map((d) => d.year))].sort() };
    if (otherScope) {
      const both = otherScope.kind !== doc.kind ? `（两者的比较：/diff ${department.name} ${doc.year} 预算 决算）` : '';
      b.answer.notes.push(`同年还载入了${otherScope.scope}${otherScope.kind}：${otherScope.unitName ?? otherScope.department}${both}`);
    }
    return b.answer;
  },
});

/**
 * Execution asked of a figure the bot reads no 预算数 and 决算数 for: said as such, with the execution
 * it does read (the 三公 table's) offered — never that table given as the answer.
 */
function executionNotRead(label: string, ask: string, what: string) {
  const b = createAnswer(`${label} · 预算执行`);
  b.answer.understood = understoodAs(label, `“${what}”的预算执行`);
  b.answer.summary = `${label}中没有读到“${what}”的预算数与决算数，无法给出其执行率。`;
  b.answer.notes.push(`已读到预算数与决算数的是“三公”经费：/budget ${ask} 三公 执行率`);
  return b.answer;
}

/** What the words after the department name: a topic, a figure, a subject, several figures, and what is left. */
function readWords(text: string, catalog: Catalog, ownName: string) {
  const topicWord = topicWordOf(text);
  const measure = measureOf(text);
  const subjects = findSubjects(text, catalog);
  const subjectWord = subjects[0] && (/\d{3}/.test(text) ? subjects[0].code : subjects[0].name);
  const several = measuresOf(text);
  // A subject asked by code and name ("2101501行政运行") names it twice: both words are understood.
  const subjectWords = subjects[0] ? [subjects[0].code, ...subjects[0].names] : [];
  const known = [topicWord?.word, measure?.word, subjectWord, ...subjectWords, ...several.map((m) => m.word)].filter((w): w is string => !!w);
  // A loose rest of the department's own name ("竹山医疗局") is not a question about a figure; a
  // different organisation ("竹山县财政局") is, and stays unmapped.
  const unmapped = unmappedParts(text, known).filter((p) => ![...p].every((ch) => ownName.includes(ch)));
  return { topicWord, measure, subjects, subjectWord, several, known, unmapped };
}

function overview(b: ReturnType<typeof createAnswer>, q: Queries, doc: DocRow, all: DocRow[]) {
  const t = q.totals(doc.id);
  const put = (key: Parameters<typeof t.get>[0], label: string) => b.field(label, wanUnit(t.get(key)?.value), citation(doc, t.get(key)));
  put('income_total', '收入总计');
  put('expenditure_total', '支出总计');
  put('general_budget_appropriation', '一般公共预算拨款');
  put('carryover', '上年结转结余');
  put('basic', '基本支出');
  put('project', '项目支出');
  put('personnel', '人员经费');
  put('public_funds', '公用经费');
  put('three_public', '“三公”经费');
  if (t.has('procurement_total')) put('procurement_total', '政府采购');
  if (t.has('assets_total')) put('assets_total', '固定资产');

  const spend = t.get('expenditure_total');
  const prior = all.find((d) => d.year === doc.year - 1 && d.scope === doc.scope);
  const priorSpend = prior ? q.totals(prior.id).get('expenditure_total') : undefined;
  const stated = q.changes(doc.id).find((c) => c.metric === 'expenditure_total');
  let change = '';
  if (spend && prior && priorSpend) {
    const diff = spend.value.minus(priorSpend.value);
    b.field(`较${prior.year}年`, `${signed(diff)} 万元（${percent(priorSpend.value.isZero() ? null : diff.div(priorSpend.value).times(100))}）`, citation(prior, priorSpend));
    change = `，较${prior.year}年${signed(diff)} 万元`;
  } else if (stated) {
    const pct = stated.percent ? `（${stated.percent.startsWith('-') ? '' : '+'}${stated.percent}%）` : '';
    b.field(`较${stated.priorYear}年（文件所述）`, `${signed(stated.change)} 万元${pct}`, citation(doc, stated));
    change = `，较${stated.priorYear}年${signed(stated.change)} 万元（文件所述）`;
  }
  b.answer.summary = `支出总计 ${wanUnit(spend?.value)}：基本支出 ${wan(t.get('basic')?.value)}，项目支出 ${wan(t.get('project')?.value)}${change}。`;
  const findings = q.findings(doc.id).filter((f) => f.severity !== 'info');
  b.field('勾稽问题', findings.length ? `${findings.length} 处` : '未发现');
  b.answer.warnings.push(...warningsFor(q, doc, [], 3));
}
