// Issue 22: departments named as people name them, by rule. Every department of the seeds, the corpus
// and corpus2 (the hand-read names of ../shared/gold, read at run time), asked by every form its name
// derives — region with and without its level, the body's customary abbreviations — resolves to that
// department, or to an ask that lists it; never to another department.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type Catalog } from '../../src/query/catalog.js';
import { bareRegion, bodyForms, splitName } from '../../src/query/department-forms.js';
import { findDepartment } from '../../src/query/resolve.js';
import type { DocRow, Queries } from '../../src/store/queries.js';
import { bundledApp } from '../helpers/app.js';
import { sharedPath } from '../support/corpus.js';

function catalogOf(names: string[]): Catalog {
  const docs = [...new Set(names)].map((department, i) => ({
    id: i + 1, source: `${i}.txt`, department, unitName: null, region: splitName(department).regions.at(-1) ?? null, year: 2024,
    kind: '预算', scope: '部门', format: 'txt', sha256: '', latest: true,
  }) as DocRow);
  return buildCatalog({ documents: () => docs, subjectNames: () => [] } as unknown as Queries);
}

/** The forms a name derives: each run of its regions (as printed or bare) before each form of its body. */
function typedForms(name: string): string[] {
  const { regions, body } = splitName(name);
  const prefixes = new Set<string>(['']);
  for (let from = 0; from < regions.length; from++) {
    let runs = [''];
    for (const r of regions.slice(from)) runs = runs.flatMap((p) => [p + r, ...(bareRegion(r) ? [p + bareRegion(r)!] : [])]);
    for (const p of runs) prefixes.add(p);
  }
  return [...prefixes].flatMap((p) => bodyForms(body).map((b) => p + b));
}

function misread(names: string[]): string[] {
  const catalog = catalogOf(names);
  const wrong: string[] = [];
  for (const name of new Set(names)) {
    for (const form of typedForms(name)) {
      for (const question of [form, `${form}2024年三公经费是多少`, `请问${form}的项目支出`]) {
        const m = findDepartment(question, catalog);
        const ok = m.kind === 'one' ? m.department.name === name : m.kind === 'many' && m.candidates.some((d) => d.name === name);
        if (!ok) wrong.push(`${question} → ${m.kind === 'one' ? m.department.name : m.kind === 'many' ? `${m.candidates.length} 个` : m.unloaded?.named ?? '无'}（应为 ${name}）`);
      }
    }
  }
  return wrong;
}

const goldNames = (file: string): string[] => {
  const path = sharedPath('gold', file);
  // A 单位 budget's gold name says （本级）: the catalog lists its department, the unit apart.
  return path ? (JSON.parse(readFileSync(path, 'utf8')) as { documents: { department: string }[] }).documents.map((d) => d.department.replace(/（本级）$/, '')) : [];
};

describe('every form of every department name', () => {
  const app = bundledApp();
  const seeds = app.ctx.catalog.departments.map((d) => d.name);

  it('derives the customary short forms by rule', () => {
    expect(bodyForms(splitName('无锡市发展和改革委员会').body)).toContain('发改委');
    expect(bodyForms(splitName('苏州市自然资源和规划局').body)).toEqual(expect.arrayContaining(['资规局', '规划资源局', '自然资源局']));
    expect(bodyForms(splitName('上海市普陀区人民政府万里街道办事处').body)).toEqual(expect.arrayContaining(['万里街道', '万里街道办事处']));
    expect(bodyForms(splitName('上海市医疗保险事业管理中心').body)).toContain('医保中心');
    expect(splitName('中共江苏省委办公厅')).toEqual({ regions: ['江苏省'], body: '省委办公厅' });
    expect(splitName('广州市统计局')).toEqual({ regions: ['广州市'], body: '统计局' });
    expect(splitName('乐昌市市场监督管理局')).toEqual({ regions: ['乐昌市'], body: '市场监督管理局' });
  });

  it('the seeds: each form resolves to its department or an ask listing it', () => {
    expect(seeds).toHaveLength(5);
    expect(misread(seeds)).toEqual([]);
  });

  const corpus = [...goldNames('corpus.json'), ...goldNames('corpus2.json')];
  it.skipIf(!corpus.length)('the corpus and corpus2 together with the seeds: each form resolves to its department or an ask listing it', () => {
    expect(new Set(corpus).size).toBeGreaterThan(30);
    expect(misread([...seeds, ...corpus])).toEqual([]);
  });
});
