import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Preact's hooks follow React's rules; the recommended set includes the React Compiler's checks.
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  // Every sentence a member reads comes from the catalogue (docs/i18n.md): none in JSX text or
  // in the attributes a member reads or hears.
  {
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'aria-label',
              'aria-description',
              'aria-roledescription',
              'title',
              'placeholder',
              'alt',
              'label',
            ],
          },
          callees: { exclude: ['t', 'tn', 'formatDate', 'formatAgo', 'formatNumber'] },
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
