// A TCP proxy on 127.0.0.1 that behaves like a slow mobile link: each direction has its own bandwidth
// (serialisation delay per byte, one packet after another) and half the round-trip time of latency, and a new
// connection waits one round trip before data flows, as a TCP handshake would. It counts the bytes that cross
// it in each direction (TCP payload: HTTP headers and bodies). For benchmarks only; it forwards to 127.0.0.1.
import net from 'node:net';

/** Delays and paces the chunks of one direction, delivering them in order. */
function createLink(bitsPerSecond, oneWayMs, deliver) {
  const queue = [];
  let lineFreeAt = 0;
  let timer;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0].at <= now) deliver(queue.shift().chunk);
    if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0].at - now));
  };
  return {
    send(chunk, notBefore = 0) {
      const start = Math.max(performance.now(), lineFreeAt, notBefore);
      lineFreeAt = start + (chunk ? (chunk.length * 8 * 1000) / bitsPerSecond : 0);
      queue.push({ chunk, at: lineFreeAt + oneWayMs });
      if (!timer) timer = setTimeout(pump, Math.max(0, queue[0].at - performance.now()));
    },
  };
}

export async function startSlowNetworkProxy({ targetPort, rttMs, downBitsPerSecond, upBitsPerSecond }) {
  const counters = { up: 0, down: 0 };
  const server = net.createServer((client) => {
    const acceptedAt = performance.now();
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const up = createLink(upBitsPerSecond, rttMs / 2, (chunk) => (chunk ? upstream.write(chunk) : upstream.end()));
    const down = createLink(downBitsPerSecond, rttMs / 2, (chunk) => (chunk ? client.write(chunk) : client.end()));
    client.on('data', (chunk) => {
      counters.up += chunk.length;
      // SYN out, SYN-ACK back: the first request leaves the phone one round trip after it asked to connect.
      up.send(chunk, acceptedAt + rttMs);
    });
    upstream.on('data', (chunk) => {
      counters.down += chunk.length;
      down.send(chunk);
    });
    client.on('end', () => up.send(null));
    upstream.on('end', () => down.send(null));
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy);
    upstream.on('error', destroy);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    counters,
    reset() {
      counters.up = 0;
      counters.down = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}
