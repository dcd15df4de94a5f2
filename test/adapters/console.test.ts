// The console: answers fitted to an 80-column terminal, history kept between sessions, Tab completion
// from the shared autocomplete, East Asian width measured by string-width; and `budget-bot start`
// without platform tokens prints no log line between the answers.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCompleter } from '../../src/adapters/console-complete.js';
import { CHARTS_DIR, runConsole } from '../../src/adapters/console.js';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { displayWidth } from '../../src/render/text.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { bundledApp } from '../helpers/app.js';
import { tempDir } from '../helpers/tmp.js';

const app = bundledApp();

async function session(lines: string[], opts: { width?: number; historyFile?: string; chartsDir?: string } = {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const done = runConsole(app, { input, output, chartsDir: join(tempDir(), 'charts'), ...opts });
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await done;
  return text;
}

describe('console', () => {
  it('fits every line of every answer to an 80-column terminal', async () => {
    const out = await session(['/help', '/search 医疗', '/budget 竹山县', '竹山县医保局三公经费是多少', '/diff 邢台市医保局', '/check', '/sources', '/subject 2101501', '/budget 巨鹿县 项目'], { width: 80 });
    const wide = out.split('\n').filter((l) => displayWidth(l) > 80);
    expect(wide).toEqual([]);
    expect(out).toContain('9.60');
    expect(out).toContain('/budget');
  });

  it('keeps history between sessions', async () => {
    const historyFile = join(tempDir(), 'history');
    await session(['/budget 竹山县', '/rank 三公'], { historyFile });
    await session(['/sources'], { historyFile });
    expect(readFileSync(historyFile, 'utf8').trim().split('\n')).toEqual(['/budget 竹山县', '/rank 三公', '/sources']);
  });

  it('completes commands, departments and subject codes with Tab', () => {
    const complete = createCompleter(app);
    expect(complete('/bu')).toEqual([['/budget '], '/bu']);
    expect(complete('/budget 竹山')).toEqual([['竹山县医疗保障局'], '竹山']);
    expect(complete('/subject 21015')[0].some((s) => s.startsWith('2101501'))).toBe(true);
  });

  it('lists subject codes with their names while several match, and inserts the code alone when one does', () => {
    const complete = createCompleter(app);
    const [several, token] = complete('/subject 21015');
    expect(token).toBe('21015');
    expect(several.length).toBeGreaterThan(1);
    expect(several).toContain('2101501 行政运行');
    for (const s of several) expect(s).toMatch(/^21015\d* \S/);
    expect(complete('/subject 2101501')).toEqual([['2101501'], '2101501']);
  });

  it('suggests /budget for /bugdet, not every command', async () => {
    const out = await session(['/bugdet 竹山县']);
    expect(out).toContain('没有 /bugdet 这个命令');
    expect(out).toMatch(/你是不是想问：\/budget\s*\n/);
    expect(app.dispatch({ text: '/serch 医疗' }).answer.notes).toEqual(['你是不是想问：/search']);
    expect(app.dispatch({ text: '/zzzzzz' }).answer.notes).toEqual([`你是不是想问：${app.commands.map((c) => `/${c.name}`).join('、')}`]);
  });

  it('saves charts in the folder it is given, one per user by default (~/.budget-bot/charts)', async () => {
    const chartsDir = join(tempDir(), 'mine');
    const out = await session(['/compare 巨鹿县 竹山县'], { chartsDir });
    expect(out).toContain(`图表已保存：${chartsDir}/`);
    expect(readdirSync(chartsDir).some((f) => f.endsWith('chart.png'))).toBe(true);
    expect(CHARTS_DIR).toBe(join(homedir(), '.budget-bot', 'charts'));
  });

  it('measures rare CJK and emoji as two columns each', () => {
    expect(displayWidth('竹山县 ab')).toBe(9);
    expect(displayWidth('𠮷')).toBe(2);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
  });
});

describe('budget-bot start without platform tokens', () => {
  it('opens the console with no log line between the answers; the log goes to a file', async () => {
    const home = tempDir();
    const db = join(home, 'budget.sqlite');
    ingestDirectory(DEFAULT_DATA_DIR, db);
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'budget-bot.mjs'), 'start', '--db', db], {
      env: { PATH: process.env.PATH, HOME: home, BUDGET_BOT_DIGESTS: join(home, 'digests.json'), BUDGET_BOT_DIGEST_STATE: join(home, 'digests.sqlite') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end('/budget 竹山县 三公\n竹山县医保局三公经费是多少\nexit\n');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(stdout).toContain('9.60');
    expect([...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l.trim().startsWith('{'))).toEqual([]);
    const logFile = join(home, '.budget-bot', 'console.log');
    expect(existsSync(logFile)).toBe(true);
    expect(readFileSync(logFile, 'utf8')).toContain('"platform":"console"');
    expect(readFileSync(join(home, '.budget-bot', 'history'), 'utf8')).toContain('/budget 竹山县 三公');
  }, 30_000);
});
