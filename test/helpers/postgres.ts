// A private, throwaway PostgreSQL server for a test file: initdb in a temp directory, started on a
// free loopback port, stopped and deleted afterwards. The server binaries are found through
// BUDGET_BOT_PG_BIN, PATH, pg_config --bindir or Debian's folder; when absent the caller skips
// (pgBinDir() is null, SKIP_NO_POSTGRES says how to get them) — .ci/run installs Debian's package.
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where to look for the server binaries: the variable, PATH, pg_config, then Debian's folder. */
export interface PgSearch {
  env?: Record<string, string | undefined>;
  /** Debian and Ubuntu install each major version under here. */
  debianRoot?: string;
}

const hasServer = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));

/** The folder holding initdb and pg_ctl, or null: then the caller skips with SKIP_NO_POSTGRES. */
export function pgBinDir({ env = process.env, debianRoot = '/usr/lib/postgresql' }: PgSearch = {}): string | null {
  const named = env.BUDGET_BOT_PG_BIN;
  if (named) return hasServer(named) ? named : null;
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).find(hasServer);
  if (onPath) return onPath;
  // pg_config on PATH names the server's folder even where that folder is not on PATH (Homebrew, EDB).
  try {
    const bindir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env }, timeout: 10_000 }).trim();
    if (bindir && hasServer(bindir)) return bindir;
  } catch {
    /* no pg_config */
  }
  if (!existsSync(debianRoot)) return null;
  const versions = readdirSync(debianRoot).filter((v) => hasServer(join(debianRoot, v, 'bin'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(debianRoot, versions[0], 'bin') : null;
}

export const SKIP_NO_POSTGRES = 'PostgreSQL server binaries (initdb, pg_ctl) not found: set BUDGET_BOT_PG_BIN to their folder, or put them (or pg_config) on PATH — Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@16; elsewhere the package providing initdb — replica tests skipped';

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
  /** Sends a signal to the postmaster and every server process under it (SIGSTOP: a hung server). */
  signal(sig: NodeJS.Signals): void;
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
  const signal = (sig: NodeJS.Signals) => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
    for (const pid of [postmaster, ...children]) process.kill(pid, sig);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    signal,
    stop() {
      // A stopped server cannot stop: continued first.
      try {
        signal('SIGCONT');
      } catch {
        /* already gone */
      }
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
