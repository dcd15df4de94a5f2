#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ (npm install runs it as the `prepare` step; `npm run
// build` runs it by hand). One bundle per entry — the CLI and the parse worker — with the parts a
// command loads on demand (ingest, the platform adapters, the PDF front end…) split into chunks of
// their own, so a one-shot `ask` compiles only what it runs. Dependencies stay in node_modules.
// dist/build-info.json lists every source the bundle was built from, for the bin's staleness check.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Changing these changes the build too, though no bundle imports them. */
const BUILD_INPUTS = ['scripts/build.mjs', 'package.json'];

export async function build({ quiet = false } = {}) {
  const { build: esbuild } = await import('esbuild');
  // Taken before reading the sources: a file saved while the build runs counts as newer than it.
  const started = Date.now();
  const tmp = join(ROOT, `.dist-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli.ts', 'parse-worker': 'src/store/parse-worker.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: tmp,
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules')), ...BUILD_INPUTS];
  writeFileSync(join(tmp, 'build-info.json'), JSON.stringify({ built: started, inputs }, null, 1) + '\n');
  // Swapped in whole, so a process starting meanwhile sees the old build or the new one.
  const old = join(ROOT, `.dist-old-${process.pid}`);
  try {
    renameSync(DIST, old);
  } catch {
    /* no previous build */
  }
  renameSync(tmp, DIST);
  rmSync(old, { recursive: true, force: true });
  if (!quiet) console.error(`budget-bot: compiled ${inputs.length} sources to ${relative(process.cwd(), DIST) || 'dist'}/ in ${Date.now() - started} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await build();
