// Test files use their own database and NATS namespace, and mostly wait on I/O: two at a time halves the suite.
module.exports = { ...require('../../jest.preset.cjs'), maxWorkers: 2 };
