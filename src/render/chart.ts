// Charts as PNG: a vega specification rendered to SVG headless, then to PNG by resvg with the font
// the project ships (Noto Sans SC Regular, assets/fonts), so Chinese labels draw on machines without
// CJK system fonts. Bars are horizontal, labelled with the exact amount; negative changes go left.
// Grouped charts (/compare) draw one bar per series under each label, coloured, with a legend.
import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { ChartSpec } from '../core/answer.js';
import { lineSpec } from './line-chart.js';
import { displayWidth } from './fit.js';
import { CHART_FONT_FILE } from './chart-font.js';

export { CHART_FONT_FILE };
const FONT = 'Noto Sans SC';
const PALETTE = ['#2b6cb0', '#dd6b20', '#38a169', '#805ad5'];

// Headless vega estimates text at 0.8em a character, too narrow for CJK (1em): labels were laid out
// short and their first characters cut. Measure as Noto Sans SC draws: ~1em per wide character, ~0.56em per narrow.
(vega as unknown as { textMetrics: { width: (item: { fontSize?: number }, text: unknown) => number } }).textMetrics.width = (item, text) => Math.ceil(displayWidth(String(text ?? '')) * 0.56 * (item.fontSize ?? 11));

const encodeBar = (scale: string, field: string) => ({ y: { scale, field }, height: { scale, band: 1 }, x: { scale: 'x', value: 0 }, x2: { scale: 'x', field: 'value' } });

/** The amount beside a bar: after it when positive; inside it, in white, when negative. */
const amountText = (from: string, color: string) => ({
  type: 'text', from: { data: from },
  encode: { enter: {
    y: { field: 'y', offset: { field: 'height', mult: 0.5 } },
    x: [{ test: 'datum.datum.value < 0', field: 'x', offset: 4 }, { field: 'x2', offset: 4 }],
    align: { value: 'left' }, baseline: { value: 'middle' }, text: { field: 'datum.display' }, font: { value: FONT }, fontSize: { value: 11 },
    fill: { signal: `datum.datum.value < 0 ? 'white' : '${color}'` },
  } },
});

export function vegaSpec(chart: ChartSpec): vega.Spec {
  if (chart.kind === 'line') return lineSpec(chart, FONT);
  // Commands pass the exact amount as `display`; the plotted number only sets the bar's length.
  const values = chart.bars.map((b, i) => ({ i, label: b.label, series: b.series ?? '', value: b.value, display: b.display ?? b.value.toFixed(2) }));
  const grouped = !!chart.series && chart.series.length > 1;
  const labels = new Set(values.map((v) => v.label)).size;
  const height = Math.max(80, grouped ? labels * chart.series!.length * 20 + labels * 10 : values.length * 28);
  const colors = { name: 'color', type: 'ordinal', domain: grouped ? chart.series! : [''], range: PALETTE } as const;
  const bars = grouped
    ? [{
      type: 'group', from: { facet: { data: 'bars', name: 'facet', groupby: 'label' } },
      encode: { enter: { y: { scale: 'y', field: 'label' }, height: { scale: 'y', band: 1 }, width: { signal: 'width' } } },
      signals: [{ name: 'height', update: "bandwidth('y')" }],
      scales: [{ name: 'pos', type: 'band', range: 'height', domain: chart.series! }],
      marks: [
        { name: 'groupBars', type: 'rect', from: { data: 'facet' }, encode: { enter: { ...encodeBar('pos', 'series'), fill: { scale: 'color', field: 'series' } } } },
        amountText('groupBars', '#1a202c'),
      ],
    }]
    : [
      { name: 'plainBars', type: 'rect', from: { data: 'bars' }, encode: { enter: { ...encodeBar('y', 'label'), fill: { signal: "datum.value < 0 ? '#c53030' : '#2b6cb0'" } } } },
      amountText('plainBars', '#1a202c'),
    ];
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 520, height, padding: 12, background: 'white', autosize: { type: 'pad' },
    config: { text: { font: FONT }, axis: { labelFont: FONT, titleFont: FONT, labelFontSize: 12, labelLimit: 260 }, legend: { labelFont: FONT, labelFontSize: 12 }, title: { font: FONT, fontSize: 15 } },
    title: { text: `${chart.title}（${chart.unit}）`, anchor: 'start', limit: 760 },
    data: [{ name: 'bars', values }],
    scales: [
      { name: 'y', type: 'band', domain: { data: 'bars', field: 'label', sort: { field: 'i', op: 'min' } }, range: 'height', padding: grouped ? 0.15 : 0.25 },
      // The amount printed after the longest bar is inside the picture: autosize 'pad' counts every mark.
      { name: 'x', type: 'linear', domain: { data: 'bars', field: 'value' }, range: 'width', nice: true, zero: true },
      colors,
    ],
    axes: [{ orient: 'left', scale: 'y', ticks: false, domain: false }, { orient: 'bottom', scale: 'x', grid: true, tickCount: 5 }],
    ...(grouped ? { legends: [{ fill: 'color', orient: 'top', direction: 'horizontal', symbolType: 'square' }] } : {}),
    marks: bars as vega.Mark[],
  } as vega.Spec;
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
  // Drawn off the event loop (libuv's pool): with the font loaded anew each time, a chart took
  // 0.1–0.3 s of the main thread, during which a burst's Slack acknowledgements waited (npm run load).
  const png = await renderAsync(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT }, fitTo: { mode: 'zoom', value: 2 } });
  return png.asPng();
}
