// Every test process: test mode, quiet logs. The database URL comes from the global setup.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
