// Amounts cross into SQLite as INTEGER 分 and come back as exact decimal 万元.
// 1 万元 = 1,000,000 分, so any amount printed in 元 or 万元 with up to two decimals is an integer here.
import { Decimal } from 'decimal.js';

const FEN_PER_WANYUAN = 1_000_000;

export function toFen(value: Decimal | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const fen = value.times(FEN_PER_WANYUAN);
  // Finer than 0.01 元 does not occur in these documents; rounding here is to the nearest 分.
  return fen.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

export function fromFen(fen: number | bigint | null | undefined): Decimal | null {
  if (fen === null || fen === undefined) return null;
  return new Decimal(fen.toString()).div(FEN_PER_WANYUAN);
}
