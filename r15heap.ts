import { readFileSync, mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { startBot, slash, MIX } from '/work/wt-r15/bench/load-driver.js';
import { commandData } from '/work/wt-r15/test/fakes/discord.js';
const dir = mkdtempSync(join(tmpdir(), 'r15h-'));
const bot = await startBot(dir);
async function run(n: number, tag: string) {
  for (let i = 0; i < n; i += 20) {
    await Promise.all(Array.from({ length: 10 }, (_, k) => slash(bot.endpoint, bot.fakeSlack, i + k, tag)));
    for (let k = 0; k < 10; k++) { const [cmd, , , o] = MIX[(i + k) % MIX.length]; bot.fakeDiscord.interact(commandData(cmd.slice(1), o)); }
    await new Promise((r) => setTimeout(r, 30));
    for (const a of [bot.fakeSlack.calls, bot.fakeSlack.responses, bot.fakeSlack.uploads, bot.fakeDiscord.calls] as unknown[][]) a.length = 0;
  }
}
function summary(file: string) {
  const s = JSON.parse(readFileSync(file, 'utf8'));
  const f = s.snapshot.meta.node_fields; const nf = f.length; const types = s.snapshot.meta.node_types[0];
  const out = new Map<string, { n: number; size: number }>();
  for (let i = 0; i < s.nodes.length; i += nf) {
    const type = types[s.nodes[i + f.indexOf('type')]]; const name = s.strings[s.nodes[i + f.indexOf('name')]];
    const key = `${type}:${type === 'string' || type === 'concatenated string' ? '' : name}`.slice(0, 80);
    const e = out.get(key) ?? { n: 0, size: 0 }; e.n++; e.size += s.nodes[i + f.indexOf('self_size')]; out.set(key, e);
  }
  return out;
}
await run(400, 'a');
const a = summary(await bot.snapshot(join(dir, 'a.heapsnapshot')));
await run(3000, 'b');
const b = summary(await bot.snapshot(join(dir, 'b.heapsnapshot')));
const diff = [...b].map(([k, v]) => [k, v.n - (a.get(k)?.n ?? 0), v.size - (a.get(k)?.size ?? 0)] as const).sort((x, y) => y[2] - x[2]).slice(0, 25);
for (const d of diff) console.log(String(d[2]).padStart(10), String(d[1]).padStart(7), d[0]);
console.log('mem', await bot.memory());
await bot.stop();
