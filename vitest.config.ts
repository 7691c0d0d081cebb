import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no Docker and no network beyond loopback servers the
// tests start themselves; `integration` talks to a real OpenBao + PostgreSQL stack.
export default defineConfig({
  test: {
    // Two cores: two test files at a time (integration files each start their own stack).
    maxWorkers: 2,
    minWorkers: 1,
    // The leak guard fails the run if any token or password the suite created shows up
    // in any output (test/reliability/README.md).
    reporters: ['default', './test/reliability/leak-guard/reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/reliability/leak-guard/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/reliability/leak-guard/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
    ],
  },
});
