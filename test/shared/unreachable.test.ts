// Issue 21, item 6: a PostgreSQL server that stops answering (SIGSTOP, a network black hole) held
// every slash command for seconds on every replica — the pool had no deadline. Every call a request
// waits on now has one (300 ms); past it the answer comes from local state, the outage is logged
// once, and the shared state is used again once the server answers.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { openApp } from '../../src/app.js';
import { renderText } from '../../src/render/text.js';
import { DEFAULT_DATA_DIR } from '../../src/paths.js';
import { openReplicaState, type ReplicaState } from '../../src/shared/replicas.js';
import { createSharedGuard } from '../../src/shared/deadline.js';
import { ingestDirectory } from '../../src/store/ingest.js';
import { pgBinDir, SKIP_NO_POSTGRES, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { tempDir } from '../helpers/tmp.js';

const available = !!pgBinDir();
if (!available) console.warn(SKIP_NO_POSTGRES);

/** A TCP relay to the server that can turn into a black hole: connections accepted, bytes dropped. */
function relay(target: number): Promise<{ port: number; hole: boolean; close(): void; server: Server }> {
  const sockets = new Set<Socket>();
  const state = { hole: false };
  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (d) => state.hole || upstream.write(d));
    upstream.on('data', (d) => state.hole || client.write(d));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(Object.assign(state, {
    port: (server.address() as { port: number }).port,
    server,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  }))));
}

const quick = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
};

describe('the deadline guard', () => {
  it('answers from the fallback past the deadline, leaves the database alone while down, logs once each way', async () => {
    const logs: Record<string, unknown>[] = [];
    let clock = 0;
    const guard = createSharedGuard({ log: (e) => logs.push(e), deadlineMs: 50, retryMs: 1000, now: () => clock });
    let calls = 0;
    const hang = () => { calls++; return new Promise<string>(() => {}); };
    expect((await quick(() => guard.run('x', hang, () => 'local'))).value).toBe('local');
    for (let i = 0; i < 20; i++) expect(await guard.run('x', hang, () => 'local')).toBe('local');
    expect(calls).toBe(1);
    clock = 1001;
    expect(await guard.run('x', async () => { calls++; return 'shared'; }, () => 'local')).toBe('shared');
    expect(calls).toBe(2);
    expect(guard.down()).toBe(false);
    expect(logs.map((l) => l.level)).toEqual(['error', 'info']);
    // A failing call (refused connection) counts the same.
    expect(await guard.run('x', async () => { throw new Error('ECONNREFUSED'); }, () => 'local')).toBe('local');
    expect(guard.down()).toBe(true);
  });
});

describe.skipIf(!available)('PostgreSQL stops answering while replicas serve', () => {
  let pg: TestPostgres;
  let hole: Awaited<ReturnType<typeof relay>>;
  let replicas: ReplicaState;
  let app: ReturnType<typeof openApp>;
  const logs: Record<string, unknown>[] = [];
  const log = Object.assign((e: Record<string, unknown>) => void logs.push(e), { child: () => log }) as never;

  beforeAll(async () => {
    pg = await startPostgres();
    hole = await relay(Number(new URL(pg.url).port));
    replicas = await openReplicaState({ databaseUrl: pg.url.replace(/:\d+\//, `:${hole.port}/`), leaseSec: 30 }, { perUser: 3, perChannel: 100 }, log);
    const db = join(tempDir(), 'budget.sqlite');
    ingestDirectory([DEFAULT_DATA_DIR], db);
    app = openApp(db, log, COMMANDS, { take: replicas.take });
  }, 90_000);

  afterAll(async () => {
    app?.close();
    hole?.close();
    pg?.signal('SIGCONT');
    await replicas?.close().catch(() => {});
    pg?.stop();
  });

  const askAs = (user: string) => quick(() => app.ask({ text: '/help', user, channel: 'C1' }));
  const outages = () => logs.filter((l) => String(l.message).startsWith('shared state unreachable')).length;

  it('a hung server (SIGSTOP): commands answered within the deadline, from local state, logged once', async () => {
    expect((await askAs('U-warm')).value.outcome).toBe('ok');
    pg.signal('SIGSTOP');
    try {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const { ms, value } = await askAs(`U-stop-${i % 2}`);
        times.push(ms);
        // The local buckets still limit (3 a minute per user): the first three of each user answered.
        expect(value.outcome === 'ok' || value.outcome === 'rate-limited').toBe(true);
        if (value.outcome === 'ok') expect(renderText(value.answer)).toContain('/');
      }
      expect(times[0]).toBeLessThan(1_000);
      expect(Math.max(...times.slice(1))).toBeLessThan(100);
      const seen = await quick(() => replicas.seenEvent('Ev-1'));
      expect(seen.value).toBe(true);
      expect(seen.ms).toBeLessThan(100);
      // A repeat this replica saw is still dropped while the database is away.
      expect(await replicas.seenEvent('Ev-1')).toBe(false);
      expect(outages()).toBe(1);
    } finally {
      pg.signal('SIGCONT');
    }
  }, 30_000);

  it('after the server resumes, the shared state is used again and that is logged once', async () => {
    await new Promise((r) => setTimeout(r, 5_200));
    await askAs('U-back');
    const until = Date.now() + 8_000;
    while (replicas.guard.down() && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      await askAs('U-back');
    }
    expect(replicas.guard.down()).toBe(false);
    expect(logs.filter((l) => l.message === 'shared state answers again')).toHaveLength(1);
    expect(await replicas.seenEvent('Ev-2')).toBe(true);
    expect(await replicas.seenEvent('Ev-2')).toBe(false);
  }, 30_000);

  it('a network black hole: the same, within the deadline', async () => {
    hole.hole = true;
    try {
      const first = await askAs('U-hole');
      expect(first.value.outcome).toBe('ok');
      expect(first.ms).toBeLessThan(1_000);
      const next = await askAs('U-hole-2');
      expect(next.ms).toBeLessThan(100);
      expect(outages()).toBe(2);
    } finally {
      hole.hole = false;
    }
  }, 30_000);
});
