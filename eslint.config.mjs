// The code lint `npm test` runs first (`npm run lint` alone). Recommended rules without type information, so it
// stays fast, plus the house's layering: a region never imports another region, and domain rules (`rules/`,
// `domain/`, `*.rules.ts`) never import ORM, GraphQL or NATS code. The schema has its own lint (gateway/test/schema-lint.test.ts).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const REGIONS = ['subgraphs/region-*/**'];
const DOMAIN_RULES = ['**/rules/**', '**/domain/**', '**/*.rules.ts'];

/** A region reaches another only through core and the gateway: by package name or by a relative path. */
const REGION_IMPORTS = [
  {
    regex: '^(@hub/region-|(\\.\\./)+(subgraphs/)?region-[a-z]{2,3}(/|$))',
    message: 'A region never imports another region: move what both need to @hub/shared.',
  },
];

/** Domain rules are plain functions on plain values, tested without I/O. */
const DOMAIN_IMPORTS = [
  {
    group: ['@mikro-orm/*', 'type-graphql', 'type-graphql/*', 'graphql', 'graphql/*', '@apollo/*', 'nats', 'nats/*', '@nats-io/*'],
    message: 'Domain rules (rules/, domain/) take and return plain values: no ORM, GraphQL or NATS imports. Do the I/O in the service that calls them.',
  },
];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.turbo/**', '**/coverage/**', '**/.data/**', 'scripts/templates/**', '**/*.d.ts', 'console/src/gql/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Off for churn, not by choice: 82 `any`s, mostly in tests reading GraphQL responses.
      '@typescript-eslint/no-explicit-any': 'off',
      // type-graphql types its resolver lists as `Function[]`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // `z.ZodObject<{}>` is how zod spells "no settings".
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'prefer-const': ['error', { destructuring: 'all' }],
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['**/*.spec.ts', '**/test/**', '**/bench/**'], languageOptions: { globals: { ...globals.jest } } },
  // A later block's `no-restricted-imports` replaces an earlier one's, so a region's rules get both lists.
  { files: REGIONS, rules: restrict(REGION_IMPORTS) },
  { files: ['console/src/**'], languageOptions: { globals: { ...globals.browser } } },
  // shared/src/rules is the order-rules package: its domain is `domain/`, its replica and contracts do I/O.
  { files: DOMAIN_RULES, ignores: ['shared/src/rules/*.ts', 'shared/src/rules/replication/**'], rules: restrict(DOMAIN_IMPORTS) },
  { files: DOMAIN_RULES.map((pattern) => `subgraphs/region-*/${pattern}`), rules: restrict([...REGION_IMPORTS, ...DOMAIN_IMPORTS]) },
);
