import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Dependencies point one way: contract ← lib ← service ← workers; runtime/web on contract + lib only; the runtime's
 * engine (runtime/src) on nothing of the routine; composition roots in apps/ (test/architecture.test.ts checks the
 * same on the whole tree, and that no two top-level folders import each other).
 */
const zone = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: forbidden.map((f) => ({ group: [`**/${f}`, `**/${f}/**`], message })) }] },
});

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
  zone(['contract/**/*.ts'], ['lib', 'service', 'workers', 'runtime', 'apps', 'scripts'], 'contract/ imports only zod: it is what everything else agrees on.'),
  zone(['lib/**/*.ts'], ['service', 'workers', 'runtime', 'apps', 'scripts'], 'lib/ is shared by the service and the local web: it may use contract/ only.'),
  zone(['service/**/*.ts'], ['workers', 'runtime', 'apps', 'scripts'], 'The service talks to an engine only through @camunda8/sdk and never imports the workers, the runtime or a composition root.'),
  zone(['workers/**/*.ts'], ['runtime', 'apps', 'scripts'], 'Workers are glue over the service; they never import the local runtime or a composition root.'),
  zone(['runtime/src/**/*.ts'], ['contract', 'service', 'workers', 'apps', 'scripts', 'web'], 'The engine knows nothing of the routine or of the pages beside it (composed in apps/runtime.ts).'),
  zone(['runtime/web/**/*.ts'], ['service', 'workers', 'apps', 'scripts', 'src'], 'The local web reads the engine through the REST API (lib/camunda) and uses contract/ and lib/ only.'),
);
