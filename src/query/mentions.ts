// Several departments in one question ("巨鹿县和竹山县哪个人员经费多"): each mention resolved, and a
// mention that names an organisation the bot has not loaded ("省政协") kept, so the answer can say so.
import type { Catalog, Department } from './catalog.js';
import { ORG, organisationIn, protectJoinedNames, restoreJoinedNames } from './organisation.js';
import { findDepartment } from './resolve.js';

export { isOrganisation } from './organisation.js';

export interface Mention {
  text: string;
  department: Department;
  /** The 单位 budget named ("邢台市医疗保障局本级"), when the mention names one. */
  unitName: string | null;
}

const SEPARATORS = /和|与|跟|及|、|同|以及|对比|比较|相比|vs|,|，|\s+/i;

export function departmentMentions(text: string, c: Catalog): { found: Mention[]; missing: string[] } {
  const found: Mention[] = [];
  const missing: string[] = [];
  for (const part of protectJoinedNames(text).split(SEPARATORS).map((p) => restoreJoinedNames(p).trim()).filter(Boolean)) {
    const m = findDepartment(part, c);
    // "竹山县发展和改革委员会": the place resolved, but the organisation named is not the one loaded there.
    const other = m.kind === 'one' ? organisationIn(part.replace(m.matched, '')) : null;
    if (m.kind === 'one' && other && !m.department.name.includes(other) && ![...other].every((ch) => m.department.name.includes(ch))) {
      missing.push(part.slice(0, part.indexOf(other) + other.length));
    } else if (m.kind === 'one') {
      const unitName = m.department.docs.map((d) => d.unitName).find((u) => u && part.includes(u)) ?? null;
      if (!found.some((f) => f.department === m.department && f.unitName === unitName)) found.push({ text: m.matched, department: m.department, unitName });
    } else if (m.kind === 'none') {
      const org = ORG.exec(part)?.[0];
      if (org && org.length >= 2) missing.push(org);
    }
  }
  return { found, missing };
}
