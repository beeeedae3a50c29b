import { defineConfig } from 'vitest/config';

/**
 * One runner for every tier: pure unit tests next to the code (src-*\/**\/*.test.ts), service tests on
 * real SQLite files and real clips (test/**), and end-to-end tests that drive the real renderer in
 * Debian Chromium (test/e2e/**). Two cores: two workers at most, so Chromium-heavy files do not starve.
 */
export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
