// /sources: what is loaded — departments, years, kind and scope —, what could not be read, and the
// documents added from chat with who added them and when.
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { addedWhen } from '../src/core/format.js';

export default defineCommand({
  name: 'sources',
  summary: '查看已载入的部门、年度和文件',
  usage: '/sources',
  examples: ['/sources'],
  options: [],
  run(_input, ctx) {
    const { queries: q, catalog } = ctx;
    const b = createAnswer('已载入的预算文件');
    const LIMIT = 50;
    b.table({
      columns: ['部门', '地区', '年度', '类型', '文件'],
      rows: catalog.departments.slice(0, LIMIT).map((d) => [
        d.name, d.region ?? '', [...new Set(d.docs.map((x) => x.year))].join('、'),
        [...new Set(d.docs.map((x) => `${x.scope}${x.kind}`))].join('、'), [...new Set(d.docs.map((x) => x.source))].join('、'),
      ]),
    });
    const docs = q.documents();
    if (catalog.departments.length > LIMIT) b.answer.notes.push(`只列出前 ${LIMIT} 个部门；用 /budget <部门> 或 /rank 查看其余。`);
    b.answer.summary = `${catalog.departments.length} 个部门，${docs.length} 份预算，年度 ${catalog.years.join('、')}。`;
    const rejected = q.rejected();
    if (rejected.length) b.answer.notes.push(`无法读取的文件：${rejected.map((r) => `${r.source}（${r.reason}）`).join('；')}`);
    const added = ctx.added?.() ?? [];
    if (added.length) {
      const loaded = new Set(docs.map((d) => d.source));
      b.table({
        title: '在频道中添加的文件',
        columns: ['文件', '添加者', '添加时间', '状态'],
        rows: added.map((a) => [a.uploadedAs === a.source ? a.source : `${a.source}（上传名 ${a.uploadedAs}）`, a.addedByName ? `${a.addedByName}（${a.addedBy}）` : a.addedBy, addedWhen(a.addedAt), loaded.has(a.source) ? '已载入' : '未载入（与已载入的文件重复，或尚未重建）']),
      });
    }
    const built = q.meta('built_at');
    if (built) b.answer.notes.push(`数据库生成于 ${built}`);
    return b.answer;
  },
});
