// Two readings of one disclosure (a text layer and its PDF, say) compared figure by figure.
import { agrees } from '../amount.js';
import type { Disclosure } from '../types.js';

const f2 = (d: { toFixed(n: number): string } | null | undefined) => (d ? d.toFixed(2) : '—');

/** Every figure on which the two disagree, as "what: a / b". */
export function compareDisclosures(a: Disclosure, b: Disclosure): string[] {
  const out: string[] = [];
  const same = (x: any, y: any) => (x && y ? agrees(x, y) : !x === !y);
  for (const key of new Set([...a.totals.keys(), ...b.totals.keys()])) {
    const x = a.totals.get(key)?.value;
    const y = b.totals.get(key)?.value;
    if (!same(x, y)) out.push(`${key}: ${f2(x)} / ${f2(y)}`);
  }
  for (const [label, xs, ys] of [['功能科目', a.functionItems, b.functionItems], ['经济科目', a.economicItems, b.economicItems]] as const) {
    const byCode = new Map(ys.map((r) => [r.code, r]));
    for (const r of xs) if (!same(r.total, byCode.get(r.code)?.total)) out.push(`${label} ${r.code}: ${f2(r.total)} / ${f2(byCode.get(r.code)?.total)}`);
    const codes = new Set(xs.map((r) => r.code));
    for (const r of ys) if (!codes.has(r.code)) out.push(`${label} ${r.code}: — / ${f2(r.total)}`);
  }
  for (const k of ['total', 'outbound', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) {
    if (!same(a.threePublic?.[k], b.threePublic?.[k])) out.push(`三公 ${k}: ${f2(a.threePublic?.[k])} / ${f2(b.threePublic?.[k])}`);
  }
  return out;
}
