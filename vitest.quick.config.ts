// `npm run test:quick`: the tests a developer runs between edits — the parser, the questions, the
// commands, rendering, the store in one process — in well under a minute of a full run's minutes.
// Left out (run by `npm test` and CI): whatever starts the CLI or a bot as a process, real clients
// against the fakes, PostgreSQL replicas, the load and ReDoS checks, the outside corpus and PDFs.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/** Slow because each starts processes, servers or long generated workloads. */
export const SLOW_TESTS = [
  'test/integration/**',
  'test/adapters/console.test.ts',
  'test/operator-cli.test.ts',
  'test/store/cli.test.ts',
  'test/store/parallel-ingest.test.ts',
  'test/digest/cli.test.ts',
  'test/shared/pg.test.ts',
  'test/reliability/load.test.ts',
  'test/reliability/regex-safety.test.ts',
  'test/reliability/digest-state.test.ts',
  'test/reliability/faults.test.ts',
  'test/reliability/slack-guard.test.ts',
  'test/reliability/command-fuzz.test.ts',
  'test/parse/corpus.test.ts',
  'test/pdf/**',
];

export default mergeConfig(base, defineConfig({ test: { exclude: [...SLOW_TESTS, 'node_modules/**'] } }));
