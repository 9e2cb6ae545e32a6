import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import vietnameseText from './scripts/eslint/vietnamese-text.js';

/** Routes and components reach IndexedDB only through actions (types may still be named). */
const NO_STORE = {
  group: ['**/shared/store/*', '**/actions/db', 'idb'],
  allowTypeImports: true,
  message: 'Routes and components call an action (src/app/actions/), never the store.',
};

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/app/**/*.tsx'],
    plugins: { bao: { rules: { 'vietnamese-text': vietnameseText } } },
    rules: { 'bao/vietnamese-text': 'error' },
  },
  {
    // The page's layers (README «Architecture»): routes and components call
    // actions; only actions and bridges reach IndexedDB and the Cache API.
    files: ['src/app/routes/**/*.{ts,tsx}', 'src/app/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_STORE,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'caches', message: 'Pictures are kept and dropped by actions (src/app/actions/).' },
        { name: 'indexedDB', message: NO_STORE.message },
      ],
    },
  },
  {
    // A component is placed by routes; it never depends on one.
    files: ['src/app/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_STORE,
            { group: ['**/routes/*', '**/routes/**'], message: 'Components must not import routes; shared helpers go in src/app/format/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
);
