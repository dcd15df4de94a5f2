// A line chart (a figure over years): points joined in order along the x axis, each labelled with
// its exact amount. Kept apart from the bar chart so each spec stays readable.
import type * as vega from 'vega';
import type { ChartSpec } from '../core/answer.js';

export function lineSpec(chart: ChartSpec, font: string): vega.Spec {
  const values = chart.bars.map((b, i) => ({ i, label: b.label, value: b.value, display: b.display ?? b.value.toFixed(2) }));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 520, height: 260, padding: 16, background: 'white',
    config: { text: { font }, axis: { labelFont: font, titleFont: font, labelFontSize: 12 }, title: { font, fontSize: 15 } },
    title: { text: `${chart.title}（${chart.unit}）`, anchor: 'start' },
    data: [{ name: 'points', values }],
    scales: [
      { name: 'x', type: 'point', domain: { data: 'points', field: 'label', sort: { field: 'i', op: 'min' } }, range: 'width', padding: 0.5 },
      { name: 'y', type: 'linear', domain: { data: 'points', field: 'value' }, range: 'height', nice: true, zero: false },
    ],
    axes: [{ orient: 'bottom', scale: 'x' }, { orient: 'left', scale: 'y', grid: true, tickCount: 5 }],
    marks: [
      { type: 'line', from: { data: 'points' }, encode: { enter: { x: { scale: 'x', field: 'label' }, y: { scale: 'y', field: 'value' }, stroke: { value: '#2b6cb0' }, strokeWidth: { value: 2 } } } },
      { type: 'symbol', from: { data: 'points' }, encode: { enter: { x: { scale: 'x', field: 'label' }, y: { scale: 'y', field: 'value' }, fill: { value: '#2b6cb0' }, size: { value: 50 } } } },
      {
        type: 'text', from: { data: 'points' },
        encode: { enter: { x: { scale: 'x', field: 'label' }, y: { scale: 'y', field: 'value', offset: -10 }, align: { value: 'center' }, text: { field: 'display' }, font: { value: font }, fontSize: { value: 11 }, fill: { value: '#1a202c' } } },
      },
    ],
  };
}
