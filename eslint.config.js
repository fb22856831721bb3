import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Layers (see ARCHITECTURE in the shared docs): the engine is pure lesson logic; the front-ends draw and read
  // keys. Composition (opening a session, the sandbox, the checks) lives in src/app and commands.
  {
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/checks/**',
                '**/instructor/**',
                '**/aws/**',
                '**/sandbox/**',
                '**/ui/**',
                '**/plain/**',
                '**/app/**',
                '**/commands/**',
              ],
              message:
                'src/engine is the pure lesson core: it must not import checks, instructor, aws, sandbox, app, commands or a front-end (pass what it needs in, see check-api.ts).',
            },
            {
              group: ['@aws-sdk/*', '@smithy/*', 'ink', 'ink-*', 'react', '@inquirer/*'],
              message: 'src/engine imports no SDK and no UI library.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/plain/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*', '**/aws/**', '**/sandbox/**', '**/checks/**'],
              message:
                'Front-ends draw and read keys: they ask the engine (src/engine), never AWS, the sandbox or a check directly.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
