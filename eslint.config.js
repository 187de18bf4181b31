// @ts-check
/**
 * Lint rules for the TypeScript of the engine, the browser code, the commands and the tests
 * (`npm run lint` runs this with the type check, the format check and the layering rules).
 * typescript-eslint's recommended rules without type information: fast enough to run often; the
 * type check itself is `tsc --noEmit`.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.grove/**', '.astro/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    files: ['**/*.{ts,mjs,js}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', performance: 'readonly', globalThis: 'readonly' } },
    rules: {
      // Non-null assertions follow a check the compiler cannot see (a regex group, a map filled just before).
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Grove's checks of names, URLs and search text match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
);
