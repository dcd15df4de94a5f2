// npm run load: 1,000 signed slash commands with 50 in flight and a burst of 300 Discord
// interactions, loopback only, bounded in count and time. Exits non-zero on any error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from './load-driver.js';

const dir = mkdtempSync(join(tmpdir(), 'budget-load-'));
try {
  const r = await runLoad({ dir });
  console.log('| measure | value |\n|---|---|');
  console.log(`| Slack slash commands | ${r.slack.requests} in ${r.slack.seconds.toFixed(1)} s (${(r.slack.requests / r.slack.seconds).toFixed(0)}/s), 50 in flight |`);
  console.log(`| Slack errors / wrong answers | ${r.slack.errors} / ${r.slack.wrong} |`);
  console.log(`| Slack round trip p50 / p99 | ${r.slack.p50.toFixed(2)} ms / ${r.slack.p99.toFixed(2)} ms |`);
  console.log(`| Discord burst | ${r.discord.answered}/${r.discord.interactions} answered in ${r.discord.seconds.toFixed(2)} s, ${r.discord.wrong} wrong |`);
  console.log(`| memory before → after (RSS, heap) | ${r.memory.rssBeforeMb} → ${r.memory.rssAfterMb} MB, ${r.memory.heapBeforeMb} → ${r.memory.heapAfterMb} MB |`);
  if (r.slack.errors || r.slack.wrong || r.discord.wrong || r.discord.answered !== r.discord.interactions) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
