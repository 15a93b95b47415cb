import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

// Every Node built-in, bare and `node:`-prefixed: the core may use none of them.
const nodeBuiltins = ['node:*', ...builtinModules];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.tandem-tools/', 'test/fixtures/', '**/*.js', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Named exports only: no export *.' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', ...nodeBuiltins],
              message: 'src/core is pure: put I/O behind a port in src/core/ports.ts.',
              allowTypeImports: false,
            },
            {
              group: ['**/node/**', '**/host/**', '**/cli/**', '**/protocol/**'],
              message: 'src/core imports no outer layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', ...nodeBuiltins],
              message: 'src/protocol is bundled into the webview: no vscode, no Node.',
              allowTypeImports: false,
            },
            {
              group: ['**/node/**', '**/host/**', '**/cli/**'],
              message: 'src/protocol imports no other layer.',
            },
            {
              group: ['**/core/**'],
              message: 'src/protocol may mirror core types (import type), never bundle core code.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['vscode', '**/host/**', '**/cli/**'], message: 'src/node adapts Node only.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['vscode', '**/host/**'], message: 'the CLI never imports the editor layer.' }],
        },
      ],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'host and cli never import each other.' }] },
      ],
    },
  },
);
