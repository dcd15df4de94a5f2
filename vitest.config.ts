import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/corpus-notice.ts'],
    testTimeout: 20_000,
    // Native addons (better-sqlite3, nodejieba) are happiest in forked workers.
    pool: 'forks',
    // The CLI the tests spawn runs these sources (through tsx), not the compiled dist/.
    env: { BUDGET_BOT_FROM_SOURCE: '1' },
  },
});
