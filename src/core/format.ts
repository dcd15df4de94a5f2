// How numbers read in answers: 万元 with thousands separators and two decimals, percentages with
// one decimal, a sign on changes. Exact: decimal.js rounds half-up only at display.
import { Decimal } from 'decimal.js';

export function wan(value: Decimal | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const [int, frac] = value.toFixed(2).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  return `${sign}${int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

export function wanUnit(value: Decimal | null | undefined): string {
  return value === null || value === undefined ? '未列示' : `${wan(value)} 万元`;
}

export function signed(value: Decimal): string {
  return value.isNeg() ? wan(value) : `+${wan(value)}`;
}

export function percent(value: Decimal | null): string {
  if (value === null) return '—';
  const s = value.toFixed(1);
  return value.isNeg() ? `${s}%` : `+${s}%`;
}

/** Change from a to b as a percentage of a, or null when a is zero. */
export function changePercent(from: Decimal, to: Decimal): Decimal | null {
  return from.isZero() ? null : to.minus(from).div(from.abs()).times(100);
}

/** A figure a table prints on several lines, each line with its amount: "第 335 行 7.30 + 第 336 行 10.70". */
export function printedLinesText(printed: { line: number; amount: string }[]): string {
  return printed.map((p) => `第 ${p.line} 行 ${p.amount}`).join(' + ');
}

/** One bar of a chart: plotted from the amount, labelled with it exactly. */
export function bar(label: string, value: Decimal | null | undefined): { label: string; value: number; display: string } {
  const v = value ?? new Decimal(0);
  return { label, value: Number(v.toFixed(2)), display: wan(v) };
}

/** "2026-12-07 15:04 UTC": when a document was added, in a form no time zone misreads. */
export const addedWhen = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
