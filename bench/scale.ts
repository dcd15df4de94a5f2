// npm run bench:scale -- 1000 10000 [100000]: the performance table at each corpus size.
// Ingest (parse and load apart, documents/s, MB/s, database size, peak RSS) runs in a child
// process per size; then each command's core latency (p50/p99) beside its raw SQL (the floor),
// cold start to first answer, and the Slack HTTP round trip through the real Bolt app.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSlack } from '../src/adapters/slack.js';
import { openApp } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { postSigned, slashBody, startFakeSlack } from '../test/fakes/slack.js';
import { writeCorpus } from './corpus.js';
import { ftsQuery } from '../src/query/search-terms.js';
import { SEARCH_SQL } from '../src/store/queries.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Each command of the mix, with the SQL it needs at its core run directly: the floor. */
// A parameter given as a function is computed after the catalog is loaded (the FTS expression
// depends on the dictionary), so the floor runs exactly what the command runs.
const MIX: [string, string, unknown[]][] = [
  ['/budget 模拟一县 三公', 'SELECT * FROM three_public WHERE doc_id = (SELECT id FROM documents WHERE department = ? ORDER BY year DESC LIMIT 1)', ['模拟一县医疗保障局']],
  ['/budget 模拟二县', 'SELECT key, amount FROM totals WHERE doc_id = (SELECT id FROM documents WHERE department = ? ORDER BY year DESC LIMIT 1)', ['模拟二县医疗保障局']],
  ['/subject 2101501', 'SELECT doc_id, total, basic, project FROM function_items WHERE code = ? ORDER BY total DESC LIMIT 120', ['2101501']],
  ['/rank 三公', "SELECT t.doc_id, t.amount FROM totals t JOIN documents d ON d.id = t.doc_id WHERE t.key = ? AND d.latest = 1 ORDER BY t.amount DESC LIMIT 10", ['three_public']],
  ['/rank 2101501 前5', 'SELECT doc_id, total FROM function_items WHERE code = ? ORDER BY total DESC LIMIT 200', ['2101501']],
  ['/search 长期护理保险', SEARCH_SQL.replace('LIMIT ?', 'LIMIT 20'), [() => ftsQuery('长期护理保险', 'AND')]],
  ['/check 模拟三县', 'SELECT * FROM findings WHERE doc_id IN (SELECT id FROM documents WHERE department = ?)', ['模拟三县医疗保障局']],
  ['/compare 模拟一县 模拟四县', 'SELECT doc_id, key, amount FROM totals WHERE doc_id IN (SELECT id FROM documents WHERE department IN (?, ?))', ['模拟一县医疗保障局', '模拟四县医疗保障局']],
];

function corpusSize(dir: string): { files: number; bytes: number } {
  const files = readdirSync(dir);
  return { files: files.length, bytes: files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0) };
}

async function measure(n: number) {
  const dir = mkdtempSync(join(tmpdir(), `budget-scale-${n}-`));
  try {
    // SCALE_CORPUS=DIR reuses a corpus written before (generating 100k documents takes minutes).
    const reuse = process.env.SCALE_CORPUS;
    const corpus = reuse ?? join(dir, 'corpus');
    const gen = reuse ? corpusSize(reuse) : writeCorpus(corpus, n);
    const db = join(dir, 'budget.sqlite');
    const ingest = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'scale-one.ts'), corpus, db], { encoding: 'utf8', maxBuffer: 1 << 24 }));
    // The slow part is done: print it now, so a later failure does not lose it.
    console.error(JSON.stringify({ n, gen, ingest }));

    const app = openApp(db);
    const raw = new Database(db, { readonly: true });
    const rows: string[][] = [];
    for (const [cmd, sql, params] of MIX) {
      const stmt = raw.prepare(sql);
      const args = params.map((p) => (typeof p === 'function' ? p() : p));
      const core: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < 300; i++) {
        core.push(app.dispatch({ text: cmd }).millis);
        const t = performance.now();
        stmt.all(...args);
        floor.push(performance.now() - t);
      }
      rows.push([cmd, pct(core, 0.5).toFixed(3), pct(core, 0.99).toFixed(3), pct(floor, 0.5).toFixed(3), (pct(core, 0.5) / Math.max(pct(floor, 0.5), 0.001)).toFixed(1)]);
    }
    raw.close();

    // Cold start: a new process, an existing database, to the first answer printed.
    const coldRuns = [0, 1, 2].map(() => {
      const t = performance.now();
      spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'ask', '/budget 模拟一县 三公', '--db', db], { encoding: 'utf8' });
      return performance.now() - t;
    });

    // Slack HTTP round trip, one request at a time, through the real Bolt app on loopback.
    const fake = await startFakeSlack();
    const secret = 'scale0123456789abcdef0123456789ab';
    const slack = await startSlack(app, { botToken: 'xoxb-scale', signingSecret: secret, port: 0, apiUrl: fake.apiUrl }, createLogger({ level: 'error', write: () => {} }));
    const rtt: number[] = [];
    for (let i = 0; i < 300; i++) {
      const [cmd, text] = ['/budget', '模拟一县 三公'];
      const t = performance.now();
      await postSigned(`http://127.0.0.1:${slack.port}/slack/events`, secret, slashBody(cmd, text, `${fake.url}/response/${i}`));
      rtt.push(performance.now() - t);
    }
    await slack.stop();
    await fake.close();
    app.close();
    return { n, gen, ingest, rows, cold: Math.min(...coldRuns), rtt: { p50: pct(rtt, 0.5), p99: pct(rtt, 0.99) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const n of sizes) {
  const r = await measure(n);
  const i = r.ingest;
  const mb = r.gen.bytes / 1024 / 1024;
  console.log(`\n## ${n.toLocaleString('en-US')} documents (${mb.toFixed(0)} MB of text)\n`);
  console.log('| ingest | value |\n|---|---|');
  console.log(`| documents/s (parse + load) | ${(i.files / (i.totalMs / 1000)).toFixed(0)} |`);
  console.log(`| parse only: documents/s, MB/s | ${(i.files / (i.parseMs / 1000)).toFixed(0)}, ${(mb / (i.parseMs / 1000)).toFixed(2)} |`);
  console.log(`| load only (SQLite + search index): disclosures/s | ${(i.disclosures / (i.loadMs / 1000)).toFixed(0)} |`);
  console.log(`| database size | ${(i.dbBytes / 1024 / 1024).toFixed(0)} MB |`);
  console.log(`| peak RSS | ${i.maxRssMb.toFixed(0)} MB |`);
  console.log('\n| command | p50 ms | p99 ms | SQL floor p50 ms | ratio |\n|---|---|---|---|---|');
  for (const row of r.rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n| cold start to first answer | ${r.cold.toFixed(0)} ms |\n|---|---|`);
  console.log(`| Slack HTTP round trip p50 / p99 | ${r.rtt.p50.toFixed(2)} / ${r.rtt.p99.toFixed(2)} ms |`);
}
