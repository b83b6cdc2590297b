import { defineConfig } from 'vitest/config';

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
        test: {
          name: 'extension',
          environment: 'happy-dom',
          include: ['tests/extension/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
