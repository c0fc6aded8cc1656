/** Jest: TypeScript and ESM-only dependencies are compiled to CommonJS by SWC. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj|cj)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only packages are transformed too (everything except a few large CJS ones).
  transformIgnorePatterns: ['/node_modules/(?!(@bpmn-io|bpmn-engine|bpmn-elements|bpmn-moddle|dmn-moddle|zeebe-bpmn-moddle|moddle|moddle-xml|min-dash|saxen|lezer-feel|@lezer|feelin|smart-error|date-holidays|date-holidays-parser|astronomia|caldate|date-bengali-revised|date-chinese|date-easter|jalaali-js|tinyduration|smqp|luxon|@camunda/form-linting|@camunda/feel-builtins|bpmnlint-plugin-camunda-compat|@fastify/cookie)/)'],
  testTimeout: 30000,
  maxWorkers: 2,
};
