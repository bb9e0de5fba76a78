// Lint: typescript-eslint and React hooks rules, plus the layer rules of
// ARCHITECTURE.md (which folder may import which). Formatting is prettier's.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A relative import of the folder `name` under src/, from anywhere below src/. */
const into = (name) => `^(\\.\\./)+${name}(/|\\.js$)`;
const layer = (files, banned) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: banned.map(([regex, message]) => ({ regex, message })) }] },
});

const NOT_CLI = [into('cli'), 'only src/cli/ wires commands; nothing imports it'];
const NO_UI = [
  ['^(ink|react|@inkjs/ui|ink-.*)$', 'domain code stays free of the terminal UI'],
  [into('review'), 'domain code does not import the review UI'],
  ['^commander$', 'command-line options belong in src/cli/'],
];
const DOMAIN = ['thread', 'parse', 'flag', 'decisions', 'lemmy', 'lemmy-api', 'io', 'text', 'model', 'eval'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the React Compiler rules of v7 (refs during render) flag the
      // latest-callback ref pattern the review uses on purpose.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Terminal-safety and tokenising code matches control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  layer(['src/**/*.{ts,tsx}'], [NOT_CLI]),
  layer(DOMAIN.map((dir) => `src/${dir}/**/*.ts`).concat('src/*.ts'), [NOT_CLI, ...NO_UI]),
  layer(['src/review/**/*.{ts,tsx}'], [NOT_CLI, [into('lemmy'), 'the review UI never talks to a Lemmy server']]),
  layer(['src/flag/**/*.ts'], [NOT_CLI, ...NO_UI, [into('parse'), 'flagging works on threads, not on dump formats']]),
  layer(
    ['src/io/**/*.ts', 'src/lemmy-api/**/*.ts', 'src/text/**/*.ts', 'src/thread/**/*.ts'],
    [NOT_CLI, ...NO_UI, ['^(\\.\\./)+(?!errors\\.js$)', 'a leaf folder imports only src/errors.ts and libraries']],
  ),
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    // Tests mutate parsed JSON fixtures freely.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
