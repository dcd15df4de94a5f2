// Parses a document once per test file: a bundled seed, or an outside document from ../shared/corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDocument, parseDocument, type Disclosure } from '../../src/parse/index.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { CORPUS_TEXT_DIR } from '../support/corpus.js';

const cache = new Map<string, Disclosure[]>();

/** The seeds ship in data/disclosures; everything else is read from the outside corpus. */
const folderOf = (file: string) => (existsSync(join(DEFAULT_DATA_DIR, file)) || !CORPUS_TEXT_DIR ? DEFAULT_DATA_DIR : CORPUS_TEXT_DIR);

export function disclosuresOf(file: string, dir = folderOf(file)): Disclosure[] {
  const key = join(dir, file);
  if (!cache.has(key)) cache.set(key, parseDocument(decodeDocument(readFileSync(key), file), file));
  return cache.get(key)!;
}

/** The 部门 disclosure of a file (the first one where a file holds several). */
export function disclosureOf(file: string, dir?: string): Disclosure {
  const all = disclosuresOf(file, dir);
  return all.find((d) => d.scope === '部门') ?? all[0];
}

export const amount = (d: { toFixed(n: number): string } | null | undefined) => (d ? d.toFixed(2) : null);
