// /check [department]: the documents' own inconsistencies (勾稽 findings).
import { createAnswer } from '../src/core/answer.js';
import { defineCommand } from '../src/core/command.js';
import { requireDepartment } from '../src/query/resolve.js';
import { extractYears } from '../src/query/years.js';
import { citation, docLabel } from './support.js';

export default defineCommand({
  name: 'check',
  summary: '列出文件自身数字不一致之处（勾稽检查）',
  usage: '/check [部门] [年份]',
  examples: ['/check', '/check 竹山县', '/check 凤泉区 2023'],
  options: [
    { name: 'department', description: '部门（不填则列出全部文件的概况）', type: 'string', complete: 'department' },
    { name: 'year', description: '年份', type: 'string', complete: 'year' },
  ],
  run(input, { queries: q, catalog }) {
    const { years, rest } = extractYears(`${input.options.year ?? ''} ${input.text}`);
    const depText = input.options.department === undefined ? rest : String(input.options.department);
    if (!depText.trim()) {
      const counts = q.findingCounts();
      const docs = q.documents();
      const b = createAnswer('勾稽检查概况');
      // The documents with the most problems first; a corpus of thousands lists its worst 50.
      const worst = [...docs].sort((x, y) => (counts.get(y.id) ?? 0) - (counts.get(x.id) ?? 0)).slice(0, 50);
      b.table({
        columns: ['文件', '问题数'],
        numeric: [false, true],
        rows: worst.map((d) => [docLabel(d), String(counts.get(d.id) ?? 0)]),
      });
      const total = [...counts.values()].reduce((a, n) => a + n, 0);
      b.answer.summary = `已载入 ${docs.length} 份预算，其中 ${counts.size} 份有勾稽问题，共 ${total} 处。用 /check <部门> 查看明细。`;
      const rejected = q.rejected();
      if (rejected.length) b.answer.notes.push(`无法读取的文件：${rejected.map((r) => `${r.source}（${r.reason}）`).join('；')}`);
      return b.answer;
    }
    const dep = requireDepartment(depText, catalog);
    const year = years.find((y) => y.kind === 'absolute');
    const docs = dep.docs.filter((d) => !year || (year.kind === 'absolute' && d.year === year.year));
    const b = createAnswer(`${dep.name} 勾稽检查`);
    for (const doc of docs) {
      const findings = q.findings(doc.id);
      b.table({
        title: `${docLabel(doc)}：${findings.length ? `${findings.length} 处` : '未发现问题'}`,
        columns: ['规则', '问题'],
        rows: findings.map((f) => [f.rule, f.message]),
        cites: findings.map((f) => [b.cite(citation(doc, f))]),
      });
    }
    const n = docs.reduce((a, d) => a + q.findings(d.id).length, 0);
    b.answer.summary = n ? `共 ${n} 处文件自身数字不一致（差额在 0.01 万元以内的舍入不算）。` : '所查文件的数字相互一致。';
    return b.answer;
  },
});
