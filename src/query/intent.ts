// Free-form questions → the command that answers them ("竹山县医保局三公经费是多少" → /budget,
// "行政运行哪个单位最多" → /rank, "比2018年增加多少" → /diff). The command then reads the same
// (normalised) text for its arguments and says, in its first line, how it understood them.
import type { Catalog } from './catalog.js';
import { measureOf, measuresOf } from './measures.js';
import { unmappedParts } from './unmapped.js';
import { departmentMentions } from './mentions.js';
import { normalizeQuestion } from './normalize.js';
import { organisationIn } from './organisation.js';
import { findDepartment, findSubjects } from './resolve.js';
import { TOPIC_WORDS, topicOf } from './topics.js';
import { extractYears } from './years.js';

export interface Intent {
  command: string;
  text: string;
  /** Words read differently from how they were typed (typo, traditional, pinyin, English). */
  corrections: string[];
  /** What was read from the words, for the 理解为 line when the command cannot say better (an error). */
  gist: string;
}

const VERB: Record<string, string> = {
  budget: '查看预算', compare: '比较', rank: '排名', diff: '年度变化', trend: '历年趋势', subject: '科目', search: '全文搜索', check: '勾稽检查', sources: '已载入的数据', help: '帮助',
};

function gistOf(command: string, t: string, c: Catalog): string {
  const { years, rest } = extractYears(t);
  const { found, missing } = departmentMentions(rest, c);
  const dep = findDepartment(rest, c);
  const named = found.length ? found.map((f) => f.unitName ?? f.department.name) : dep.kind === 'many' ? [`${dep.matched}（${dep.candidates.length} 个部门）`] : [];
  const org = !found.length && !missing.length && dep.kind === 'none' ? dep.unloaded?.named ?? organisationIn(rest) : null;
  const what = measureOf(rest)?.measure.label ?? topicOf(rest) ?? findSubjects(rest, c)[0]?.name;
  return [
    command === 'diff' && BUDGET_VS_FINAL.test(rest) ? '预算 vs 决算' : command === 'search' ? `全文搜索“${t.replace(/搜索|查找|搜一下/g, '').trim()}”` : VERB[command] ?? command,
    ...named,
    ...[...missing, ...(org ? [org] : [])].map((m) => `${m}（未载入）`),
    years.map((y) => (y.kind === 'absolute' ? `${y.year}年` : ['今年', '去年', '前年'][y.back] ?? '')).join('、'),
    what,
  ].filter(Boolean).join(' · ');
}

const RANK = /哪个|哪些|哪家|排名|排行|最多|最高|最大|最少|最低|前\s*\d+|top\s*\d*/i;
const STRONG_RANK = /排名|排行|最多|最高|最大|最少|最低|前\s*\d+|top\s*\d*/i;
const DIFF = /变化|增减|变动|比去年|比上年|同比|较上年|增加了?多少|减少了?多少|增长了?多少|下降了?多少|增长率|涨了|降了|对比上年|比\s*(?:19|20)\d{2}\s*年?|(?:与|和|同|跟)\s*(?:19|20)\d{2}\s*年?(?:相比|比较|对比)|diff/i;
const COMPARE = /比较|对比|相比|\bvs\b|和.+比|与.+比|哪个.*(?:多|少|高|低|大|小)/i;
const TREND = /趋势|走势|历年|逐年|每年|怎么变|如何变化|怎样变化|变化情况|近\s*[二两三四五六七八九十2-9]\s*年|trend/i;
/** 2017到2019年, 2017-2019: three years or more asked together are a trend, not a change between two. */
const YEAR_RANGE = /((?:19|20)\d{2})\s*年?度?\s*(?:到|至|-|—|–|~|～)\s*((?:19|20)\d{2})/;
const spansYears = (t: string) => {
  const m = YEAR_RANGE.exec(t);
  return !!m && Number(m[2]) - Number(m[1]) >= 2;
};
const SHARE = /占.*(?:比例|比重|百分|多少)|占比/;
/** A department's own largest (or smallest) project, as opposed to departments ranked by 项目支出. */
const OWN_LARGEST_PROJECT = /(?:最大|最多|最高|最贵|最小|最少|最低)的?(?:一个|一项)?项目(?!支出)|项目(?:中|里)?(?:哪个|哪一个|哪项)?(?:金额)?(?:最大|最多|最高)/;
const SEARCH = /搜索|查找|搜一下|有哪些项目|什么项目|关于.+的项目|提到/;
const CHECK = /对不上|不一致|勾稽|问题|错误|矛盾|核对/;
const SOURCES = /哪些部门|有哪些数据|载入了|加载了|数据来源|哪些文件|哪些单位的数据/;
/**
 * "哪些部门有长期护理保险项目", "哪个单位安排了信息化建设资金": which departments print a thing. A
 * figure or topic named (三公, 项目支出, a subject) is a ranking; anything else is searched for.
 */
const WHO_HAS = /(?:哪些|哪个|哪家|什么)(?:部门|单位)(?:有|安排了?|设立了?|列了?|涉及|开展了?)(.{2,40}?)(?:的?(?:项目|专项|经费|资金))?[?？。!！]*$/;
/** A year's 预算 against its 决算 ("2021年预算和决算比较", "预决算对比"): /diff of the two documents. */
export const BUDGET_VS_FINAL = /预决算|预算.*决算|决算.*预算/;
const EXECUTION_WORDS = /执行情况|执行率|预算执行|完成预算|完成率/;
const HELP = /^(帮助|怎么用|用法|help|\?|？)$/i;

/** A fragment left once every known word is taken out, long enough to be a name (3+ characters). */
function unnamed(rest: string, c: Catalog): boolean {
  const known = [...measuresOf(rest).map((m) => m.word), ...TOPIC_WORDS.filter((w) => rest.includes(w)), ...findSubjects(rest, c).map((s) => s.name)];
  return unmappedParts(rest, known).some((p) => p.length >= 3);
}

export function understand(typed: string, c: Catalog): Intent {
  const { text: t, corrections } = normalizeQuestion(typed.trim(), c);
  const to = (command: string, text = t): Intent => ({ command, text, corrections, gist: gistOf(command, t, c) });
  if (HELP.test(t)) return to('help', '');
  const who = WHO_HAS.exec(t);
  const whoNamesFigure = !!who && (!!measureOf(who[1]) || !!topicOf(who[1]) || findSubjects(who[1], c).length > 0);
  if (who && !whoNamesFigure && findDepartment(who[1], c).kind === 'none') return to('search', who[1]);
  // "哪些部门有三公经费" asks for the figure across departments (a ranking), not for what is loaded.
  if (SOURCES.test(t) && !whoNamesFigure) return to('sources');
  if (SEARCH.test(t)) return to('search', t.replace(SEARCH, ' '));
  const { rest } = extractYears(t);
  const dep = findDepartment(rest, c);
  const subjects = findSubjects(rest, c);
  const measure = measureOf(rest);
  if (CHECK.test(t)) return to('check');
  // Two departments named, or one and an organisation not loaded: a comparison that says what is missing.
  const mentions = departmentMentions(rest, c);
  if (mentions.found.length + mentions.missing.length >= 2 && mentions.found.length >= 1 && (COMPARE.test(t) || /[和与跟、]/.test(rest))) return to('compare');
  // A place or organisation named that is not loaded (深圳医保局, 西安市公安局): the answer says so —
  // never a ranking of every department, never another department's figure.
  if (dep.kind === 'none' && dep.unloaded) return to('budget');
  if (SHARE.test(t) && dep.kind !== 'none') return to('budget');
  if ((TREND.test(t) || spansYears(t)) && dep.kind === 'one') return to('trend');
  // "哪些" with a department named asks about that department ("巨鹿县的项目有哪些"), not for a ranking;
  // so does its largest project ("凤泉区医保局最大的项目是什么"): its project list, largest first.
  const ranking = dep.kind === 'one' ? STRONG_RANK.test(t) && !OWN_LARGEST_PROJECT.test(rest) : RANK.test(t);
  if (ranking && (subjects.length || measure || topicOf(rest) || /支出|收入|经费|预算/.test(rest))) return to('rank');
  // "决算完成预算的比例" asks for execution (/budget on the 决算), not for the two documents compared.
  if (dep.kind !== 'none' && BUDGET_VS_FINAL.test(rest) && !EXECUTION_WORDS.test(t)) return to('diff');
  if (dep.kind !== 'none' && DIFF.test(t)) return to('diff');
  if (dep.kind !== 'none') return to('budget');
  // An organisation the bot has not loaded, asked about a figure: /budget says it is not loaded.
  if (organisationIn(rest) && (measure || topicOf(rest))) return to('budget');
  if (subjects.length) return to('subject');
  // A figure named with no department ("三公经费", "total budget"): every department's, ranked — unless
  // what is left looks like a name the bot did not recognise ("万里街到2024年预算总额"): then it asks
  // which department was meant, rather than answering a question nobody asked.
  if (measure) return unnamed(rest, c) ? to('budget') : to('rank');
  return to('search');
}
