// budget-bot digest NAME --dry-run prints what would be posted; a bad subscriptions file is named.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { tempDir } from '../helpers/tmp.js';

describe('budget-bot digest', () => {
  const dir = tempDir();
  const db = join(dir, 'budget.sqlite');
  ingestDirectory(DEFAULT_DATA_DIR, db);
  const env = (file: string) => ({ PATH: process.env.PATH, BUDGET_BOT_DIGESTS: file, BUDGET_BOT_DIGEST_STATE: join(dir, 'state.sqlite') });
  const run = (file: string, ...args: string[]) => spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'digest', ...args, '--db', db], { encoding: 'utf8', env: env(file) });

  it('--dry-run prints the digest without posting', () => {
    const file = join(dir, 'digests.json');
    writeFileSync(file, JSON.stringify({ subscriptions: [{ name: 'weekly', platform: 'slack', channel: 'C1', schedule: '每周一 09:00', content: 'overview' }] }));
    const r = run(file, 'weekly', '--dry-run');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('预览：订阅“weekly”');
    expect(r.stdout).toContain('已载入 5 个部门、6 份预算；勾稽问题 31 处。');
    expect(r.stdout).toMatch(/承德市双桥区医疗保障局本级\s+2024\s+3,526\.22 万元/);
    expect(r.stdout).toMatch(/巨鹿县医疗保障局\s+2023\s+534\.80 万元/);
  });

  it('a subscriptions file with an error is refused, naming the entry and field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ subscriptions: [{ name: 'x', platform: 'slack', channel: '', schedule: '每周一 09:00', content: 'overview' }] }));
    const r = run(file, 'x', '--dry-run');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('第 1 项（x）：channel 不能为空');
  });
});
