// Exact amounts: the one place text becomes a number. Thousands separators, full-width digits and
// units are handled here so that every table parser reads numbers the same way.
import { Decimal } from 'decimal.js';
import type { SourceUnit } from './types.js';

/** A cell that is an amount: optional minus, digits with optional thousands separators, decimals. */
const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Folds full-width digits, punctuation and spaces to ASCII so the regexes see one alphabet. */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\u3000]/;

export function foldWidth(text: string): string {
  // Most lines hold no full-width character: one test instead of five replacements.
  if (!FULL_WIDTH.test(text)) return text;
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E/g, '.')
    .replace(/\uFF0C(?=\d{3}(?!\d))/g, ',')
    .replace(/\uFF0D/g, '-')
    .replace(/\u3000/g, ' ');
}

export function isAmount(token: string): boolean {
  return AMOUNT.test(token);
}

/** Parses one amount token in the source unit and returns it in 万元, or null when it is not one. */
export function parseAmount(token: string, unit: SourceUnit = '万元'): Decimal | null {
  const t = foldWidth(token.trim());
  if (!AMOUNT.test(t)) return null;
  const value = new Decimal(t.replace(/,/g, ''));
  return unit === '元' ? value.div(10000) : value;
}

/** Rounding of a table printed in 万元 with two decimals: 0.01 万元. */
export const ROUNDING = new Decimal('0.01');
/** Tables printed in 元 add up exactly: half a 元 (whole 元) or half a 分 (two decimals), in 万元. */
export const YUAN_ROUNDING = new Decimal('0.00005');
export const FEN_ROUNDING = new Decimal('0.0000005');

// The tolerance follows the printed precision of the disclosure being read (set around its reading:
// parsing is synchronous, so one document's setting cannot leak into another's).
let rounding = ROUNDING;
export function withRounding<T>(tolerance: Decimal, read: () => T): T {
  const saved = rounding;
  rounding = tolerance;
  try { return read(); } finally { rounding = saved; }
}

/** The rounding of the disclosure being read. */
export const currentRounding = (): Decimal => rounding;

/** Two amounts agree when they differ by no more than the printed rounding. */
export function agrees(a: Decimal, b: Decimal, tolerance: Decimal = rounding): boolean {
  return a.minus(b).abs().lte(tolerance.plus('0.0000001'));
}

/** Half a unit of the last digit a stated figure shows ("19,302 万元" → 0.5; "339.5" → 0.05), at least the rounding. */
export function statedPrecision(value: Decimal): Decimal {
  const half = new Decimal(5).times(new Decimal(10).pow(-(value.decimalPlaces() + 1)));
  return Decimal.max(half, rounding);
}

export function sum(values: (Decimal | null | undefined)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => (v ? acc.plus(v) : acc), new Decimal(0));
}

/** Fixed two-decimal text, the export and display format of an amount in 万元. */
export function formatAmount(value: Decimal | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // Amounts converted from 元 may carry more than two decimals; keep them rather than round.
  const dp = Math.max(2, value.decimalPlaces());
  return value.toFixed(dp);
}

export const ZERO = new Decimal(0);
