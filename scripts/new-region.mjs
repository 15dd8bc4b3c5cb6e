// `npm run new-region -- <code> "<name>" [--currency EUR] [--time-zone Europe/Paris]`: scaffolds a region from
// scripts/templates/region into subgraphs/region-<code>/, on the first port no other workspace routes to.
// Nothing outside that folder is written: start-up, tests, harness and composition find it by its package.json.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIRST_PORT = 4001;

/** Reads `code name [--currency C] [--time-zone Z]`; throws with every problem found. */
export function parseArguments(argv) {
  const positional = [];
  const options = { currency: 'USD', timeZone: 'UTC' };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--currency') options.currency = argv[++index];
    else if (argument === '--time-zone') options.timeZone = argv[++index];
    else positional.push(argument);
  }
  const [code, name] = positional;
  const problems = [];
  if (!/^[a-z]{2,3}$/.test(code ?? '')) problems.push(`code "${code ?? ''}": 2 or 3 lower-case letters (a-z), e.g. "br"`);
  // The name is written into TypeScript, JSON and Markdown as is, so characters that need escaping are refused.
  if (!/^[\p{L}\p{N}][\p{L}\p{N} .,&()-]{0,59}$/u.test(name ?? '')) problems.push('name: 1-60 letters, digits, spaces or . , & ( ) -, e.g. "Brazil"');
  if (!/^[A-Z]{3}$/.test(options.currency ?? '')) problems.push(`--currency "${options.currency ?? ''}": an ISO 4217 code, e.g. BRL`);
  if (!isTimeZone(options.timeZone)) problems.push(`--time-zone "${options.timeZone ?? ''}": an IANA time zone, e.g. America/Sao_Paulo`);
  if (positional.length > 2) problems.push(`unexpected arguments: ${positional.slice(2).join(' ')}`);
  if (problems.length > 0) throw new ScaffoldError(problems);
  return { code, name, ...options };
}

export class ScaffoldError extends Error {
  constructor(problems) {
    super(problems.join('\n'));
    this.name = 'ScaffoldError';
    this.problems = problems;
  }
}

/** Writes subgraphs/region-<code>/ under `root`; answers the folder and the port chosen. */
export function scaffoldRegion(root, { code, name, currency, timeZone }) {
  const target = join(root, 'subgraphs', `region-${code}`);
  const taken = workspaceManifests(root);
  const clash = taken.find(({ manifest }) => manifest.name === `@hub/region-${code}` || manifest.hub?.subgraph === `region-${code}`);
  if (existsSync(target) || clash) throw new ScaffoldError([`region "${code}" exists already (${relative(root, clash?.dir ?? target)})`]);
  const port = firstFreePort(taken);
  const values = {
    __code__: code,
    __Code__: code[0].toUpperCase() + code.slice(1),
    __CODE__: code.toUpperCase(),
    __name__: name,
    __port__: String(port),
    __currency__: currency,
    __timeZone__: timeZone,
  };
  const fill = (text) => text.replace(/__(code|Code|CODE|name|port|currency|timeZone)__/g, (placeholder) => values[placeholder]);
  const template = fileURLToPath(new URL('templates/region/', import.meta.url));
  for (const file of filesUnder(template)) {
    const destination = join(target, fill(relative(template, file)));
    mkdirSync(dirname(destination), { recursive: true });
    writeFileSync(destination, fill(readFileSync(file, 'utf8')));
  }
  return { dir: target, port };
}

/** Every workspace's package.json, with the gateway's port counted as taken. */
function workspaceManifests(root) {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }));
}

function firstFreePort(workspaces) {
  // The gateway listens on 4000 and routes to nothing; every subgraph's port is in its routing URL.
  const used = new Set([4000, ...workspaces.flatMap(({ manifest }) => (manifest.hub?.routingUrl ? [Number(new URL(manifest.hub.routingUrl).port)] : []))]);
  let port = FIRST_PORT;
  while (used.has(port)) port += 1;
  return port;
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function isTimeZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return typeof zone === 'string';
  } catch {
    return false;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    const request = parseArguments(process.argv.slice(2));
    const { dir, port } = scaffoldRegion(root, request);
    console.log(`region-${request.code} scaffolded in ${relative(root, dir)} (port ${port}).`);
    console.log('Next: `npm install` (links the workspace and records it in package-lock.json), then `npm run build` and `npm start`.');
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(`new-region: ${error.problems.join('\n  ')}`);
    console.error('usage: npm run new-region -- <code> "<name>" [--currency XXX] [--time-zone Area/City]');
    process.exit(2);
  }
}
