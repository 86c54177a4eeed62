/** Jest: unit specs beside the code in src/, integration and e2e tests in test/. */
const ESM_ONLY = ['flatbush', 'flatqueue', 'jose', 'content-disposition'];

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '(src|test)/.*\\.(spec|e2e-spec|int-spec)\\.ts$',
  transform: {
    // Transpile only (type checking is `npm run typecheck`); tsconfig.spec.json sets isolatedModules.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // These packages ship ESM only; Jest's CommonJS runtime needs them transpiled
    // (Node 20.20 itself loads them with require(esm) at run time).
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  testTimeout: 30000,
};
