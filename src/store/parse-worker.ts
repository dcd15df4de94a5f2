// A parse thread: takes batches of inputs, reads and parses each, and posts back the disclosures in
// the plain transfer form (Decimal as strings, Maps as entries) the writer rebuilds, with their search
// rows: the writer thread only inserts.
import { parentPort } from 'node:worker_threads';
import type { Input, Parsed } from './parse-input.js';
import type { SearchEntry } from './write.js';
import { parseInput } from './parse-input.js';
import { toPlain, type PlainDisclosure } from './transfer.js';

export interface ParseBatch {
  id: number;
  inputs: Input[];
  pdfCache: string;
}

export type ParsedTransfer =
  | { ok: true; disclosures: PlainDisclosure[]; entries?: SearchEntry[][]; parseMs: number; segmentMs?: number }
  | { ok: false; reason: string; parseMs: number };

export interface ParsedBatch {
  id: number;
  results: ParsedTransfer[];
}

export function toTransfer(parsed: Parsed): ParsedTransfer {
  return parsed.ok ? { ...parsed, disclosures: parsed.disclosures.map(toPlain) } : parsed;
}

export function parseBatch({ id, inputs, pdfCache }: ParseBatch): ParsedBatch {
  return { id, results: inputs.map((input) => toTransfer(parseInput(input, pdfCache))) };
}

parentPort?.on('message', (batch: ParseBatch) => parentPort!.postMessage(parseBatch(batch)));
