// A private, throwaway PostgreSQL server for a test file: initdb in a temp directory, started on a
// free loopback port, stopped and deleted afterwards. Uses the Debian package's binaries; when
// they are absent the caller skips (pgBinDir() is null) — .ci/run installs the package in CI.
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

export const SKIP_NO_POSTGRES = 'PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql): replica tests skipped';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  url: string;
  stop(): void;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = pgBinDir();
  if (!bin) throw new Error(SKIP_NO_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), 'budget-bot-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  // As root: every command through `su postgres`, with the directory handed over first.
  const run = (cmd: string, args: string[]) => {
    const line = [join(bin, cmd), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return asRoot ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', line], { stdio: 'pipe', timeout: 60_000 }) : execFileSync(join(bin, cmd), args, { stdio: 'pipe', timeout: 60_000 });
  };
  if (asRoot) {
    const { uid, gid } = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
    chownSync(dir, uid, gid);
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // fsync off: a throwaway server; the socket in our directory, TCP on loopback only.
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
