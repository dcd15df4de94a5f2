// Command latency on the bundled data: each command's core (understanding + SQL + Answer, no
// platform), p50 and p99 over repeated runs. The performance issue extends this to large corpora.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openApp } from '../src/app.js';
import { DEFAULT_DATA_DIR } from '../src/paths.js';
import { ingestDirectory } from '../src/store/ingest.js';

const MIX = [
  '/budget 竹山县 三公', '/budget 邢台市医保局', '/budget 双桥区 支出', '/subject 2101501', '/subject 行政运行',
  '/diff 邢台市医保局', '/compare 巨鹿县 竹山县', '/rank 三公', '/rank 2101501 前5',
  '/search 长期护理保险', '/check 竹山县', '/sources', '竹山县医保局三公经费是多少', '行政运行哪个单位最多',
];

const dir = mkdtempSync(join(tmpdir(), 'budget-bench-'));
try {
  const db = join(dir, 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const started = performance.now();
  const app = openApp(db);
  app.dispatch({ text: MIX[0] });
  const coldMs = performance.now() - started;
  const rows: string[][] = [];
  for (const q of MIX) {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) times.push(app.dispatch({ text: q }).millis);
    times.sort((a, b) => a - b);
    rows.push([q, (times[99]).toFixed(3), (times[197]).toFixed(3)]);
  }
  app.close();
  console.log(`open database + catalog + first answer: ${coldMs.toFixed(1)} ms`);
  console.log('command | p50 ms | p99 ms');
  console.log('---|---|---');
  for (const r of rows) console.log(r.join(' | '));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
