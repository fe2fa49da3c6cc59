// Four tiers (STYLE.md habit 10): unit tests run anywhere; integration, e2e and browser tests need
// the services that scripts/test.sh starts (a real PostgreSQL, a real S3-protocol server, the
// mediasoup worker, Chromium).
const aliases = {
  '^@app/(contracts|config|database|storage|identity|learning|commerce|live|testing|media-client)$':
    '<rootDir>/libs/$1/src',
  '^@app/(contracts|config|database|storage|identity|learning|commerce|live|testing|media-client)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
};
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }] },
  moduleNameMapper: aliases,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/', '/.data/'],
};
// Tests against the real PostgreSQL fail when a query is sent on a pg client still running another
// one (see libs/testing/src/jest/pg-guard.setup.ts): pg deprecates it and pg@9 refuses it.
const pgGuard = {
  testEnvironment: '<rootDir>/libs/testing/src/jest/pg-guard.environment.ts',
  setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/pg-guard.setup.ts'],
};
module.exports = {
  // integration, e2e and browser tests start real servers; unit tests finish far below this
  testTimeout: 120000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'] },
    {
      ...base,
      ...pgGuard,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
    },
    { ...base, ...pgGuard, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'] },
    {
      ...base,
      ...pgGuard,
      displayName: 'browser',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.browser-spec.ts'],
    },
  ],
};
