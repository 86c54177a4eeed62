/** Jest for the pure domain core only: no database, no global setup (`npm run test:unit`). */
const base = require('./jest.config.js');
module.exports = {
  ...base,
  testRegex: 'src/domain/.*\\.spec\\.ts$',
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFiles: [],
};
