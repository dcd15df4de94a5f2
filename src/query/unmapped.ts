// What is left of a question once everything understood was taken out: if anything meaningful
// remains, the answer must name it rather than answer as though it had been understood.
import type { Catalog } from './catalog.js';
import { MEASURES } from './measures.js';
import { editDistance } from './edit-distance.js';
import { TOPICS } from './topics.js';

/** Words that carry the question's form, not its subject. */
const FILLER = new RegExp([
  '请问', '请', '帮我', '帮忙', '给我', '我想', '想知道', '知道', '查询', '查一下', '查下', '查', '看看', '看一下', '看下', '告诉我', '一下', '列出', '显示',
  '是多少', '有多少', '多少钱', '多少', '是什么', '什么', '怎么样', '如何', '情况', '概况', '总体', '整体', '具体', '详细', '明细',
  '有哪些', '哪些', '哪个', '哪家', '哪里', '几个', '分别', '各', '共', '一共', '总共', '合计', '大概', '呢', '吗', '吧', '啊', '了', '的', '是', '有', '在', '和', '与', '跟', '及', '以及', '还有',
  '预算', '部门预算', '单位预算', '部门', '单位', '本级', '汇总', '决算', '年度', '年', '万元', '元', '钱', '花了', '花', '安排', '用于', '支出', '经费', '费用', '金额', '数额', '数字', '数据',
  '比较', '对比', '相比', '比', '较', '增加', '减少', '增长率', '增长', '下降', '变化', '变动', '增减', '多了', '少了', '占', '比例', '比重', '占比', '百分之几', '百分比',
  '最多', '最少', '最高', '最低', '最大', '最小', '排名', '排行', '前', '名', '省', '市', '县', '区',
].sort((a, b) => b.length - a.length).map((w) => w.replace(/[()（）]/g, '\\$&')).join('|'), 'g');

/** Meaningful fragments of `rest` (department and years already removed), in order. */
export function unmappedParts(rest: string, known: string[] = []): string[] {
  let t = rest.replace(/[\s\p{P}\p{S}\d]+/gu, ' ');
  for (const w of [...known].filter(Boolean).sort((a, b) => b.length - a.length)) t = t.split(w).join(' ');
  t = t.replace(FILLER, ' ');
  return t.split(/\s+/).filter((p) => /[\u4e00-\u9fa5a-z]{2,}/i.test(p));
}

/** Every name the bot can answer for: topics, figures and the subjects the documents print. */
export function knownNames(c: Catalog): string[] {
  return [...new Set<string>([...TOPICS.flatMap(([t, words]) => [t, ...words]), ...MEASURES.flatMap(([m, words]) => [m.label.replace(/[“”]/g, ''), ...words]), ...c.subjectsByName.keys()])];
}

/**
 * The known names nearest to an unmapped fragment: one or two characters off (办工费 → 办公费),
 * or containing it. Nearest first, deduplicated.
 */
export function nearestNames(fragment: string, c: Catalog, n = 3): string[] {
  const max = fragment.length >= 5 ? 2 : 1;
  return knownNames(c)
    .map((name) => ({ name, d: name.includes(fragment) ? 0.5 + (name.length - fragment.length) / 100 : editDistance(fragment, name, max) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.name.length - b.name.length)
    .slice(0, n)
    .map((x) => x.name);
}

/** A fragment one character off exactly one known name (3+ characters): a typo to read as that name. */
export function typoOf(fragment: string, c: Catalog): string | null {
  if (fragment.length < 3) return null;
  const near = knownNames(c).filter((name) => editDistance(fragment, name, 1) === 1);
  return near.length === 1 ? near[0] : null;
}
