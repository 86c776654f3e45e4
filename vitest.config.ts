import { defineConfig } from 'vitest/config';

// One vitest run, two projects, so `npm test` ends with one count covering everything:
// - unit: engine, command layer, app logic, property and scenario tests (Node);
// - browser: journeys in Debian's Chromium (playwright-core) against the built app in dist/,
//   served by the global setup on 127.0.0.1 (run `vite build` first; `npm test` does).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
          setupFiles: ['tests/support/late-parts.ts'],
          exclude: ['tests/browser/**', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
