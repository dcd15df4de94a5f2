// A parse worker's task: one input read, parsed and segmented off the writer's thread, returned
// in the plain transfer form (Decimal as strings, Maps as entries) the writer rebuilds.
import type { Input, Parsed } from './parse-input.js';
import { parseInput } from './parse-input.js';
import { toPlain, type PlainDisclosure } from './transfer.js';
import type { SearchEntry } from './write.js';

export interface ParseTask {
  input: Input;
  pdfCache: string;
}

export type ParsedTransfer =
  | { ok: true; disclosures: PlainDisclosure[]; entries: SearchEntry[][]; parseMs: number; segmentMs: number }
  | { ok: false; reason: string; parseMs: number };

export function toTransfer(parsed: Parsed): ParsedTransfer {
  return parsed.ok ? { ...parsed, disclosures: parsed.disclosures.map(toPlain) } : parsed;
}

export default function parseTask({ input, pdfCache }: ParseTask): ParsedTransfer {
  return toTransfer(parseInput(input, pdfCache));
}
