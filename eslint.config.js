// Lint rules. The block for src/engine and src/commands enforces the architecture invariant:
// simulation code is pure and deterministic (no UI libraries, no DOM, no wall clock, no
// unseeded randomness), so the same code gives the same trace in Node and in a browser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const forbiddenImports = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*', 'immer'].map(
  (name) => ({ group: [name], message: 'src/engine and src/commands must stay pure: no UI libraries.' }),
);
const wallClock = 'Simulation code must use simulated time (Clock), never the wall clock.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', 'bench/.out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/commands/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenImports }],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No DOM in simulation code.' },
        { name: 'document', message: 'No DOM in simulation code.' },
        { name: 'navigator', message: 'No DOM in simulation code.' },
        { name: 'localStorage', message: 'No DOM in simulation code.' },
        { name: 'performance', message: wallClock },
        { name: 'setTimeout', message: wallClock },
        { name: 'setInterval', message: wallClock },
        { name: 'setImmediate', message: wallClock },
        { name: 'requestAnimationFrame', message: wallClock },
        { name: 'crypto', message: 'Use the simulation PRNG.' },
        { name: 'process', message: 'Simulation code must not read the host process.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the simulation PRNG (kernel/prng.ts).' },
        { object: 'Date', property: 'now', message: wallClock },
        { object: 'performance', property: 'now', message: wallClock },
        { object: 'globalThis', property: 'setTimeout', message: wallClock },
        { object: 'globalThis', property: 'setInterval', message: wallClock },
        { object: 'window', property: 'setTimeout', message: wallClock },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: wallClock },
        { selector: "CallExpression[callee.name='Date']", message: wallClock },
      ],
    },
  },
);
