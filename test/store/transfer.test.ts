// The plain form a parsed Disclosure takes across a worker boundary: exact amounts and Maps rebuilt.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { decodeDocument, parseDocument } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { fromPlain, toPlain } from '../../src/store/transfer.js';

const seeds = readdirSync(DEFAULT_DATA_DIR).filter((f) => /^\d{3}_.*\.txt$/.test(f));

describe('disclosure transfer form', () => {
  it.each(seeds)('%s survives structured clone (a worker message) unchanged', (file) => {
    for (const d of parseDocument(decodeDocument(readFileSync(join(DEFAULT_DATA_DIR, file)), file), file)) {
      const plain = toPlain(d);
      // Nothing in the plain form depends on decimal.js's prototype: JSON keeps it all.
      expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
      const back = fromPlain(structuredClone(plain));
      expect(back).toEqual(d);
      expect(back.totals).toBeInstanceOf(Map);
      expect([...back.totals.keys()]).toEqual([...d.totals.keys()]);
      for (const [key, t] of back.totals) {
        expect(t.value).toBeInstanceOf(Decimal);
        expect(t.value.equals(d.totals.get(key)!.value)).toBe(true);
      }
      for (const [i, r] of back.functionItems.entries()) expect(r.total?.toFixed() ?? null).toBe(d.functionItems[i].total?.toFixed() ?? null);
    }
  });

  it('keeps amounts exact beyond double precision, and nulls and optional fields as they were', () => {
    const value = new Decimal('123456789012345678.01');
    const plain = toPlain({ totals: new Map([['basic', { key: 'basic', value, table: 't', line: 1 }]]), threePublic: null, pages: undefined } as never);
    const back = fromPlain(structuredClone(plain));
    expect(back.totals.get('basic')!.value.toFixed()).toBe('123456789012345678.01');
    expect(back.threePublic).toBeNull();
    expect('pages' in back && back.pages).toBeUndefined();
  });
});
