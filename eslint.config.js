// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// The layering rules (STYLE.md 2-3) are enforced here, not by convention:
// - src/sim imports nothing from the app and uses no DOM, timers, randomness or clocks;
// - src/store may import sim;
// - src/timelines may import store and sim *types*;
// - src/components never imports sim internals (only the public src/sim/index.ts).
const simBannedGlobals = [
  { name: 'window', message: 'src/sim is pure: no DOM.' },
  { name: 'document', message: 'src/sim is pure: no DOM.' },
  { name: 'setTimeout', message: 'src/sim is deterministic: no timers.' },
  { name: 'setInterval', message: 'src/sim is deterministic: no timers.' },
  { name: 'requestAnimationFrame', message: 'src/sim is deterministic: no timers.' },
  { name: 'performance', message: 'src/sim is deterministic: time is virtual; measure in the caller.' },
  { name: 'Date', message: 'src/sim is deterministic: no wall clock.' },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'playwright-report', 'test-results', 'bench-out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'skip', message: 'No skipped tests.' },
        { object: 'it', property: 'skip', message: 'No skipped tests.' },
        { object: 'test', property: 'skip', message: 'No skipped tests.' },
      ],
    },
  },
  {
    files: ['src/components/**', 'src/timelines/**', 'src/store/**', 'src/*.tsx', 'src/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...simBannedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/sim is deterministic: use a seeded PRNG.' },
        { object: 'Date', property: 'now', message: 'src/sim is deterministic: no wall clock.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'd3', 'd3-*', 'zustand', 'zustand/*'], message: 'src/sim must stay independent of the UI.' },
            { group: ['**/store/**', '**/timelines/**', '**/components/**', '**/cli/**'], message: 'src/sim imports nothing from the app.' },
            { group: ['node:*', 'fs', 'path'], message: 'src/sim runs in the browser too: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    // No import cycles anywhere in src (STYLE.md: each folder says what it may import; a cycle means it does not hold).
    files: ['src/**/*.ts', 'src/**/*.tsx', 'bench/**/*.ts', 'e2e/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/store/**/*.ts', 'src/store/**/*.tsx'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/timelines/**', '**/components/**', 'd3', 'd3-*', 'react-dom'], message: 'store may import sim only.' }] },
      ],
    },
  },
  {
    files: ['src/timelines/**/*.ts', 'src/timelines/**/*.tsx'],
    ignores: ['src/timelines/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/components/**'], message: 'timelines may import store and sim types, not components.' },
            { group: ['**/sim/*', '!**/sim/index', '!**/sim/index.ts'], message: 'timelines import sim only through src/sim/index.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/components/**/*.ts', 'src/components/**/*.tsx'],
    ignores: ['src/components/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/sim/*', '!**/sim/index', '!**/sim/index.ts'], message: 'components never import sim internals: use src/sim/index.ts or the store.' }] },
      ],
    },
  },
);
