// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.output/**', '.wxt/**', 'coverage/**', 'out/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The domain is pure: no I/O, no clock, no browser, and never imports the layers above it.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/adapter/**', '**/extension/**', '**/sandbox/**', 'node:*', 'fhir-kit-client', 'wxt*', '#imports'] }],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'localStorage', 'browser', 'chrome'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass `now` in: shared/ has no clock.' }],
      'no-console': 'error',
    },
  },
  {
    // The adapter never reaches up into the extension.
    files: ['adapter/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/extension/**', '#imports', 'wxt*'] }],
    },
  },
);
