// npm run bench:scale [-- 1000 10000 100000]: the performance table at each corpus size (1,000 by
// default). Ingest runs in a child process per size and worker count — on this thread only, one
// parse worker, and one per core — side by side (documents/s, parse/segment/insert, database size,
// peak RSS); then each command's core latency (p50/p99) beside its raw SQL (the floor), cold start
// to first answer, and the Slack HTTP round trip through the real Bolt app. Progress (which size,
// which phase) goes to stderr; SCALE_QUIET=1 silences it.
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
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
import { createProgress } from '../src/progress.js';

type IngestRun = { files: number; disclosures: number; workers: number; parseMs: number; segmentMs: number; loadMs: number; totalMs: number; cpuMs: number; firstParsed: number; lastParsed: number; dbBytes: number; maxRssMb: number; load: number };

const given = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = given.length ? given : [1000];
const cores = availableParallelism();
/** Ingest runs compared: parsing on the writer's thread, one worker, one per core. */
const WORKERS = [0, 1, cores];
const quiet = process.env.SCALE_QUIET === '1';
const progress = createProgress({ quiet });
const say = (phase: string) => progress.update({ phase, done: 0, total: 1 });
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
    const label = `${n.toLocaleString('en-US')} 份 · `;
    say(`${label}生成语料`);
    const gen = reuse ? corpusSize(reuse) : writeCorpus(corpus, n);
    const db = join(dir, 'budget.sqlite');
    const ingests: IngestRun[] = [];
    for (const workers of WORKERS) {
      progress.stop();
      const load = loadavg()[0];
      const run = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'scale-one.ts'), corpus, db, String(workers), label], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] }));
      ingests.push({ ...run, load });
      // The slow part is done: print it now, so a later failure does not lose it.
      console.error(JSON.stringify({ n, gen, ingest: ingests.at(-1) }));
    }
    say(`${label}命令延迟`);

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
    say(`${label}冷启动`);
    const coldRuns = [0, 1, 2].map(() => {
      const t = performance.now();
      spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'ask', '/budget 模拟一县 三公', '--db', db], { encoding: 'utf8' });
      return performance.now() - t;
    });

    // Slack HTTP round trip, one request at a time, through the real Bolt app on loopback.
    say(`${label}Slack 往返`);
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
    progress.stop();
    return { n, gen, ingests, rows, cold: Math.min(...coldRuns), rtt: { p50: pct(rtt, 0.5), p99: pct(rtt, 0.99) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const n of sizes) {
  const r = await measure(n);
  const mb = r.gen.bytes / 1024 / 1024;
  console.log(`\n## ${n.toLocaleString('en-US')} documents (${mb.toFixed(0)} MB of text)\n`);
  const cols = r.ingests;
  const row = (name: string, f: (x: IngestRun) => string) => console.log(`| ${name} | ${cols.map(f).join(' | ')} |`);
  console.log(`| ingest | ${cols.map((x) => (x.workers ? `${x.workers} worker${x.workers > 1 ? 's' : ''}` : 'no worker (inline)')).join(' | ')} |\n|---|${cols.map(() => '---|').join('')}`);
  const one = cols.find((x) => x.workers === 1);
  row('**documents/s**, end to end', (x) => `${(x.files / (x.totalMs / 1000)).toFixed(0)}${one && x.workers > 1 ? ` (${(one.totalMs / x.totalMs).toFixed(2)}× 1 worker)` : ''}`);
  row('documents/s once parsing started (workers loaded)', (x) => ((x.files - 1) / ((x.lastParsed - x.firstParsed) / 1000)).toFixed(0));
  row('CPU time per document, all threads (ms)', (x) => (x.cpuMs / x.files).toFixed(1));
  row('start: to first document written', (x) => `${(x.firstParsed / 1000).toFixed(1)} s`);
  row('parse (read + parse), ms per document, all threads', (x) => (x.parseMs / x.files).toFixed(1));
  row('segment (jieba, search text), ms per document', (x) => (x.segmentMs / x.files).toFixed(1));
  row('insert (writer thread), ms per disclosure', (x) => (x.loadMs / x.disclosures).toFixed(2));
  row('database size', (x) => `${(x.dbBytes / 1024 / 1024).toFixed(0)} MB`);
  row('peak RSS (all threads)', (x) => `${x.maxRssMb.toFixed(0)} MB`);
  row('load average (1 min) at start', (x) => x.load.toFixed(2));

  console.log('\n| command | p50 ms | p99 ms | SQL floor p50 ms | ratio |\n|---|---|---|---|---|');
  for (const row of r.rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n| cold start to first answer | ${r.cold.toFixed(0)} ms |\n|---|---|`);
  console.log(`| Slack HTTP round trip p50 / p99 | ${r.rtt.p50.toFixed(2)} / ${r.rtt.p99.toFixed(2)} ms |`);
}
