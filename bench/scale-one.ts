// One corpus size, in its own process (so peak memory is this size's): ingest it and print JSON.
import { statSync } from 'node:fs';
import { ingestDirectory } from '../src/store/ingest.js';

const [dir, db] = process.argv.slice(2);
const r = ingestDirectory(dir, db, { force: true });
console.log(JSON.stringify({
  files: r.files, disclosures: r.disclosures, duplicates: r.duplicates.length, rejected: r.rejected.length,
  parseMs: r.parseMs, loadMs: r.loadMs, totalMs: r.millis, dbBytes: statSync(db).size, maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
