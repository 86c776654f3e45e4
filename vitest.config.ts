import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit files that need a module graph of their own: late.test.ts withholds the engine's late
 * parts (module state), labs-switch-save.test.ts mocks the bridge.
 */
const ISOLATED = ['tests/unit/engine/late.test.ts', 'tests/unit/app/labs-switch-save.test.ts'];

// One vitest run, three projects, so `npm test` ends with one count covering everything:
// - unit: engine, command layer, app logic, property and scenario tests (Node), in one module
//   graph per worker (isolate: false): importing the engine once per worker rather than once per
//   file takes the project from 395 s to 76 s on a 2-core machine;
// - unit-isolated: the few unit files that change module state, each in a graph of its own;
// - browser: journeys in Debian's Chromium (playwright-core) against the built app in dist/,
//   served by the global setup on 127.0.0.1 (run `vite build` first; `npm test` does).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // vitest's default (cores − 1) leaves one worker on CI's 2 cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
          setupFiles: ['tests/support/late-parts.ts'],
          exclude: ['tests/browser/**', 'node_modules/**', ...ISOLATED],
          isolate: false,
        },
      },
      {
        test: {
          name: 'unit-isolated',
          include: ISOLATED,
          setupFiles: ['tests/support/late-parts.ts'],
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
