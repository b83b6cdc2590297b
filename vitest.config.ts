import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Projects keep each boundary in its own environment: the pure domain and the adapter run in
// node; the extension's units run with WXT's fake browser; end-to-end tests drive real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/shared/**/*.test.ts', 'tests/adapter/**/*.test.ts', 'tests/conventions/**/*.test.ts'],
          // A guard against a hang, never a timing assertion (performance is `npm run bench`): a test that
          // validates against the R4 definitions takes about 1 s alone and went past vitest's 5 s default
          // on a loaded CI machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'sandbox',
          environment: 'node',
          include: ['tests/sandbox/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/cli/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The extension helper owns this block (WxtVitest plugin, fake browser).
      {
        // WxtVitest: '#imports', import.meta.env and WXT's fake browser (storage, runtime) in tests.
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          include: ['tests/extension/**/*.test.{ts,tsx}'],
          // A hang guard, as for the unit project.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the development extension once (wxt build) for every file.
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
