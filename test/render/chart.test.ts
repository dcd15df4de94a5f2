// Charts: a real PNG whose Chinese labels are drawn (on a machine without CJK system fonts, by
// the font shipped from npm); CSV attachments that match the answer's rows.
import { describe, expect, it } from 'vitest';
import { attachmentsFor, tableCsv } from '../../src/render/attachments.js';
import { renderChartPng } from '../../src/render/chart.js';
import { ask, bundledApp } from '../helpers/app.js';
import { Resvg } from '@resvg/resvg-js';

const app = bundledApp();

/** Dark pixels in the left third of a PNG: where the bar labels are. */
function darkInLabels(png: Uint8Array): number {
  const { width, height, pixels } = decode(png);
  let dark = 0;
  for (let y = 0; y < height; y++) for (let x = 0; x < width / 3; x++) {
    const i = (y * width + x) * 4;
    if (pixels[i] < 100 && pixels[i + 1] < 100 && pixels[i + 2] < 100) dark++;
  }
  return dark;
}

/** PNG → RGBA through resvg (it embeds the PNG in an SVG and renders it back). */
function decode(png: Uint8Array) {
  const b64 = Buffer.from(png).toString('base64');
  const dims = { w: Buffer.from(png).readUInt32BE(16), h: Buffer.from(png).readUInt32BE(20) };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${dims.w}" height="${dims.h}"><image width="${dims.w}" height="${dims.h}" xlink:href="data:image/png;base64,${b64}"/></svg>`;
  const r = new Resvg(svg).render();
  return { width: r.width, height: r.height, pixels: r.pixels };
}

describe('chart PNG', () => {
  const chart = ask(app, '/subject 2101501').answer.chart!;

  it('is a PNG of the chart the answer describes', async () => {
    const png = await renderChartPng(chart);
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(Buffer.from(png).readUInt32BE(16)).toBeGreaterThan(800);
    expect(chart.bars.map((b) => [b.label, b.display])).toEqual([
      ['邢台市医疗保障局 2025', '1,059.54'], ['竹山县医疗保障局 2022', '639.72'], ['巨鹿县医疗保障局 2023', '244.90'],
      ['承德市双桥区医疗保障局本级 2024', '237.59'], ['新乡市凤泉区医疗保障局 2023', '58.40'],
    ]);
  });

  it('draws its Chinese labels: without the bundled font they would be missing', async () => {
    const withFont = darkInLabels(await renderChartPng(chart));
    const withoutFont = darkInLabels(await renderChartPng(chart, { fontFiles: [] }));
    expect(withoutFont).toBeLessThan(withFont / 4);
    expect(withFont).toBeGreaterThan(3000);
  });
});

describe('CSV of a tabular answer', () => {
  it('has the answer\'s rows, numbers without thousands separators', async () => {
    const result = app.dispatch({ text: '/rank 三公 --csv' });
    expect(result.csv).toBe(true);
    const files = await attachmentsFor(result.answer, { csv: true });
    expect(files.map((f) => f.name)).toEqual(['chart.png', 'answer.csv']);
    const csv = new TextDecoder().decode(files[1].data).replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    // An unverified figure is a number in its cell and its mark in a column of its own.
    expect(csv[0]).toEqual(['排名', '部门', '年度', '金额（万元）', '备注']);
    expect(csv.slice(1).map((r) => r.slice(0, 3))).toEqual(result.answer.tables[0].rows.map((r) => r.slice(0, 3)));
    expect(csv[1]).toEqual(['1', '竹山县医疗保障局', '2022', '9.60', '未核实']);
    expect(csv.slice(1).every((r) => /^\d+\.\d{2}$/.test(r[3]))).toBe(true);
  });

  it('quotes cells that need it and joins several tables', () => {
    const csv = tableCsv([{ title: '甲', columns: ['a', 'b'], rows: [['x,y', '1,000.00']], numeric: [false, true] }, { title: '乙', columns: ['c'], rows: [['"q"']] }]);
    expect(csv).toBe('\uFEFF表,a,b\r\n甲,"x,y",1000.00\r\n\r\n表,c\r\n乙,"""q"""\r\n');
  });
});
