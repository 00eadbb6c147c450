/**
 * ESLint for the whole repository (flat config): JavaScript's and
 * typescript-eslint's recommended rules everywhere; for the mini-program
 * (src/), Taro's React rules (eslint-config-taro: no HTML elements, hooks,
 * JSX hygiene) and the browser globals it forbids. Formatting is Prettier's
 * (`prettier --check`), so no formatting rule is on here.
 */
import { createRequire } from 'node:module'
import js from '@eslint/js'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const require = createRequire(import.meta.url)
const taroJsx = require('eslint-config-taro/rules/jsx')
const taroVariables = require('eslint-config-taro/rules/variables')

/** Taro's JSX rules that only format (Prettier's job) or that the automatic JSX runtime makes moot. */
const NOT_FOR_US = new Set([
  'jsx-quotes',
  'react/jsx-closing-bracket-location',
  'react/jsx-curly-spacing',
  'react/jsx-indent-props',
  'react/jsx-equals-spacing',
  'react/jsx-tag-spacing',
  'react/react-in-jsx-scope',
  'react/jsx-uses-react',
  // Class components only; the app has none.
  'react/sort-comp',
  'react/prefer-es6-class',
  'react/require-render-return',
  'react/no-unused-state',
])
const taroReactRules = Object.fromEntries(Object.entries(taroJsx.rules).filter(([name]) => !NOT_FOR_US.has(name)))
const [, ...restrictedGlobals] = taroVariables.rules['no-restricted-globals']

export default tseslint.config(
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/results/**', 'data/**', '.swc/**', 'scratch/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-shadow': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // The product's code: a variable says what it holds (one letter only for loop indices). Tests may be terse.
    // Older names are listed in eslint-suppressions.json until they are renamed; no new one may be added.
    files: ['src/**', 'server/**', 'domain/**', 'contract/**', 'config/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'VariableDeclarator > Identifier[name=/^[a-zA-Z]$/]:not([name=/^[ijk_]$/])',
          message: '变量名请写出含义（单字母只用于循环下标）',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: 'detect' } },
    rules: {
      ...taroReactRules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'react/jsx-key': 'error',
      'no-restricted-globals': ['error', ...restrictedGlobals],
    },
  },
  {
    // Test files reach into fakes and build fixtures freely.
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The weapp harness loads WeChat's CommonJS runtime files, and a few tests load a module afresh.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
