// /compare as grouped bars coloured by department with a legend, long labels drawn whole, and a
// chart for /budget … 经济分类.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderChartPng, vegaSpec } from '../../src/render/chart.js';
import { ask, bundledApp } from '../helpers/app.js';

const app = bundledApp();

/** Dark pixels in the leftmost columns of a PNG: a label cut at the edge leaves part of a glyph there. */
function darkAtLeftEdge(png: Uint8Array, columns: number): number {
  const w = Buffer.from(png).readUInt32BE(16);
  const h = Buffer.from(png).readUInt32BE(20);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}"><image width="${w}" height="${h}" xlink:href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  const { width, height, pixels } = new Resvg(svg).render();
  let dark = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < columns; x++) {
    const i = (y * width + x) * 4;
    if (pixels[i] < 128 && pixels[i + 1] < 128 && pixels[i + 2] < 128) dark++;
  }
  return dark;
}

describe('/compare chart', () => {
  const chart = ask(app, '/compare 巨鹿县 竹山县').answer.chart!;

  it('groups each item\'s bars, one series per department, with a legend', () => {
    expect(chart.series).toEqual(['巨鹿县 2023', '竹山县 2022']);
    expect(chart.bars.filter((b) => b.label === '支出总计').map((b) => [b.series, b.display])).toEqual([['巨鹿县 2023', '534.80'], ['竹山县 2022', '2,582.46']]);
    const spec = vegaSpec(chart) as any;
    expect(spec.legends).toHaveLength(1);
    expect(spec.scales.find((s: any) => s.name === 'color').domain).toEqual(chart.series);
    // Labels are items, not "item·department": the department is the colour.
    expect(chart.bars.some((b) => b.label.includes('·'))).toBe(false);
  });

  it('draws long labels whole: nothing touches the left edge', async () => {
    const three = ask(app, '/compare 巨鹿县 竹山县 三公').answer.chart!;
    expect(three.bars[0].label).toBe('“三公”经费');
    expect(darkAtLeftEdge(await renderChartPng(three), 16)).toBe(0);
  }, 30_000);
});

describe('/budget … 经济分类 chart', () => {
  it('charts the economic classes with their exact amounts', () => {
    const chart = ask(app, '/budget 竹山县 经济分类').answer.chart!;
    expect(chart.bars.map((b) => [b.label, b.display])).toEqual([['301 工资福利支出', '672.81'], ['302 商品和服务支出', '52.88'], ['303 对个人和家庭的补助', '3.82']]);
  });
});
