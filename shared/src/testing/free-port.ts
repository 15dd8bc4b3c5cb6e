import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const handedOut = new Set<number>();

/**
 * A free port for a server another process opens a moment later. Never one from `listen(0)`: those lie in the
 * kernel's ephemeral range, where any process's next outgoing connection (a PostgreSQL or NATS client) may be
 * given the port before the server binds it, as happened with two suites side by side (EADDRINUSE at start-up).
 * Below that range only another caller of this function competes, and it picks at random.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [low, high] = portsOutsideEphemeralRange();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    // A port handed out before is not bound yet, or is free again while its server restarts: not twice.
    if (handedOut.has(port) || !(await bindable(port, host))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${low} and ${high} on ${host}`);
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
