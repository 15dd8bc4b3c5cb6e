import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One file per port handed out, naming the process that holds it: suites run side by side in separate processes. A
 * file outlives its process and is taken over then (no exit hook: jest loads this module once per test file).
 */
const RESERVATIONS = join(tmpdir(), 'hub-test-ports');
const reservationOf = (port: number) => join(RESERVATIONS, String(port));

/**
 * A free port for a server another process opens a moment later. Never one from `listen(0)`: those lie in the
 * kernel's ephemeral range, where any process's next outgoing connection (a PostgreSQL or NATS client) may be
 * given the port before the server binds it, as happened with two suites side by side (EADDRINUSE at start-up).
 * Below that range only other callers of this function compete: each port is reserved by a file for as long as the
 * process that took it lives, since a gateway binds seconds after its port was found free (another suite's probe
 * found the same port free meanwhile, EADDRINUSE in a clean-clone run).
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [low, high] = portsOutsideEphemeralRange();
  mkdirSync(RESERVATIONS, { recursive: true });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    // Held for as long as this process lives, so a port handed out before, not bound yet or free again while its
    // server restarts, is not handed out twice, here or elsewhere.
    if (!reserve(port)) continue;
    if (!(await bindable(port, host))) {
      rmSync(reservationOf(port), { force: true });
      continue;
    }
    return port;
  }
  throw new Error(`no free port between ${low} and ${high} on ${host}`);
}

/** Takes the port's reservation file, or that of a process that has ended; false while a live process holds it. */
function reserve(port: number): boolean {
  const file = reservationOf(port);
  const take = () => {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  };
  if (take()) return true;
  let holder: number;
  try {
    holder = Number(readFileSync(file, 'utf8'));
  } catch {
    return take(); // released meanwhile
  }
  // An empty file is a reservation being written.
  if (!holder || alive(holder)) return false;
  rmSync(file, { force: true });
  return take();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portsOutsideEphemeralRange(): [number, number] {
  const [first, last] = ephemeralRange();
  return first - 10_000 >= 1024 ? [first - 10_000, first] : [last + 1, 65_536];
}

function ephemeralRange(): [number, number] {
  try {
    const [first, last] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (first && last) return [first, last];
  } catch {
    // Not Linux: the IANA range, which macOS and Windows use.
  }
  return [49_152, 65_535];
}

function bindable(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
