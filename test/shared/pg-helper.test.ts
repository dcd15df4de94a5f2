// The PostgreSQL test helper finds the server binaries where other systems keep them: a variable
// naming the folder, PATH, pg_config --bindir, then Debian's /usr/lib/postgresql/N/bin (the newest).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pgBinDir, SKIP_NO_POSTGRES } from '../helpers/postgres.js';
import { tempDir } from '../helpers/tmp.js';

/** A folder holding executables of these names (scripts standing in for the real binaries). */
function binDir(root: string, name: string, programs: Record<string, string> = { initdb: 'exit 0', pg_ctl: 'exit 0' }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [program, body] of Object.entries(programs)) {
    writeFileSync(join(dir, program), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, program), 0o755);
  }
  return dir;
}

describe('pgBinDir', () => {
  const root = tempDir();
  const server = binDir(root, 'server');
  const nowhere = join(root, 'no-debian');
  const debian = join(root, 'debian');
  binDir(debian, '15/bin');
  binDir(debian, '17/bin');
  /** An empty folder as PATH (the stand-ins run /bin/sh by its full path): each case adds what it tests. */
  const PATH = binDir(root, 'empty', {});

  it('BUDGET_BOT_PG_BIN names the folder (and a wrong one is not silently replaced)', () => {
    expect(pgBinDir({ env: { PATH, BUDGET_BOT_PG_BIN: server }, debianRoot: debian })).toBe(server);
    expect(pgBinDir({ env: { PATH, BUDGET_BOT_PG_BIN: join(root, 'missing') }, debianRoot: debian })).toBeNull();
  });

  it('initdb on PATH', () => {
    expect(pgBinDir({ env: { PATH: `${PATH}${delimiter}${server}` }, debianRoot: nowhere })).toBe(server);
  });

  it('pg_config --bindir, where the server folder itself is not on PATH', () => {
    const tools = binDir(root, 'tools', { pg_config: `[ "$1" = --bindir ] && echo ${server}` });
    expect(pgBinDir({ env: { PATH: `${tools}${delimiter}${PATH}` }, debianRoot: nowhere })).toBe(server);
  });

  it("Debian's folder, the newest version first", () => {
    expect(pgBinDir({ env: { PATH }, debianRoot: debian })).toBe(join(debian, '17', 'bin'));
  });

  it('none: null, and the skip message says how to get them on other systems', () => {
    expect(pgBinDir({ env: { PATH }, debianRoot: nowhere })).toBeNull();
    expect(SKIP_NO_POSTGRES).toContain('BUDGET_BOT_PG_BIN');
    expect(SKIP_NO_POSTGRES).toContain('brew install');
    expect(SKIP_NO_POSTGRES).toContain('pg_config');
  });
});
