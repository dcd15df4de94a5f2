// One corpus size and one worker count, in its own process (so peak memory is this run's): ingest
// it and print JSON. Progress (phase, size, workers) goes to stderr like budget-bot ingest's.
import { statSync } from 'node:fs';
import { ingest } from '../src/store/ingest.js';
import { createProgress } from '../src/progress.js';

const [dir, db, workersArg, label = ''] = process.argv.slice(2);
const workers = Number(workersArg ?? 1);
const progress = createProgress({ quiet: process.env.SCALE_QUIET === '1' });
const PHASES = { hash: '清点文件', parse: '解析', index: '建立索引' } as const;
const marks: { firstParsed?: number; lastParsed?: number } = {};
const started = performance.now();
const cpu0 = process.cpuUsage();
const r = await ingest(dir, db, {
  force: true, workers,
  onProgress: (p) => {
    if (p.phase === 'parse' && p.done === 1) marks.firstParsed = performance.now() - started;
    if (p.phase === 'parse' && p.done === p.total) marks.lastParsed = performance.now() - started;
    progress.update({ ...p, phase: `${label}${PHASES[p.phase]}（${workers ? `${workers} 个线程` : '单线程'}）` });
  },
});
progress.stop();
console.log(JSON.stringify({
  files: r.files, disclosures: r.disclosures, duplicates: r.duplicates.length, rejected: r.rejected.length, workers: r.workers,
  parseMs: r.parseMs, segmentMs: r.segmentMs, loadMs: r.loadMs, totalMs: r.millis, ...marks,
  // CPU time of every thread of the process: on a shared machine, what the run needed rather than what it got.
  cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu0)),
  dbBytes: statSync(db).size, maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
