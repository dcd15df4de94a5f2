// Amounts beyond what can be stored exactly (分 as a safe integer: about 90 万亿元, more than any
// government's whole budget) are a misprint or a digit run gone wrong, not a figure. Each one is
// dropped with a named finding before the disclosure is written; the document's other figures load.
import { Decimal } from 'decimal.js';
import type { Disclosure, Finding, Provenance, Repeated } from '../parse/types.js';

/** The largest amount in 万元 that still converts to an exact integer of 分. */
export const MAX_AMOUNT_WAN = new Decimal(Number.MAX_SAFE_INTEGER).div(1_000_000).floor();

const inRange = (v: Decimal) => v.isFinite() && v.abs().lte(MAX_AMOUNT_WAN);

/** The disclosure with out-of-range amounts removed and a finding for each. */
export function boundAmounts(d: Disclosure): Disclosure {
  const findings: Finding[] = [];
  const flag = (where: Provenance, label: string, v: Decimal) => findings.push({
    rule: 'amount-out-of-range', severity: 'error', table: where.table, line: where.line,
    message: `${label}的金额 ${v.toFixed()} 万元超出可信范围（绝对值超过 ${MAX_AMOUNT_WAN.toFixed()} 万元），不予采用`,
  });
  /** A copy of the item with each bad nullable amount set to null; the same item when all are fine. */
  const nulled = <T extends Provenance>(item: T, keys: (keyof T)[], label: string): T => {
    let out = item;
    for (const k of keys) {
      const v = item[k] as unknown;
      if (v instanceof Decimal && !inRange(v)) {
        flag(item, label, v);
        out = { ...out, [k]: null };
      }
    }
    return out;
  };
  /** The same for each line a summed row was printed on, the finding citing that line. */
  const boundPrinted = <T extends Provenance & Repeated & { code: string; name: string }>(item: T): T => {
    if (!item.printedRows?.some((p) => [p.total, ...p.parts].some((v) => v && !inRange(v)))) return item;
    const ok = (p: { line: number }, v: Decimal | null) => (v && !inRange(v) ? (flag({ table: item.table, line: p.line }, `${item.code} ${item.name}（第 ${p.line} 行）`, v), null) : v);
    return { ...item, printedRows: item.printedRows.map((p) => ({ ...p, total: ok(p, p.total), parts: [ok(p, p.parts[0]), ok(p, p.parts[1])] })) };
  };
  const totals = new Map([...d.totals].filter(([, t]) => inRange(t.value) || (flag(t, `“${t.table}”的合计`, t.value), false)));
  const functionItems = d.functionItems.map((r) => boundPrinted(nulled(r, ['total', 'basic', 'project'], `${r.code} ${r.name}`)));
  const economicItems = d.economicItems.map((r) => boundPrinted(nulled(r, ['total', 'personnel', 'publicFunds'], `${r.code} ${r.name}`)));
  const threePublic = d.threePublic && nulled(d.threePublic, ['total', 'outbound', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'reception'], '“三公”经费');
  const projects = d.projects.map((p) => nulled(p, ['amount'], `项目“${p.name}”`));
  const changes = d.changes.filter((c) => inRange(c.change) || (flag(c, '说明中的增减', c.change), false));
  if (!findings.length) return d;
  return { ...d, totals, functionItems, economicItems, threePublic, projects, changes, findings: [...d.findings, ...findings] };
}
