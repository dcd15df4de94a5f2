// A parsed Disclosure crossing a worker-thread boundary. Structured clone would turn decimal.js
// values into plain objects without their methods and is not a contract, so amounts travel as
// exact decimal strings and Maps as entry lists, and are rebuilt on the writer's side.
import { Decimal } from 'decimal.js';
import type { Disclosure } from '../parse/types.js';

/** The plain form of a value: Decimal → { $decimal: string }, Map → { $map: entries }. */
export type Plain<T> = T extends Decimal
  ? { $decimal: string }
  : T extends Map<infer K, infer V>
    ? { $map: [K, Plain<V>][] }
    : T extends (infer U)[]
      ? Plain<U>[]
      : T extends object
        ? { [k in keyof T]: Plain<T[k]> }
        : T;

export type PlainDisclosure = Plain<Disclosure>;

function encode(value: unknown): unknown {
  if (value instanceof Decimal) return { $decimal: value.toString() };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [k, encode(v)]) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    // new Decimal(string) is exact whatever the configured precision (precision bounds arithmetic only).
    if ('$decimal' in value) return new Decimal((value as { $decimal: string }).$decimal);
    if ('$map' in value) return new Map((value as { $map: [unknown, unknown][] }).$map.map(([k, v]) => [k, decode(v)]));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export const toPlain = (d: Disclosure): PlainDisclosure => encode(d) as PlainDisclosure;
export const fromPlain = (p: PlainDisclosure): Disclosure => decode(p) as Disclosure;
