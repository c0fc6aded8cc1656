import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'runtime/web/static/build/**', '**/fixtures/**', 'coverage/**', 'test-artifacts/**', '.data/**', '*.cjs', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The service (workers, service web, intake) must never depend on the local runtime.
    files: ['service/**/*.ts', 'workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/runtime/**', '../runtime/*', '../../runtime/*'], message: 'The service talks to an engine only through @camunda8/sdk; never import from runtime/.' }] }],
    },
  },
);
