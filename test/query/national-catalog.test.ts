// The catalog at national scale: tens of thousands of departments sharing one short form (医保局).
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/query/catalog.js';
import { requireDepartment } from '../../src/query/resolve.js';
import { UserError } from '../../src/errors.js';
import type { DocRow, Queries } from '../../src/store/queries.js';

const N = 50_000;
const docs: DocRow[] = Array.from({ length: N }, (_, i) => ({
  id: i + 1, source: `${i}.txt`, department: `模拟${i}县医疗保障局`, unitName: null, region: `模拟${i}县`, year: 2024,
  kind: '预算', scope: '部门', format: 'txt', sha256: '', latest: true, pages: undefined,
}) as DocRow);
const queries = { documents: () => docs, subjectNames: () => [] } as unknown as Queries;

describe('a national catalog', () => {
  // Before: aliases were appended by copying the array (quadratic) and measured with
  // Math.max(...keys), which overflows the stack past ~100k aliases.
  const catalog = buildCatalog(queries);

  it('maps the shared short form to every department', () => {
    expect(catalog.byAlias.get('医保局')).toHaveLength(N);
    expect(catalog.longestAlias).toBe('模拟49999县医疗保障局'.length);
  });

  it('names one department exactly and lists only a few when the short form is ambiguous', () => {
    expect(requireDepartment('模拟123县医保局', catalog).name).toBe('模拟123县医疗保障局');
    let error: unknown;
    try {
      requireDepartment('医保局', catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).toContain(`可能指 ${N} 个部门`);
    expect(message.length).toBeLessThan(400);
    expect((error as UserError).suggestions.length).toBeLessThanOrEqual(12);
  });
});
