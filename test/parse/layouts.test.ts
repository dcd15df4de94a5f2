// Made-up disclosures in the layouts of provinces the parser was not built on (test/fixtures/layouts,
// see its gold.json): every headline figure read right, and none ever wrong. A figure the parser
// cannot read yet is listed as pending in gold.json, with why: it must then be absent, not wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/parse/amount.js';
import { parseDocument } from '../../src/parse/index.js';
import type { TotalKey } from '../../src/parse/types.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'layouts');
interface Gold { source: string; department: string; year: number; kind: string; scope: string; pending?: Record<string, string>; [field: string]: unknown }
const gold: Gold[] = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')).documents;
const FIELDS: TotalKey[] = ['expenditure_total', 'basic', 'project', 'three_public', 'personnel', 'public_funds'];
const same = (a: string | null, b: string) => Math.abs(Number(a) - Number(b)) <= 0.005;

describe.each(gold.map((g) => [`${g.source} (${g.scope})`, g] as const))('%s', (_, g) => {
  const all = parseDocument(readFileSync(join(dir, g.source), 'utf8'), g.source);
  // Where a pending identity means the disclosure is not found yet, its figures are absent.
  const d = all.find((x) => x.scope === g.scope) ?? (g.pending?.identity ? undefined : all[0]);

  it.skipIf(Boolean(g.pending?.identity))('is the document it says it is', () => {
    // A 本级 unit is its department's: "…局（本级）" names the same body (as corpus-score compares them).
    const bare = (s: string | null | undefined) => String(s ?? '').replace(/[（(](本级|汇总|机关)[)）]|本级$|机关$/g, '');
    expect([bare(d?.department), d?.year, d?.kind, d?.scope]).toEqual([bare(g.department), g.year, g.kind, g.scope]);
  });

  it.each(FIELDS.filter((f) => g[f] !== null && g[f] !== undefined))('%s', (field) => {
    const got = d?.totals.get(field);
    const want = String(g[field]);
    if (g.pending?.[field]) {
      // Not read yet: absent is allowed, a wrong figure never.
      if (got) expect(same(formatAmount(got.value), want)).toBe(true);
      return;
    }
    expect(same(formatAmount(got!.value), want), `${field}: ${formatAmount(got!.value)} vs ${want}`).toBe(true);
  });
});
