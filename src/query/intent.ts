// Free-form questions → the command that answers them ("竹山县医保局三公经费是多少" → /budget,
// "行政运行哪个单位最多" → /rank). The command then reads the same text for its arguments.
import type { Catalog } from './catalog.js';
import { findDepartment, findSubjects } from './resolve.js';
import { topicOf } from './topics.js';
import { extractYears } from './years.js';

export interface Intent {
  command: string;
  text: string;
}

const RANK = /哪个|哪些|哪家|排名|排行|最多|最高|最大|最少|最低|前\s*\d+|top\s*\d*/i;
const STRONG_RANK = /排名|排行|最多|最高|最大|最少|最低|前\s*\d+|top\s*\d*/i;
const DIFF = /变化|增减|变动|比去年|比上年|同比|较上年|增加了多少|减少了多少|涨了|降了|对比上年|diff/i;
const COMPARE = /比较|对比|相比|\bvs\b|和.+比|与.+比/i;
const SEARCH = /搜索|查找|搜一下|有哪些项目|什么项目|关于.+的项目|提到/;
const CHECK = /对不上|不一致|勾稽|问题|错误|矛盾|核对/;
const SOURCES = /哪些部门|有哪些数据|载入了|加载了|数据来源|哪些文件|哪些单位的数据/;
const HELP = /^(帮助|怎么用|用法|help|\?|？)$/i;

export function understand(text: string, c: Catalog): Intent {
  const t = text.trim();
  if (HELP.test(t)) return { command: 'help', text: '' };
  if (SOURCES.test(t)) return { command: 'sources', text: t };
  if (SEARCH.test(t)) return { command: 'search', text: t.replace(SEARCH, ' ') };
  const { rest } = extractYears(t);
  const dep = findDepartment(rest, c);
  const subjects = findSubjects(rest, c);
  if (CHECK.test(t)) return { command: 'check', text: t };
  // Two departments named: a comparison.
  if (dep.kind !== 'none' && COMPARE.test(t)) {
    const parts = rest.split(/和|与|跟|同|对比|比较|vs/i).filter((p) => findDepartment(p, c).kind !== 'none');
    if (parts.length >= 2) return { command: 'compare', text: t };
  }
  // "哪些" with a department named asks about that department ("巨鹿县的项目有哪些"), not for a ranking.
  const ranking = dep.kind === 'one' ? STRONG_RANK.test(t) : RANK.test(t);
  if (ranking && (subjects.length || topicOf(rest) || /支出|收入|经费|预算/.test(rest))) return { command: 'rank', text: t };
  if (dep.kind !== 'none' && DIFF.test(t)) return { command: 'diff', text: t };
  if (dep.kind !== 'none') return { command: 'budget', text: t };
  if (subjects.length) return { command: 'subject', text: t };
  return { command: 'search', text: t };
}
