// Lint configuration. Type-aware rules need the TypeScript program, so each file is linted against
// the tsconfig that includes it: the ESM workspaces + scripts + tests (tsconfig.json) or the CommonJS
// CMS (cms/tsconfig.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', '.data/**', '.tmp/**', 'cms/.strapi/**', 'cms/src/admin/**',
      // Admin plugins' browser code: bundled by the Strapi admin build and type-checked by its own tsconfig.
      'cms/src/plugins/*/admin/**', '**/*.generated.ts', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './cms/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A dropped promise in the sync worker or the sweeper is a lost update or a missed urge.
      '@typescript-eslint/no-floating-promises': 'error',
      // Passing an async function where a void callback is expected swallows its rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Awaiting a non-promise usually means a missing call or a wrong type.
      '@typescript-eslint/await-thenable': 'error',
      // Type-only imports stay type-only (verbatimModuleSyntax in the ESM workspaces).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // `_`-prefixed names are deliberately unused (destructuring to omit a field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Strapi's service registry is typed `any`; explicit any is allowed only with a reason (eslint-disable comment).
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // One validation boundary in the api: user input is checked with BadUserInputError.parse(schema,
    // value, path), which answers BAD_USER_INPUT naming the field. The exempt files parse what is not a
    // user's input (env, token claims, the key file, a stored profile), where a failure is not BAD_USER_INPUT.
    files: ['api/src/**/*.ts'],
    ignores: ['api/src/errors/api-error.ts', 'api/src/env.ts', 'api/src/auth/verify-token.ts', 'api/src/search/search-config.ts', 'api/src/matching/profile-store.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='safeParse']",
          message: 'Validate input with BadUserInputError.parse(schema, value, path) (api/src/errors/api-error.ts): one boundary, errors name the field.',
        },
      ],
    },
  },
  {
    // Admin halves of local plugins are React (TSX) checked by the admin tsconfig, which owns the JSX settings.
    files: ['cms/src/plugins/*/admin/**/*.ts', 'cms/src/plugins/*/admin/**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['./cms/src/admin/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests talk to HTTP APIs whose JSON bodies are untyped by nature.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
