// /search <words>: full-text search over project names, performance targets and narrative.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { moreNote, pageOf } from '../src/core/paging.js';
import { UserError } from '../src/errors.js';
import { ftsQuery } from '../src/query/search-terms.js';
import { SEARCH_WINDOW } from '../src/store/queries.js';
import { citation, docLabel } from './support.js';

/** Hits fetched (by relevance) and paged 20 to a message. */
const LIMIT = 100;
const PAGE = 20;
const KIND = { project: '项目', target: '绩效指标', passage: '说明' } as const;

export default defineCommand({
  name: 'search',
  summary: '全文搜索项目名称、绩效目标和预算说明',
  usage: '/search <关键词>',
  examples: ['/search 长期护理保险', '/search 医保宣传', '/search 信息化 建设'],
  options: [{ name: 'words', description: '关键词', type: 'string', required: true }],
  run(input, { queries: q }) {
    const words = String(input.options.words ?? input.text).trim();
    if (!words) throw new UserError('请给出要搜索的关键词，如 /search 长期护理保险', [], 'empty-search');
    const queryAll = ftsQuery(words, 'AND');
    if (!queryAll) throw new UserError(`“${words.slice(0, 30)}”中没有可以搜索的词。`, [], 'empty-search');
    let found = q.search(queryAll, LIMIT);
    let loose = false;
    if (found.hits.length === 0) {
      const queryAny = ftsQuery(words, 'OR');
      found = queryAny ? q.search(queryAny, LIMIT) : { hits: [], windowFull: false };
      loose = found.hits.length > 0;
    }
    const page = pageOf(found.hits, input.view, PAGE);
    const hits = page.rows;
    const total = found.hits.length;
    const b = createAnswer(`搜索“${words.slice(0, 40)}”`);
    if (hits.length) b.table({
      columns: ['文件', '类别', '内容'],
      rows: hits.map((h) => [docLabel(q.document(h.docId)!), KIND[h.kind], h.text.length > 80 ? `${h.text.slice(0, 80)}…` : h.text]),
      cites: hits.map((h) => [b.cite(citation(q.document(h.docId)!, { table: KIND[h.kind] === '说明' ? '预算说明' : KIND[h.kind], line: h.line }))]),
    });
    b.answer.summary = hits.length ? `找到 ${total}${total === LIMIT ? '+' : ''} 条${page.more ? `（这是第 ${page.more.page}/${page.more.pages} 页）` : ''}${loose ? '（没有同时包含全部关键词的结果，以下包含其中任一个）' : ''}。${found.windowFull ? `匹配超过 ${SEARCH_WINDOW} 条，只在最后载入的 ${SEARCH_WINDOW} 条中按相关度排序；加关键词或部门名可缩小范围。` : ''}` : '没有找到相关内容。';
    b.answer.more = page.more;
    const note = total === LIMIT && page.more ? `按相关度显示前 ${LIMIT} 条，这是第 ${page.more.page}/${page.more.pages} 页；加 --page ${Math.min(page.more.pages, page.more.page + 1)} 看下一页，或 --all 显示全部。` : moreNote(page.more, '条');
    if (note) b.answer.notes.push(note);
    return b.answer;
  },
});
