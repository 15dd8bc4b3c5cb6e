// `node ../../scripts/bundle-service.mjs` (the last step of a service's `build`, run in its workspace folder): bundles
// the compiled `dist/main.js` with what it imports into one minified file, SERVICE_BUNDLE, which every starter runs
// (`serviceProcess`). Issue 18's 200 MB per service: V8 keeps the source text of every module it loads, ~10 MiB over
// ~2,400 modules in each service, comments and all, and stores a whole file in two bytes per character when one
// character of it (an arrow, a dash in a comment) lies beyond Latin-1: MikroORM's and zod's did, 5.5 MiB of
// region-cn's 13 MiB of source strings. Bundled, minified and escaped to ASCII the same code is ~4.5 MiB; measured
// under the placement bench, core-orders and region-cn came down by 20–26 MiB each.
//
// It sits in `dist/` beside `main.js`, so `import.meta.url` in a service's own top-level modules (its package.json,
// the gateway's supergraph and persisted operations) still names the workspace folder.
import { build } from 'rolldown';
import { SERVICE_BUNDLE } from '@hub/shared/workspace/hub-workspaces';

/**
 * Left to load from node_modules: what tracing instruments as it loads (`--import @hub/shared/telemetry/register`
 * hooks `pg` and `graphql` by package name; inlined, they would go unpatched), `graphql`'s single instance besides
 * (a schema built by one copy is refused by another), OpenTelemetry's API, whose tracer provider the SDK registers
 * from outside the bundle, packages that read files beside their own modules (highs' WebAssembly), and those using
 * what Node deprecates quietly inside node_modules only (`url.parse`, DEP0169; the `punycode` module, DEP0040, which
 * node-fetch's URL parser requires): inlined, each would print a warning in the service's log. And class-validator,
 * which type-graphql imports dynamically for every argument it validates: a CommonJS package inlined is re-wrapped as
 * an ES module namespace on each such import, all its ~200 exports copied (6 % of region-cn's CPU under load).
 */
const EXTERNAL = [/^pg($|\/)/, /^pg-native$/, /^graphql($|\/)/, /^@opentelemetry\//, /^highs($|\/)/, /^parseurl$/, /^node-fetch$/, /^class-validator$/];

await build({
  input: 'dist/main.js',
  platform: 'node',
  external: EXTERNAL,
  logLevel: 'warn',
  output: {
    file: SERVICE_BUNDLE,
    format: 'esm',
    // One file: a lazily imported module stays lazy (rolldown wraps it), and nothing else lands in `dist/`.
    codeSplitting: false,
    // Names stay: MikroORM names entities and type-graphql names types after their classes, and stack traces read.
    minify: { compress: false, mangle: { keepNames: true }, codegen: { removeWhitespace: true } },
    keepNames: true,
    comments: false,
    charset: 'ascii',
    sourcemap: true,
  },
});
