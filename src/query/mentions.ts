// Several departments in one question ("巨鹿县和竹山县哪个人员经费多"): each mention resolved, and a
// mention that names an organisation the bot has not loaded ("省政协") kept, so the answer can say so.
import type { Catalog, Department } from './catalog.js';
import { findDepartment } from './resolve.js';

export interface Mention {
  text: string;
  department: Department;
  /** The 单位 budget named ("邢台市医疗保障局本级"), when the mention names one. */
  unitName: string | null;
}

/** What an organisation's name ends with: a mention like this that resolves to nothing is "not loaded". */
const ORG = /[\u4e00-\u9fa5]{0,12}?(?:政协|人大|常委会|法院|检察院|办公厅|办公室|委员会|局|厅|委|院|中心|政府)/;
/** "财政局", "省政协": a word naming an organisation. */
export function isOrganisation(word: string): boolean {
  return new RegExp(`^${ORG.source}$`).test(word);
}

const SEPARATORS = /和|与|跟|及|、|同|以及|对比|比较|相比|vs|,|，|\s+/i;

export function departmentMentions(text: string, c: Catalog): { found: Mention[]; missing: string[] } {
  const found: Mention[] = [];
  const missing: string[] = [];
  for (const part of text.split(SEPARATORS).map((p) => p.trim()).filter(Boolean)) {
    const m = findDepartment(part, c);
    if (m.kind === 'one') {
      const unitName = m.department.docs.map((d) => d.unitName).find((u) => u && part.includes(u)) ?? null;
      if (!found.some((f) => f.department === m.department && f.unitName === unitName)) found.push({ text: m.matched, department: m.department, unitName });
    } else if (m.kind === 'none') {
      const org = ORG.exec(part)?.[0];
      if (org && org.length >= 2) missing.push(org);
    }
  }
  return { found, missing };
}
