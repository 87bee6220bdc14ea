// One jest run, three projects: unit specs beside the code, integration and end-to-end suites that
// talk to the real stack (MariaDB, NATS and the built services) started by tools/.
const { pathsToModuleNameMapper } = require('./tools/jest/paths.js');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // Nest 12 ships ES modules only; jest on Node 20 needs them compiled to CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm)/)',
  ],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tools/jest/stay-on-machine.js'],
  setupFilesAfterEnv: ['<rootDir>/tools/jest/stay-on-machine.after-env.js'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,deploy,load-tests,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$'],
    },
    // Against the real MariaDB / NATS of the test stack, without the services.
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/mnemo-e2e/src/**/*.e2e-spec.ts'],
      slowTestThreshold: 30,
    },
  ],
};
