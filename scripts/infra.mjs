// Self-setup: dependencies, PostgreSQL and NATS for a fresh machine.
// Runs before `npm install` on Node 20 or 24, so it uses Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);
const PG_LIB = '/usr/lib/postgresql';
const isRoot = process.getuid?.() === 0;
let aptUpdated = false;

const log = (msg) => process.stderr.write(`[infra] ${msg}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function isTcpReachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForTcp(host, port, timeoutMs = 30_000) {
  return pollTcp(host, port, timeoutMs, () => false);
}

// `gaveUp` lets a caller stop early when the server it started has already died.
async function pollTcp(host, port, timeoutMs, gaveUp) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0 || gaveUp()) return false;
    if (await isTcpReachable(host, port, Math.min(1000, left))) return true;
    await sleep(200);
  }
}

// Child stdout goes to our stderr so that stdout stays clean for callers (e.g. `npm run token`).
function run(cmd, args, { env, capture = false, cwd } = {}) {
  const res = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 2, 2],
    encoding: 'utf8',
  });
  if (res.error) throw new Error(`${cmd} failed to start: ${res.error.message}`);
  if (res.status !== 0) {
    const out = capture ? `\n${(res.stdout + res.stderr).trim().slice(-2000)}` : '';
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${res.status ?? res.signal}${out}`);
  }
  return res.stdout ?? '';
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name, extra = []) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...dirs.map((d) => path.join(d, name)), ...extra].find(isExecutable);
}

const canApt = () => isRoot && Boolean(findOnPath('apt-get'));

/**
 * apt-get, one at a time: two setups at once (two clones tested side by side) would otherwise fail on apt's lock
 * ("Could not get lock /var/lib/apt/lists/lock"). They queue on a lock file of their own, and wait for apt's
 * dpkg lock when something else (unattended upgrades) holds it.
 */
function aptGet(args) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const command = ['apt-get', '-o', 'DPkg::Lock::Timeout=300', ...args];
  const flock = findOnPath('flock');
  if (flock) run(flock, ['/var/lock/order-hub-apt.lock', ...command], { env });
  else run(command[0], command.slice(1), { env });
}

function aptInstall(pkg) {
  if (!canApt()) return false;
  if (!aptUpdated) {
    log('apt-get update');
    aptGet(['update']);
    aptUpdated = true;
  }
  log(`apt-get install -y ${pkg}`);
  aptGet(['install', '-y', pkg]);
  return true;
}

function parseServiceUrl(url, defaultPort) {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { u, host, port: Number(u.port || defaultPort), local: LOCAL_HOSTS.has(host) };
}

export async function ensureDependencies(root) {
  const nm = path.join(root, 'node_modules');
  const lock = path.join(root, 'package-lock.json');
  const hasLock = existsSync(lock);
  const installedLock = path.join(nm, '.package-lock.json');
  const stale =
    !existsSync(path.join(nm, '.bin', 'node')) ||
    !existsSync(path.join(nm, '.bin', 'turbo')) ||
    (hasLock && (!existsSync(installedLock) || statSync(lock).mtimeMs > statSync(installedLock).mtimeMs));
  if (!stale) return;
  const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  log(`npm ${args.join(' ')}`);
  const res = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (res.error || res.status !== 0) throw new Error(`npm ${args[0]} failed (${res.error?.message ?? `exit ${res.status ?? res.signal}`})`);
}

// ---- PostgreSQL ----------------------------------------------------------

function debianPgBinDirs() {
  if (!existsSync(PG_LIB)) return [];
  return readdirSync(PG_LIB)
    .filter((v) => isExecutable(path.join(PG_LIB, v, 'bin', 'initdb')))
    .sort((a, b) => parseFloat(b) - parseFloat(a))
    .map((v) => path.join(PG_LIB, v, 'bin'));
}

// A data dir can only be served by the major version that created it.
function findPgBinDir(dataDir) {
  const versionFile = path.join(dataDir, 'PG_VERSION');
  const wanted = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : null;
  const dirs = debianPgBinDirs();
  const match = wanted && dirs.find((d) => path.basename(path.dirname(d)) === wanted);
  if (match || dirs.length) return match || dirs[0];
  const initdb = findOnPath('initdb');
  return initdb && isExecutable(path.join(path.dirname(initdb), 'pg_ctl')) ? path.dirname(initdb) : null;
}

function installPostgres() {
  // Without this, the Debian package creates and starts its own "main" cluster on 5432
  // (password auth), which would take the port we mean to serve.
  const confDir = '/etc/postgresql-common/createcluster.d';
  const conf = path.join(confDir, 'order-hub-no-main-cluster.conf');
  if (canApt() && !existsSync(conf)) {
    mkdirSync(confDir, { recursive: true });
    writeFileSync(conf, 'create_main_cluster = false\n');
  }
  return aptInstall('postgresql');
}

function postgresUid() {
  const id = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id().status !== 0) {
    log('creating system user postgres');
    run('useradd', ['-r', 'postgres']);
  }
  return Number(id().stdout);
}

// PostgreSQL refuses to run as root, so as root every server-side command runs as `postgres`.
function asPostgres(cmd, args) {
  if (!isRoot) return [cmd, args];
  if (findOnPath('runuser', ['/usr/sbin/runuser', '/sbin/runuser'])) return ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  return ['su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map(quote).join(' ')]];
}

function runAsPostgres(cmd, args) {
  const [c, a] = asPostgres(cmd, args);
  // cwd '/': the postgres user may not be allowed into the caller's working directory.
  return run(c, a, { capture: true, cwd: '/' });
}

function prepareDataDir(dataDir, logFile) {
  // Only the data dir itself is private: `mode` would also apply to the parents that
  // `recursive` creates, and the postgres user must traverse those.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  if (!isRoot) return;
  if (statSync(dataDir).uid !== postgresUid()) run('chown', ['-R', 'postgres:', dataDir]);
  run('chown', ['postgres:', logFile]);
  try {
    runAsPostgres('test', ['-w', dataDir]);
  } catch {
    throw new Error(`the postgres user cannot write ${dataDir}; make its parent folders traversable (chmod o+x) or move the project`);
  }
}

function ensureDatabase(binDir, port, database) {
  if (!database || database === 'postgres') return;
  const conn = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
  const query = `SELECT 1 FROM pg_database WHERE datname = '${database.replace(/'/g, "''")}'`;
  if (run(path.join(binDir, 'psql'), ['-X', ...conn, '-d', 'postgres', '-tAc', query], { capture: true }).trim() === '1') return;
  log(`creating database ${database}`);
  run(path.join(binDir, 'createdb'), [...conn, database], { capture: true });
}

export async function ensurePostgres(root, databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/order_hub') {
  const { u, host, port, local } = parseServiceUrl(databaseUrl, 5432);
  if (await isTcpReachable(host, port)) {
    log(`PostgreSQL reachable at ${host}:${port}`);
    return databaseUrl;
  }
  if (!local) throw new Error(`PostgreSQL at ${host}:${port} is not reachable (DATABASE_URL points to a remote host, so it is not started here)`);

  const dataDir = path.join(root, '.data', 'postgres');
  const logFile = path.join(root, '.data', 'postgres.log');
  let binDir = findPgBinDir(dataDir);
  if (!binDir && installPostgres()) binDir = findPgBinDir(dataDir);
  if (!binDir) throw new Error(`PostgreSQL is not reachable at ${host}:${port} and no PostgreSQL binaries were found; install PostgreSQL or set DATABASE_URL`);

  log(`starting PostgreSQL (${binDir}) on ${host}:${port}, data in ${dataDir}`);
  prepareDataDir(dataDir, logFile);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initdb ${dataDir}`);
    // A fixed locale: the caller's LANG may name a locale that is not installed.
    const locale = process.platform === 'linux' ? ['--locale=C.UTF-8'] : [];
    runAsPostgres(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', ...locale]);
  }
  try {
    runAsPostgres(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`, '-l', logFile, '-w', 'start']);
  } catch (err) {
    throw new Error(`${err.message}\nsee ${logFile}`);
  }
  if (!(await waitForTcp(host, port, 60_000))) throw new Error(`PostgreSQL did not open ${host}:${port} within 60s; see ${logFile}`);
  ensureDatabase(binDir, port, decodeURIComponent(u.pathname.slice(1)));
  log(`PostgreSQL reachable at ${host}:${port}`);
  return databaseUrl;
}

// ---- Chromium (the console's browser tests) ---------------------------

/** Debian's chromium: Playwright's own browser download cannot run here. Returns its path, or undefined. */
export function ensureChromium() {
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = () => findOnPath('chromium', candidates);
  if (found()) return (ensureCjkFonts(), found());
  if (aptInstall('chromium')) return (ensureCjkFonts(), found());
  log('chromium is not installed and cannot be installed here: the console browser tests will fail');
  return undefined;
}

/**
 * Debian's chromium brings no CJK fonts: the console's Chinese text (CN names, addresses, notices) would render
 * as empty boxes in its screenshots. Installs Noto CJK when no font covers Chinese.
 */
function ensureCjkFonts() {
  const fcList = findOnPath('fc-list');
  const covered = fcList
    ? spawnSync(fcList, [':lang=zh', 'family'], { encoding: 'utf8' }).stdout?.trim().length > 0
    : existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  if (covered) return;
  // Screenshots without Chinese glyphs still test the console: a failed install is said, not fatal.
  let installed = false;
  try {
    installed = aptInstall('fonts-noto-cjk');
  } catch (error) {
    log(`installing fonts-noto-cjk failed: ${error.message.split('\n')[0]}`);
  }
  if (!installed) log('no CJK font is installed and none could be installed here: Chinese text will not render in the console screenshots');
}

// ---- NATS ----------------------------------------------------------------

const findNatsServer = () => findOnPath('nats-server', ['/usr/sbin/nats-server']);

/** The nats-server binary, installed from the Debian package `nats-server` when missing (as root with apt). */
export function natsServerBinary() {
  const bin = findNatsServer() ?? (aptInstall('nats-server') ? findNatsServer() : undefined);
  if (!bin) throw new Error('nats-server was not found and could not be installed; install the nats-server package or set NATS_URL');
  return bin;
}

export async function ensureNats(root, natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222') {
  // A list of servers (a cluster's nodes) is the operator's cluster: enough that one node answers; none is started here.
  const servers = natsUrl
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  if (servers.length > 1) {
    for (const server of servers) {
      const { host, port } = parseServiceUrl(server, 4222);
      if (await isTcpReachable(host, port)) return natsUrl;
    }
    throw new Error(`none of the NATS servers in NATS_URL is reachable: ${servers.join(', ')}`);
  }
  const { host, port, local } = parseServiceUrl(natsUrl, 4222);
  if (await isTcpReachable(host, port)) {
    log(`NATS reachable at ${host}:${port}`);
    return natsUrl;
  }
  if (!local) throw new Error(`NATS at ${host}:${port} is not reachable (NATS_URL points to a remote host, so it is not started here)`);

  let bin = findNatsServer();
  if (!bin && aptInstall('nats-server')) {
    bin = findNatsServer();
    // The package may have started its own service on this port.
    if (await isTcpReachable(host, port)) {
      log(`NATS reachable at ${host}:${port}`);
      return natsUrl;
    }
  }
  if (!bin) throw new Error(`NATS is not reachable at ${host}:${port} and nats-server was not found; install nats-server or set NATS_URL`);

  const dataDir = path.join(root, '.data', 'nats');
  const logFile = path.join(root, '.data', 'nats.log');
  mkdirSync(dataDir, { recursive: true });
  log(`starting nats-server on ${host}:${port} with JetStream, data in ${dataDir}`);
  const fd = openSync(logFile, 'a');
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dataDir], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', () => {
    exited = true;
  });
  child.unref();
  // Lets whoever stops the stack find the process we started.
  if (child.pid) writeFileSync(path.join(root, '.data', 'nats.pid'), `${child.pid}\n`);
  if (!(await pollTcp(host, port, 30_000, () => exited))) {
    throw new Error(`nats-server ${exited ? 'exited' : 'did not open the port'} before ${host}:${port} was reachable; see ${logFile}`);
  }
  log(`NATS reachable at ${host}:${port}`);
  return natsUrl;
}
