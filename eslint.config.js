// ESLint 9 flat config: typescript-eslint's recommended rules plus two project rules.
// Run through `npm run lint` (scripts/lint.mjs), which also scans the SQL templates.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { laminPlugin } from './scripts/eslint-rules.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'docs/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { lamin: laminPlugin },
    rules: {
      // pg-format: identifiers go through %I, literals through %L; %s is raw SQL.
      'lamin/no-pg-format-s': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The library never prints; only the CLI talks to a terminal.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'console', property: 'log', message: 'The library does not print; return data or throw.' }],
    },
  },
  {
    // Plain JS scripts run on Node; TypeScript checks names in the .ts files.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { 'no-undef': 'off' },
  },
);
