// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

/**
 * The import rules of DESIGN.md, enforced here rather than remembered:
 * renderer, preload, main and server reach each other only through src-shared;
 * nothing imports the renderer or the server; core never sees Electron;
 * renderer and preload never import shared/node; shared outside node/ is pure.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads'];
const other = (/** @type {string[]} */ ...dirs) => dirs.map((d) => `**/${d}/**`).concat(dirs.map((d) => `**/${d}`));
const restrict = (/** @type {string[]} */ patterns, /** @type {string} */ message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...other('src-main', 'src-preload', 'src-server', 'src-shared/node'), '@shared/node/*', 'electron', ...nodeBuiltins],
      'The renderer talks only to the API and imports only src-shared (never shared/node).',
    ),
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: restrict(
      [...other('src-main', 'src-renderer', 'src-server', 'src-shared/node'), '@shared/node/*', ...nodeBuiltins],
      'The preload imports only electron and src-shared (never shared/node).',
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    rules: restrict(
      other('src-renderer', 'src-preload', 'src-server'),
      'The main process imports only src-shared across the boundary.',
    ),
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: restrict(
      [...other('src-renderer', 'src-preload', 'src-server', 'src-main/electron'), 'electron', 'electron-*', 'electron/*'],
      'The core never imports Electron: keep it testable in plain Node.',
    ),
  },
  {
    files: ['src-server/**/*.ts'],
    rules: restrict(
      [...other('src-main', 'src-renderer', 'src-preload'), 'electron', 'electron-*'],
      'The reference service imports only src-shared across the boundary.',
    ),
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/node/**'],
    rules: restrict(
      [...other('src-main', 'src-renderer', 'src-preload', 'src-server', 'src-shared/node'), '@shared/node/*', '../node/*', 'electron', ...nodeBuiltins],
      'src-shared outside node/ is pure TypeScript: no Node, DOM or Electron.',
    ),
  },
  {
    files: ['src-shared/node/**/*.ts'],
    rules: restrict(
      [...other('src-main', 'src-renderer', 'src-preload', 'src-server'), 'electron'],
      'src-shared/node is shared by core and service; it imports neither.',
    ),
  },
  {
    files: ['tests/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: restrict(other('src-renderer'), 'Drive the renderer through a browser, never by importing it.'),
  },
);
