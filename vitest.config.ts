import { defineConfig } from 'vitest/config';

// One runner for every suite. Integration suites boot real Strapi / Meilisearch / databases,
// so timeouts are generous and files run in separate processes (2 cores here: at most 2 at once).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
