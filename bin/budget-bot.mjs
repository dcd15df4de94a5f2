#!/usr/bin/env node
// The budget-bot executable: runs the JavaScript compiled into dist/ at `npm install` (the prepare
// step). A build older than any of its sources never runs: it is rebuilt first (about a second).
// BUDGET_BOT_FROM_SOURCE=1 runs the TypeScript sources through tsx instead (what the tests do).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.BUDGET_BOT_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
} else {
  const { staleReason } = await import('../scripts/build-check.mjs');
  const stale = staleReason(root);
  if (stale) {
    process.stderr.write(`budget-bot：编译结果需要更新（${stale}），正在重新编译…\n`);
    try {
      await (await import('../scripts/build.mjs')).build({ quiet: true });
    } catch (err) {
      process.stderr.write(`错误：无法编译（${err.message.split('\n')[0]}）。请在项目目录运行 npm install 或 npm run build。\n`);
      process.exit(2);
    }
  }
  await import('../dist/cli.js');
}
