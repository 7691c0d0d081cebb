import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no Docker and no network beyond loopback servers the
// tests start themselves; `integration` talks to a real OpenBao + PostgreSQL stack.
export default defineConfig({
  test: {
    // Two cores: two test files at a time (integration files each start their own stack).
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
    ],
  },
});
