// A parse thread: takes batches of inputs, reads and parses each, and posts back the disclosures in
// the plain transfer form (Decimal as strings, Maps as entries) the writer rebuilds, with their search
// rows: the writer thread only inserts.
import { parentPort } from 'node:worker_threads';
import type { Input, Parsed } from './parse-input.js';
import type { SearchEntry } from './write.js';
import { parseInput } from './parse-input.js';
import { toPlain, type PlainDisclosure } from './transfer.js';
import type { ExtractReply, ExtractRequest } from '../pdf/extract-pool.js';
import { extractEntry } from '../pdf/prepare.js';

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

// The same thread extracts PDF text when asked (src/pdf/extract-pool.ts): one worker bundle for both.
parentPort?.on('message', (message: ParseBatch | ExtractRequest) => {
  if ('kind' in message && message.kind === 'extract') {
    void extractEntry(message.parts).then((entry) => parentPort!.postMessage({ kind: 'extracted', id: message.id, entry } satisfies ExtractReply));
    return;
  }
  parentPort!.postMessage(parseBatch(message as ParseBatch));
});
