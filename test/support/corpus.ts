// The outside corpora (../shared/corpus beside the checkout) — read at run time, never copied into
// the project. Every test that needs them goes through this file, so a machine without ../shared
// skips exactly those tests and says why, once.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

// BUDGET_BOT_SHARED points elsewhere (or at a missing folder, to rehearse a machine without it).
const sharedDir = resolve(process.env.BUDGET_BOT_SHARED ?? join(PROJECT_ROOT, '..', 'shared'));
const present = (dir: string) => (existsSync(dir) ? dir : null);

/** A file or folder under ../shared, or null where it is absent. */
export const sharedPath = (...parts: string[]): string | null => present(join(sharedDir, ...parts));

/** ../shared/corpus/text: the outside disclosures as text layers, or null where absent. */
export const CORPUS_TEXT_DIR = present(join(sharedDir, 'corpus', 'text'));
/** ../shared/corpus/pdf: the published PDFs, or null. */
export const CORPUS_PDF_DIR = present(join(sharedDir, 'corpus', 'pdf'));
/** ../shared/corpus/negative: a deliberately altered 决算 that must load with findings, or null. */
export const CORPUS_NEGATIVE_DIR = present(join(sharedDir, 'corpus', 'negative'));
/** ../shared/gold/corpus.json: headline figures read by hand, or null. */
export const CORPUS_GOLD_FILE = present(join(sharedDir, 'gold', 'corpus.json'));

/** ../shared/corpus2: seventeen more provinces' disclosures (text layers, PDFs) and their gold, or null. */
export const CORPUS2_TEXT_DIR = present(join(sharedDir, 'corpus2', 'text'));
export const CORPUS2_PDF_DIR = present(join(sharedDir, 'corpus2', 'pdf'));
export const CORPUS2_GOLD_FILE = present(join(sharedDir, 'gold', 'corpus2.json'));

export const CORPUS_MISSING_REASON = `skipped: no outside corpus at ${join(sharedDir, 'corpus')} (it is read from ../shared beside the checkout, never committed)`;

/** A describe block that runs only where the corpus is present, named with the reason where it is not. */
export function describeCorpus(name: string, body: () => void): void {
  if (CORPUS_TEXT_DIR && CORPUS_PDF_DIR) describe(name, body);
  // Vitest runs a skipped block's body to collect its tests; a body that reads the corpus would throw
  // there. Without the corpus the body is never run: one skipped test stands for the block.
  else describe(name, () => it.skip(CORPUS_MISSING_REASON, () => {}));
}

/** The three Jiangsu provincial departments the command tests ask about (2017–2019 each). */
export const JIANGSU_TEXTS = ['jcy', 'rdbgt', 'swbgt'].flatMap((d) => [2017, 2018, 2019].map((y) => `js_${d}_${y}_budget.txt`));

/** Like describeCorpus, for ../shared/corpus2 (its text layers, PDFs and gold). */
export function describeCorpus2(name: string, body: () => void): void {
  if (CORPUS2_TEXT_DIR && CORPUS2_PDF_DIR && CORPUS2_GOLD_FILE) describe(name, body);
  else describe(name, () => it.skip(`skipped: no second corpus at ${join(sharedDir, 'corpus2')} (read from ../shared beside the checkout, never committed)`, () => {}));
}
