const preset = require('../../jest.preset.cjs');

// libphonenumber-js ships its metadata as `metadata.max.json.js`; the preset's `.js` stripping would load the
// raw JSON file instead, which jest's ESM loader warns about.
module.exports = { ...preset, moduleNameMapper: { '^(\\.{1,2}/.*\\.json)\\.js$': '$1.js', ...preset.moduleNameMapper } };
