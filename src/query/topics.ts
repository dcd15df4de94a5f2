// The topics a /budget question can be about, each with the words people use for it.

export type Topic = '三公' | '基本支出' | '项目支出' | '人员经费' | '公用经费' | '收入' | '支出' | '经济分类' | '政府采购' | '资产' | '绩效';

export const TOPICS: [Topic, string[]][] = [
  ['三公', ['三公经费', '“三公”经费', '三公', '公车', '公务用车', '公务接待', '因公出国', '出国', '接待费']],
  ['人员经费', ['人员经费', '人员支出', '工资福利', '工资']],
  ['公用经费', ['公用经费', '日常公用经费']],
  ['基本支出', ['基本支出']],
  ['项目支出', ['项目支出', '项目明细', '项目清单', '项目']],
  ['收入', ['收入', '财政拨款', '资金来源']],
  ['经济分类', ['经济分类', '经济科目', '支出经济分类']],
  ['支出', ['功能分类', '支出明细', '支出结构', '支出']],
  ['政府采购', ['政府采购', '采购']],
  ['资产', ['国有资产', '固定资产', '资产']],
  ['绩效', ['绩效目标', '绩效指标', '绩效']],
];

export const TOPIC_WORDS: string[] = TOPICS.flatMap(([, words]) => words);

/** The topic a text names, by its longest synonym; null when none. */
export function topicOf(text: string): Topic | null {
  let best: { topic: Topic; len: number } | null = null;
  for (const [topic, words] of TOPICS) {
    for (const w of words) if (text.includes(w) && (!best || w.length > best.len)) best = { topic, len: w.length };
  }
  return best?.topic ?? null;
}

/** The topic a text names and the word that named it (so the rest of the text can be checked). */
export function topicWordOf(text: string): { topic: Topic; word: string } | null {
  let best: { topic: Topic; word: string } | null = null;
  for (const [topic, words] of TOPICS) {
    for (const w of words) if (text.includes(w) && (!best || w.length > best.word.length)) best = { topic, word: w };
  }
  return best;
}
