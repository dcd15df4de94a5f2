// The files that go with an answer: its chart as PNG, and (when asked) its tables as CSV with
// exact numbers, so a spreadsheet gets what the chat shows.
import type { Answer, AnswerTable, Attachment, ChartSpec } from '../core/answer.js';

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** "1,059.54" → "1059.54", "—" → "": numbers a spreadsheet reads as numbers. */
const plain = (v: string, numeric: boolean) => (numeric ? (v === '—' ? '' : v.replace(/,/g, '')) : v);
/** "9.60（未核实）" → the number and its mark apart: a spreadsheet cell holds a number or nothing. */
const MARK = /^(.*?)（([^（）]*)）$/;
function split(v: string, numeric: boolean): { value: string; mark: string | null } {
  const m = numeric ? MARK.exec(v) : null;
  return m ? { value: plain(m[1], true), mark: m[2] } : { value: numeric ? plain(v, true) : defuse(v), mark: null };
}
/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading '
 * (OWASP, CSV injection); a plain number such as -12.50 stays a number.
 */
const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) && !/^[+-]?\d[\d,]*(\.\d+)?%?$/.test(v) ? `'${v}` : v);

export function tableCsv(tables: AnswerTable[]): string {
  const rows: string[][] = [];
  const multi = tables.length > 1;
  for (const t of tables) {
    if (rows.length) rows.push([]);
    const cells = t.rows.map((r) => r.map((v, i) => split(v, t.numeric?.[i] ?? false)));
    const marked = cells.some((r) => r.some((c) => c.mark));
    rows.push([...(multi ? ['表'] : []), ...t.columns, ...(marked ? ['备注'] : [])]);
    for (const r of cells) {
      const marks = r.map((c) => c.mark).filter((m): m is string => !!m);
      rows.push([...(multi ? [defuse(t.title ?? '')] : []), ...r.map((c) => c.value), ...(marked ? [marks.join('；')] : [])]);
    }
  }
  // A BOM so spreadsheet programs read the Chinese as UTF-8.
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Rendering a chart costs ~100 ms of CPU; the same question asked again gets the same picture. */
const CHART_CACHE_SIZE = 200;
const chartCache = new Map<string, Promise<Uint8Array>>();

function chartPng(chart: ChartSpec): Promise<Uint8Array> {
  const key = JSON.stringify(chart);
  let png = chartCache.get(key);
  if (png) {
    chartCache.delete(key);
  } else {
    // The renderer (vega + resvg) is loaded on the first chart, not at start-up.
    png = import('./chart.js').then(({ renderChartPng }) => renderChartPng(chart));
    png.catch(() => chartCache.delete(key));
  }
  chartCache.set(key, png);
  while (chartCache.size > CHART_CACHE_SIZE) chartCache.delete(chartCache.keys().next().value!);
  return png;
}

/** A chart in words: its title and every bar's label and exact amount (bounded for the platforms). */
export function chartAltText(chart: ChartSpec): string {
  const text = `${chart.title}（${chart.unit}）：${chart.bars.map((b) => `${b.label} ${b.display ?? b.value}`).join('；')}`;
  return text.length <= 1000 ? text : `${text.slice(0, 999)}…`;
}

export async function attachmentsFor(answer: Answer, { csv = false }: { csv?: boolean } = {}): Promise<Attachment[]> {
  const out: Attachment[] = [];
  if (answer.chart && answer.chart.bars.length > 1) out.push({ name: 'chart.png', contentType: 'image/png', data: await chartPng(answer.chart), altText: chartAltText(answer.chart) });
  const full = answer.csvTables ?? answer.tables;
  if (csv && full.some((t) => t.rows.length)) out.push({ name: 'answer.csv', contentType: 'text/csv', data: new TextEncoder().encode(tableCsv(full)) });
  return out;
}
