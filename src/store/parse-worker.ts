// A parse thread: takes batches of inputs, reads and parses each, and posts back the disclosures in
// the plain transfer form (Decimal as strings, Maps as entries) the writer rebuilds. It does not
// segment the search text: jieba's dictionary (≈300 MB, the costliest thing to load) is loaded once,
// by the writer, while the workers parse.
import { parentPort } from 'node:worker_threads';
import type { Input, Parsed } from './parse-input.js';
import { parseInput } from './parse-input.js';
import { toPlain, type PlainDisclosure } from './transfer.js';

export interface ParseBatch {
  id: number;
  inputs: Input[];
  pdfCache: string;
}

export type ParsedTransfer =
  | { ok: true; disclosures: PlainDisclosure[]; parseMs: number }
  | { ok: false; reason: string; parseMs: number };

export interface ParsedBatch {
  id: number;
  results: ParsedTransfer[];
}

export function toTransfer(parsed: Parsed): ParsedTransfer {
  return parsed.ok ? { ok: true, disclosures: parsed.disclosures.map(toPlain), parseMs: parsed.parseMs } : parsed;
}

export function parseBatch({ id, inputs, pdfCache }: ParseBatch): ParsedBatch {
  return { id, results: inputs.map((input) => toTransfer(parseInput(input, pdfCache, { segment: false }))) };
}

parentPort?.on('message', (batch: ParseBatch) => parentPort!.postMessage(parseBatch(batch)));
