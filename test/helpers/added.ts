// A bot whose database lacks one bundled seed, so that seed can be uploaded from a channel as a new
// document: the seeds but one copied into a temporary folder, built as `ingest` builds them.
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, type App } from '../../src/app.js';
import type { Logger } from '../../src/core/dispatch.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from './tmp.js';

/** 竹山县医疗保障局 2022 (its “三公”经费 9.60 万元): the seed the tests upload. */
export const UPLOADED_SEED = '001_df29ae28ecb651dd.txt';

export const seedBytes = (name = UPLOADED_SEED) => readFileSync(join(DEFAULT_DATA_DIR, name));

/** A folder of the seeds but `left`, and a database built from it (in `root`, or a new temp folder). */
export function seedsWithout(left = UPLOADED_SEED, root = tempDir()): { dataDir: string; dbFile: string; root: string } {
  const dataDir = join(root, 'disclosures');
  mkdirSync(dataDir, { recursive: true });
  for (const f of readdirSync(DEFAULT_DATA_DIR).filter((n) => n.endsWith('.txt') && n !== left)) copyFileSync(join(DEFAULT_DATA_DIR, f), join(dataDir, f));
  const dbFile = join(root, 'budget.sqlite');
  ingestDirectory([dataDir], dbFile);
  return { dataDir, dbFile, root };
}

/** The app over such a database (the caller closes it). */
export function appWithout(left = UPLOADED_SEED, log?: Logger): { app: App; dbFile: string; root: string } {
  const { dbFile, root } = seedsWithout(left);
  return { app: openApp(dbFile, log), dbFile, root };
}
