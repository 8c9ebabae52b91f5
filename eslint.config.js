// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Import boundaries of DESIGN §3: domain imports nothing of ours; forecast
 * only domain; server and web only domain and forecast. The pure packages
 * may not touch Node built-ins either, so they run in a browser and a
 * service worker unchanged.
 */
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'net',
];
const ours = (allowed) =>
  ['@bottega/domain', '@bottega/forecast', '@bottega/server', '@bottega/web']
    .filter((name) => !allowed.includes(name))
    .map((name) => ({ name, message: `not allowed here (DESIGN §3)` }));
const outOfPackage = {
  regex: '^(\\.\\./)+(packages/)?(domain|forecast|server|web)(/|$)|/packages/',
  message: 'import another package by its name, never by a relative path',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'packages/web/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ours([]), patterns: [outOfPackage, { group: nodeBuiltins }] },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'pass time in' },
        { object: 'Math', property: 'random', message: 'pass a seed in' },
      ],
    },
  },
  {
    files: ['packages/forecast/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ours(['@bottega/domain']),
          patterns: [outOfPackage, { group: nodeBuiltins }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'pass time in' },
        { object: 'Math', property: 'random', message: 'pass a seed in' },
      ],
    },
  },
  {
    files: ['packages/server/**/*.ts', 'packages/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ours(['@bottega/domain', '@bottega/forecast']),
          patterns: [outOfPackage],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
