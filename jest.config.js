/**
 * Jest runs the TypeScript sources as ESM through ts-jest. Type checking is `npm run typecheck`'s job,
 * so ts-jest only transpiles (isolatedModules in tsconfig), which keeps the suite fast.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testTimeout: 20000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  // Each file starts its own servers on port 0; two workers match the two cores of our machines.
  maxWorkers: 2,
};
