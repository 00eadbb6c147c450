/**
 * One jest run, several layers (projects). `npm test` (scripts/test.mjs) runs
 * them in order, building and starting what each needs.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
]

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@contract/(.*)$': '<rootDir>/contract/$1',
    '^@domain/(.*)$': '<rootDir>/domain/$1',
  },
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs)/)'],
}

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        // Taro's APIs as jest.fn()s with in-memory storage (test/shims/taro.ts).
        '^@tarojs/taro$': '<rootDir>/test/shims/taro.ts',
      },
    },
    {
      ...common,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/test/shims/taro.ts',
        // Plain DOM elements, as the h5 build renders them (test/shims/components.tsx).
        '^@tarojs/components$': '<rootDir>/test/shims/components.tsx',
        '\\.(s?css|less)$': '<rootDir>/test/shims/style.js',
      },
      // TARO_ENV = 'h5' (the pages' browser branches) and APP_VERSION, before any module loads.
      setupFiles: ['<rootDir>/test/shims/env.components.ts'],
      // jest-dom matchers; unmount, reset the stores and the Taro fakes after each test.
      setupFilesAfterEnv: ['<rootDir>/test/shims/setup.components.ts'],
    },
    {
      ...common,
      displayName: 'weapp',
      // j-component (miniprogram-simulate's engine) renders into a DOM. The
      // mini-program code itself runs without browser globals (test/weapp/harness/).
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/weapp/setup.ts'],
    },
    {
      ...common,
      displayName: 'api',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/api/**/*.test.ts'],
      // Migrated and seeded template databases, made once per run and copied per test file (test/api/helpers/database.ts).
      globalSetup: '<rootDir>/test/api/setup/globalSetup.ts',
      globalTeardown: '<rootDir>/test/api/setup/globalTeardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      // Its servers (test/api/helpers) start from the same template databases.
      globalSetup: '<rootDir>/test/api/setup/globalSetup.ts',
      globalTeardown: '<rootDir>/test/api/setup/globalTeardown.ts',
    },
  ],
}
