// `npm start`: runs the gateway and the four subgraphs on their default ports, seeds demo data on the
// first start, and prints how to query the hub. Ctrl-C stops everything gracefully.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mintToken } from '@hub/shared/auth/jwt';
import { baseEnvSchema } from '@hub/shared/env';
import { seedDemoData } from './seed.mjs';

/** Started in waves: core first (it holds the registry), then the regions, then the gateway. */
const WAVES = [['subgraphs/core-orders'], ['subgraphs/region-cn', 'subgraphs/region-de', 'subgraphs/region-sea', 'subgraphs/fulfilment', 'subgraphs/tracking'], ['gateway']];
/** Subgraphs are ready once the registry accepted their schema, so the gateway's first supergraph has them all. */
const READY = { gateway: 'gateway listening' };
const DEFAULT_READY = 'schema accepted by the registry';

export async function startHub(root, env) {
  const children = [];
  const stop = () => children.forEach(({ child }) => child.kill('SIGTERM'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    for (const wave of WAVES) {
      const started = wave.map((dir) => startService(root, dir, env));
      children.push(...started);
      await Promise.all(started.map(({ ready }) => ready));
    }
  } catch (error) {
    console.error(error.message);
    stop();
    process.exitCode = 1;
    return;
  }

  const settings = baseEnvSchema.parse(env);
  const jwt = { secret: settings.JWT_SECRET, issuer: settings.JWT_ISSUER, audience: settings.JWT_AUDIENCE };
  const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT ?? 4000}/graphql`;
  await seedDemoData(gatewayUrl, jwt, `http://127.0.0.1:${env.TRACKING_PORT ?? 4007}`);
  const adminToken = await mintToken(jwt, { subject: 'dev-admin', role: 'admin', regions: [] });
  console.log(`
Order hub is up.
  Gateway:  ${gatewayUrl}
  Token (admin, 12 h; mint others with: npm run token -- --role operator --regions cn):
    ${adminToken}

  Try:
    curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer ${adminToken}" \\
      -d '{"query":"{ orders(first: 3) { nodes { number region status totals { grandTotal } cn { customer { name } } de { customer { name } } sea { customer { name } } } } }"}'

Ctrl-C stops the hub.`);
  await Promise.all(children.map(({ exited }) => exited));
}

function startService(root, dir, env) {
  const name = dir.split('/').pop();
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: `${root}${dir}`, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} stopped (exit ${code}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(`[${name}] ${summarise(line)}`);
      if (line.includes(`"msg":"${READY[name] ?? DEFAULT_READY}"`)) resolve();
    });
  });
  return { child, ready, exited };
}

/** Shows the JSON log lines as "level message" for people; the services themselves log JSON for machines. */
function summarise(line) {
  try {
    const { level, msg, url } = JSON.parse(line);
    return `${level >= 50 ? 'ERROR ' : level >= 40 ? 'WARN ' : ''}${msg}${url ? ` ${url}` : ''}`;
  } catch {
    return line;
  }
}
