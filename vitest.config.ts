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
    ],
  },
});
