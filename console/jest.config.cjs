// Browser tests drive the real hub: one suite, a generous timeout for the hub's start-up on two cores.
module.exports = { ...require('../jest.preset.cjs'), testTimeout: 60_000 };
