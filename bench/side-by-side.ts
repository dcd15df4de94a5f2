// npm run bench: each figure beside the code of 2bb1f50 (bench/baseline.ts) or the floor it is
// measured against, as a ratio, so a reader sees the gain without trusting the machine's absolute
// speed. Runs alternate (current, baseline, floor, current, …) and each figure is the median, so a
// busy moment on a shared machine lands on both sides. BENCH_ROUNDS sets the rounds (default 5).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../src/paths.js';
import { ingestDirectory } from '../src/store/ingest.js';
import { baselineTree, BASELINE_COMMIT } from './baseline.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const shared = resolve(process.env.BUDGET_BOT_SHARED ?? join(PROJECT_ROOT, '..', 'shared'));
const tmp = mkdtempSync(join(tmpdir(), 'budget-bench-'));
const base = baselineTree();

interface Run { wallMs: number; rssMb: number; out: string }
/** One process, timed from spawn to exit; its peak RSS from GNU time when present. */
function timed(args: string[], cwd = PROJECT_ROOT): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, BUDGET_BOT_FROM_SOURCE: '' } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-400)}`);
  return { wallMs, rssMb: Number(r.stderr.trim().split('\n').at(-1)) / 1024, out: r.stdout };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Side { name: string; run: () => Run }
/** Alternates the sides ROUNDS times; the median wall time and peak RSS of each. */
function sideBySide(sides: Side[], rounds = ROUNDS) {
  const runs = sides.map(() => [] as Run[]);
  for (let i = 0; i < rounds; i++) sides.forEach((s, k) => runs[k].push(s.run()));
  return sides.map((s, k) => ({ name: s.name, ms: median(runs[k].map((r) => r.wallMs)), rssMb: median(runs[k].map((r) => r.rssMb)) }));
}

const rows: string[][] = [];
function report(figure: string, measured: ReturnType<typeof sideBySide>, against: string[]) {
  const [now, ...others] = measured;
  const ratio = (o: (typeof others)[number]) => (against.includes(o.name) ? `${(now.ms / o.ms).toFixed(2)}× ${o.name}` : '');
  rows.push([figure, `${Math.round(now.ms)} ms`, ...others.map((o) => `${o.name} ${Math.round(o.ms)} ms`), others.map(ratio).filter(Boolean).join(', '), `${Math.round(now.rssMb)} MB`]);
}

const bin = join(PROJECT_ROOT, 'bin', 'budget-bot.mjs');
const baseBin = base && join(base, 'bin', 'budget-bot.mjs');
try {
  console.log(`${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start; ${ROUNDS} alternating rounds, medians`);
  // Each side asks on a database its own code built: the schema has moved on since the baseline.
  const seedsDb = join(tmp, 'seeds.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, seedsDb);
  const baseSeedsDb = join(tmp, 'seeds-baseline.sqlite');
  if (baseBin) timed([baseBin, 'ingest', '--data', DEFAULT_DATA_DIR, '--db', baseSeedsDb, '--quiet']);
  // Warm the build check and the OS file cache once on each side.
  timed([bin, 'ask', '/sources', '--db', seedsDb]);
  if (baseBin) timed([baseBin, 'ask', '/sources', '--db', baseSeedsDb]);

  const ask = (db: string) => ['ask', '/budget 竹山县 三公', '--db', db];
  report('cold `ask` on the seeds', sideBySide([
    { name: 'now', run: () => timed([bin, ...ask(seedsDb)]) },
    ...(baseBin ? [{ name: BASELINE_COMMIT, run: () => timed([baseBin, ...ask(baseSeedsDb)]) }] : []),
    { name: 'node -e 0', run: () => timed(['-e', '0']) },
  ]), [BASELINE_COMMIT, 'node -e 0']);

  // Each side's database in a folder of its own, so each has its own PDF text cache (pdf-text-cache
  // beside the database); `cold` empties it before every run: the extraction is timed too.
  const ingestOf = (dir: string, label: string, rounds = Math.max(3, Math.ceil(ROUNDS / 2)), { cold = false } = {}) => {
    const folder = (side: string) => join(tmp, `${label.replace(/[^a-z0-9]+/gi, '-')}-${side}`);
    const args = (b: string, side: string, extra: string[] = []) => {
      if (cold) rmSync(join(folder(side), 'pdf-text-cache'), { recursive: true, force: true });
      mkdirSync(folder(side), { recursive: true });
      return [b, 'ingest', '--data', dir, '--db', join(folder(side), 'budget.sqlite'), '--force', '--quiet', ...extra];
    };
    report(`ingest ${label} (defaults)`, sideBySide([
      { name: 'now', run: () => timed(args(bin, 'now')) },
      ...(baseBin ? [
        { name: `${BASELINE_COMMIT} --workers 0`, run: () => timed(args(baseBin, 'b0', ['--workers', '0'])) },
        { name: `${BASELINE_COMMIT} default`, run: () => timed(args(baseBin, 'bd')) },
      ] : []),
    ], rounds), [`${BASELINE_COMMIT} --workers 0`, `${BASELINE_COMMIT} default`]);
  };
  const text = join(shared, 'corpus', 'text');
  const pdf = join(shared, 'corpus', 'pdf');
  if (spawnSync('test', ['-d', text]).status === 0) ingestOf(text, 'corpus/text (39 texts)');
  else console.log(`corpus ingest skipped: no ${text}`);
  if (spawnSync('test', ['-d', pdf]).status === 0 && process.env.BENCH_PDF !== '0') {
    ingestOf(pdf, 'corpus/pdf (27 PDFs, text extracted every run)', 3, { cold: true });
    ingestOf(pdf, 'corpus/pdf (27 PDFs, text cached after the first run)', 3);
  }

  console.log('\nfigure | now | beside | ratio (now ÷ beside) | peak RSS now');
  console.log('---|---|---|---|---');
  for (const [figure, now, ...rest] of rows) {
    const rss = rest.pop()!;
    const ratio = rest.pop()!;
    console.log(`${figure} | ${now} | ${rest.join(' · ')} | ${ratio} | ${rss}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
