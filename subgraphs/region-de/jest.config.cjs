// Integration files wait mostly on PostgreSQL, NATS and a child process, and each has its own database and
// namespace: two workers halve the wall time even on a two-core machine, where jest would default to one.
module.exports = { ...require('../../jest.preset.cjs'), maxWorkers: 2 };
