// Suggestions for a partly typed option, from the loaded data: departments, subjects, years,
// topics, metrics, command names. Platform-free; adapters cut them to their own limits.
import type { Catalog } from '../query/catalog.js';
import { TOPICS } from '../query/topics.js';
import type { CommandDef, Completion } from './command.js';

const METRICS = ['支出总计', '收入总计', '基本支出', '项目支出', '人员经费', '公用经费', '三公经费', '政府采购', '固定资产'];

export function complete(kind: Completion, partial: string, catalog: Catalog, commands: CommandDef[], limit = 25): string[] {
  const p = partial.trim();
  const has = (s: string) => !p || s.includes(p);
  const rank = (xs: string[]) => [...new Set(xs)].sort((a, b) => Number(!a.startsWith(p)) - Number(!b.startsWith(p)) || a.length - b.length).slice(0, limit);
  switch (kind) {
    case 'department': {
      const names = catalog.departments.flatMap((d) => [d.name, ...new Set(d.docs.map((x) => x.unitName).filter((u): u is string => !!u))]);
      const direct = names.filter(has);
      if (direct.length) return rank(direct);
      // Typed an alias ("竹山", "医保局"): offer the departments it names.
      return rank([...catalog.byAlias.entries()].filter(([alias]) => alias.includes(p) || p.includes(alias)).flatMap(([, deps]) => deps.map((d) => d.name)));
    }
    case 'subject': {
      const all = [...catalog.subjects.values()].map((s) => `${s.code} ${s.name}`);
      return rank(all.filter(has)).sort((a, b) => (/^\d/.test(p) ? a.localeCompare(b) : 0));
    }
    case 'year':
      return ['今年', '去年', ...catalog.years.map(String).reverse()].filter(has).slice(0, limit);
    case 'topic':
      return TOPICS.map(([t]) => t).filter(has);
    case 'metric':
      return rank([...METRICS.filter(has), ...[...catalog.subjects.values()].map((s) => `${s.code} ${s.name}`).filter(has)]);
    case 'command':
      return commands.map((c) => c.name).filter(has);
  }
}
