// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Folder = runtime (house style 1): src-shared is pure, the renderer never touches Node, services never
 * touch Electron. The TypeScript projects enforce the same through their `lib`/`types`; the linter says
 * it by name.
 */
const nodeModules = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
  'better-sqlite3',
  'fluent-ffmpeg',
  'playwright-core',
];
const restrict = (names, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: names, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'resources/', 'test/fixtures/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      ...restrict(
        [...nodeModules, 'electron', 'react', 'react-dom', 'react/*', 'konva', 'react-konva', '@mediapipe/*'],
        'src-shared is pure: no Node, Electron, DOM, React or konva imports.',
      ),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'process', 'require', 'Buffer', 'console', 'setTimeout'].map(
          (name) => ({ name, message: 'src-shared is pure: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeModules, 'electron'],
        'The renderer never imports Node or Electron: use the contract.',
      ),
    },
  },
  {
    files: ['src-main/services/**/*.ts'],
    rules: restrict(
      ['electron'],
      'Services are plain Node modules: Electron lives in src-main/electron only.',
    ),
  },
  {
    files: [
      'src-main/**/*.ts',
      'src-preload/**/*.ts',
      'scripts/**/*.{ts,mjs,js}',
      'bin/**/*.js',
      'test/**/*.ts',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
