// `npm start`: runs every service of the workspace on its default port, in start-up waves (core, domain
// subgraphs, regions, gateway), runs each workspace's demo seed once all are up, and prints how to query
// the hub. Ctrl-C stops everything gracefully.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { startConsoleServer, consolePublicDir } from '@hub/console/server';
import { readFileSync } from 'node:fs';
import { mintCompactToken } from '@hub/shared/auth/cwt';
import { mintToken } from '@hub/shared/auth/jwt';
import { createDemoSeedContext } from '@hub/shared/demo/demo-seed';
import { baseEnvSchema } from '@hub/shared/env';
import { natsIdentityEnv } from '@hub/shared/messaging/nats-accounts';
import { discoverHubServices, readyMessage, seedWaves, serviceProcess, startWaves } from '@hub/shared/workspace/hub-workspaces';

export async function startHub(root, env) {
  const services = discoverHubServices(root);
  const children = [];
  let webConsole;
  const stop = () => {
    children.forEach(({ child }) => child.kill('SIGTERM'));
    void webConsole?.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const settings = baseEnvSchema.parse(env);
  const jwt = { secret: settings.JWT_SECRET, issuer: settings.JWT_ISSUER, audience: settings.JWT_AUDIENCE };
  const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT ?? 4000}/graphql`;
  try {
    for (const wave of startWaves(services)) {
      const started = wave.map((service) => startService(service, env));
      children.push(...started);
      await Promise.all(started.map(({ ready }) => ready));
    }
    await seedDemoData(
      services,
      createDemoSeedContext(gatewayUrl, jwt, (message) => console.log(`[seed] ${message}`)),
    );
    webConsole = await startConsoleServer({
      gatewayUrl,
      // Tracking serves the live journey itself (the gateway cannot carry subscriptions): next to its /graphql.
      trackingStreamUrl: services.find((service) => service.name === 'tracking')?.subgraph?.routingUrl.replace(/\/graphql$/, '/graphql/stream'),
      publicDir: consolePublicDir,
      port: Number(env.CONSOLE_PORT ?? 4100),
      host: settings.HOST,
      ...(settings.NODE_ENV === 'production' ? {} : { developmentLogin: jwt }),
    });
  } catch (error) {
    console.error(error.message);
    stop();
    process.exitCode = 1;
    return;
  }

  const adminToken = await mintToken(jwt, { subject: 'dev-admin', role: 'admin', regions: [] });
  // The SEA app's checkout: the demo's returning customer (region-sea's seed saved their address as number 1).
  const mobileToken = mintCompactToken(jwt, { subject: 'demo-sea-0', role: 'customer', regions: ['sea'] }, 12 * 3600);
  const seaManifest = JSON.parse(readFileSync(new URL('../gateway/persisted-operations/sea-mobile.json', import.meta.url), 'utf8'));
  const quickOrderId = seaManifest.operations.find((operation) => operation.name === 'SeaCheckout').id.slice(0, 8);
  console.log(`
Order hub is up: ${services.map((service) => service.name).join(', ')}.
  Gateway:  ${gatewayUrl}
  Console:  ${webConsole.url}${settings.NODE_ENV === 'production' ? '' : ' (development login: pick a role and region)'}
  Token (admin, 12 h; mint others with: npm run token -- --role operator --regions cn):
    ${adminToken}

  Try:
    curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer ${adminToken}" \\
      -d '{"query":"{ orders(first: 3) { nodes { number region status totals { grandTotal } cn { customer { name } } de { customer { name } } sea { customer { name } } } } }"}'

  A SEA mobile checkout as the app sends it (HTTP/2, compact token, persisted id, saved address; run it twice: one order):
    curl -s --http2-prior-knowledge ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer ${mobileToken}" \\
      -d '{"documentId":"${quickOrderId}","variables":{"input":{"idempotencyKey":"banner-quick-1","lines":[{"sku":"TEA-LJ-250","quantity":1}],"savedAddress":1,"payment":"COD"}}}'

Ctrl-C stops the hub.`);
  await Promise.all(children.map(({ exited }) => exited));
}

/**
 * Runs each workspace's `hub.seed` module, wave by wave (so products exist before regions place orders, and
 * orders before tracking follows their parcels), the seeds of one wave side by side.
 */
async function seedDemoData(services, context) {
  for (const wave of seedWaves(services.filter((service) => service.seed))) {
    await Promise.all(
      wave.map(async (service) => {
        const { seedDemo } = await import(pathToFileURL(service.seed).href);
        await seedDemo(context);
      }),
    );
  }
}

function startService(service, env) {
  // Each service connects to the hub's NATS as itself, with only its own permissions.
  const identity = env.HUB_NATS_IDENTITIES ? natsIdentityEnv(env.HUB_NATS_IDENTITIES, service.name) : {};
  const { args, env: processEnv } = serviceProcess(service);
  const child = spawn(process.execPath, args, { cwd: service.dir, env: { ...env, ...processEnv, ...identity }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${service.name} stopped (exit ${code}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(`[${service.name}] ${summarise(line)}`);
      if (line.includes(`"msg":"${readyMessage(service)}"`)) resolve();
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
