import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/corpus-notice.ts'],
    testTimeout: 20_000,
    // A hook that builds a database takes seconds, many more on a machine shared with other work:
    // a slow machine is not a failed test.
    hookTimeout: 60_000,
    // Native addons (better-sqlite3, nodejieba) are happiest in forked workers.
    pool: 'forks',
    // recheck runs its own JavaScript build: its native and Java back ends are not installed (stubs/).
    // The CLI the tests spawn runs these sources (through tsx), not the compiled dist/.
    env: { RECHECK_BACKEND: 'pure', BUDGET_BOT_FROM_SOURCE: '1' },
  },
});
