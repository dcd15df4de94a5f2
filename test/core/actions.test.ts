// The follow-ups an answer offers and the flags their re-runs carry: pure parsing and paging, then
// the real commands on the seeds (and on the Jiangsu corpus, where a department has several years).
import { describe, expect, it } from 'vitest';
import { takeFlags } from '../../src/core/actions.js';
import { pageOf } from '../../src/core/paging.js';
import { bundledApp, useCorpusApp } from '../helpers/app.js';
import { describeCorpus } from '../support/corpus.js';

describe('view flags', () => {
  it.each([
    ['竹山县 三公 --csv', { text: '竹山县 三公', csv: true, sources: false }],
    ['江苏省人民检察院 2018 2019 --page 2', { text: '江苏省人民检察院 2018 2019', page: 2 }],
    ['--all 医疗', { text: '医疗', all: true }],
    ['竹山县 --sources --all', { text: '竹山县', sources: true, all: true }],
    ['a--all', { text: 'a--all', csv: false, sources: false }],
  ])('%s', (input, expected) => {
    const { text, flags } = takeFlags(input);
    expect({ text, ...flags }).toMatchObject(expected);
  });

  it('pages rows and reports what was left out', () => {
    const rows = Array.from({ length: 47 }, (_, i) => i);
    expect(pageOf(rows, undefined, 30).more).toEqual({ shown: 30, total: 47, page: 1, pages: 2 });
    expect(pageOf(rows, { page: 2 }, 30).rows).toEqual(rows.slice(30));
    expect(pageOf(rows, { all: true }, 30)).toEqual({ rows });
    expect(pageOf(rows, { page: 9 }, 30).more?.page).toBe(2);
  });
});

describe('actions on the seeds', () => {
  const app = bundledApp();

  it('a paged /search offers the next page, all rows, CSV, sources and the printed source; page 2 offers the previous', () => {
    const first = app.dispatch({ text: '/search 医疗' }).answer;
    expect(first.actions!.map((a) => a.kind)).toEqual(['next-page', 'all', 'csv', 'sources', 'source-image']);
    const next = first.actions!.find((a) => a.kind === 'next-page')!.request;
    expect(next).toEqual({ command: 'search', options: {}, text: '医疗 --page 2' });
    const second = app.dispatch(next).answer;
    expect(second.more?.page).toBe(2);
    expect(second.actions!.map((a) => a.kind)).toContain('prev-page');
  });

  it('详细出处 lists every source of the answer as a table', () => {
    const answer = app.dispatch({ text: '/budget 竹山县 三公' }).answer;
    const sources = app.dispatch(answer.actions!.find((a) => a.kind === 'sources')!.request).answer;
    expect(sources.title).toBe(`出处：${answer.title}`);
    expect(sources.tables[0].rows).toHaveLength(answer.citations.length);
    expect(sources.tables[0].rows).toContainEqual(['[1]', '竹山县医疗保障局', '2022年部门', '001_df29ae28ecb651dd.txt', '一般公共预算“三公”经费支出情况表', '第 904 行']);
  });

  it('errors, help and single-year departments get no buttons they cannot use', () => {
    expect(app.dispatch({ text: '/budget 不存在县' }).answer.actions).toBeUndefined();
    expect(app.dispatch({ text: '/help' }).answer.actions).toEqual([]);
    expect(app.dispatch({ text: '/budget 竹山县 三公' }).answer.actions!.map((a) => a.kind)).not.toContain('prev-year');
  });
});

describeCorpus('year buttons on the Jiangsu corpus', () => {
  const app = useCorpusApp();

  it('上一年 / 下一年 re-run the same question for the neighbouring years', () => {
    const answer = app().dispatch({ text: '/budget 江苏省人民检察院 三公 2018' }).answer;
    const prev = answer.actions!.find((a) => a.kind === 'prev-year')!;
    const next = answer.actions!.find((a) => a.kind === 'next-year')!;
    expect([prev.label, next.label]).toEqual(['上一年（2017）', '下一年（2019）']);
    expect(app().dispatch(prev.request).answer.title).toBe('江苏省人民检察院 2017年部门预算 · 三公');
    expect(app().dispatch(next.request).answer.title).toBe('江苏省人民检察院 2019年部门预算 · 三公');
  });
});
