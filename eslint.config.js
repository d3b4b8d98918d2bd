import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layer rules of DESIGN.md, as lint errors (STYLE.md rule 1).
const frameworkPackages = ['react', 'react-dom', 'react-dom/*', 'react-router', 'react-router/*', 'zustand', 'zustand/*', 'msw', 'msw/*', '@tanstack/*'];

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'node_modules', 'public/mockServiceWorker.js', 'playwright-report', 'test-results', 'bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Trace data is untrusted: render it as text.' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'src/core is framework-free.' },
            { group: ['**/backends/**', '**/state/**', '**/features/**', '**/ui/**', '**/app/**', '**/render/**', '**/workers/**', '**/mocks/**'], message: 'src/core imports only from src/core.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/backends/**'],
    // Tests may stand up msw servers; the adapters themselves stay framework-free.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworkPackages, message: 'backends are framework-free.' }, { group: ['**/state/**', '**/features/**', '**/ui/**', '**/app/**', '**/mocks/**'], message: 'backends import only core.' }] }],
    },
  },
  {
    files: ['src/workers/**'],
    // as for backends: tests may stand up msw servers
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworkPackages, message: 'workers are framework-free.' }, { group: ['**/state/**', '**/features/**', '**/ui/**', '**/app/**', '**/render/**', '**/mocks/**'], message: 'workers import only core and backends (a worker may fetch).' }] }],
    },
  },
  {
    files: ['src/features/**', 'src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/backends', '**/backends/**', '**/app/**', '**/mocks/**'], message: 'views reach data through src/state, never src/backends directly.' }] }],
    },
  },
  {
    files: ['mocks/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'zustand', '@tanstack/*', '**/src/backends/**', '**/src/state/**', '**/src/features/**', '**/src/ui/**', '**/src/app/**', '**/src/render/**'], message: 'mocks may import only src/core.' }] },
      ],
    },
  },
  {
    files: ['e2e/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**', '**/mocks/**'], message: 'e2e drives the built app; it imports nothing from src.' }] }],
    },
  },
);
