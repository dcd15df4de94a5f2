// Charts as PNG: a vega specification rendered to SVG headless, then to PNG by resvg with a font
// shipped from the npm registry (Noto Sans SC), so Chinese labels draw on machines without CJK
// system fonts. Bars are horizontal, labelled with the exact amount; negative changes go left.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { ChartSpec } from '../core/answer.js';
import { lineSpec } from './line-chart.js';

const require = createRequire(import.meta.url);
export const CHART_FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT = 'Noto Sans SC';

export function vegaSpec(chart: ChartSpec): vega.Spec {
  if (chart.kind === 'line') return lineSpec(chart, FONT);
  // Commands pass the exact amount as `display`; the plotted number only sets the bar's length.
  const values = chart.bars.map((b, i) => ({ i, label: b.label, value: b.value, display: b.display ?? b.value.toFixed(2) }));
  const height = Math.max(80, values.length * 28);
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 520, height, padding: 12, background: 'white',
    config: { text: { font: FONT }, axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 12, labelLimit: 220 }, title: { font: FONT, fontSize: 15 } },
    title: { text: `${chart.title}（${chart.unit}）`, anchor: 'start' },
    data: [{ name: 'bars', values }],
    scales: [
      { name: 'y', type: 'band', domain: { data: 'bars', field: 'label', sort: { field: 'i', op: 'min' } }, range: 'height', padding: 0.25 },
      { name: 'x', type: 'linear', domain: { data: 'bars', field: 'value' }, range: 'width', nice: true, zero: true },
    ],
    axes: [{ orient: 'left', scale: 'y', ticks: false, domain: false }, { orient: 'bottom', scale: 'x', grid: true, tickCount: 5 }],
    marks: [
      {
        type: 'rect', from: { data: 'bars' },
        encode: { enter: {
          y: { scale: 'y', field: 'label' }, height: { scale: 'y', band: 1 }, x: { scale: 'x', value: 0 }, x2: { scale: 'x', field: 'value' },
          fill: { signal: "datum.value < 0 ? '#c53030' : '#2b6cb0'" },
        } },
      },
      {
        type: 'text', from: { data: 'bars' },
        encode: { enter: {
          // Positive amounts after the bar; negative ones inside it, in white, clear of the axis labels.
          y: { scale: 'y', field: 'label', band: 0.5 },
          x: [{ test: 'datum.value < 0', scale: 'x', value: 0, offset: -4 }, { scale: 'x', field: 'value', offset: 4 }],
          align: { signal: "datum.value < 0 ? 'right' : 'left'" }, baseline: { value: 'middle' }, text: { field: 'display' }, font: { value: FONT }, fontSize: { value: 11 },
          fill: { signal: "datum.value < 0 ? 'white' : '#1a202c'" },
        } },
      },
    ],
  };
}

export async function chartSvg(chart: ChartSpec): Promise<string> {
  const view = new vega.View(vega.parse(vegaSpec(chart)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes. `fontFiles` may be emptied in tests to see what an unfonted machine draws. */
export async function renderChartPng(chart: ChartSpec, { fontFiles = [CHART_FONT_FILE] }: { fontFiles?: string[] } = {}): Promise<Uint8Array> {
  const svg = await chartSvg(chart);
  const png = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT }, fitTo: { mode: 'zoom', value: 2 } }).render();
  return png.asPng();
}
