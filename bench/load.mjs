// A small load generator, closed loop (`connections` clients, each sending one GraphQL POST at a time over its own
// keep-alive connection, for a fixed time) or open loop (operations started at a fixed rate). Every request gets a
// fresh body (new idempotency key, next order id), and every response is read to the end and checked: non-2xx, GraphQL
// `errors` in a 200, and network failures/timeouts are counted apart, and only successful requests enter the latency
// figures.
import http from 'node:http';

const REQUEST_TIMEOUT_MS = 30_000;

/** Sends one POST and resolves with the status and the parsed body (or a network/timeout error); never rejects. */
function post(agent, url, headers, payload) {
  return new Promise((resolve) => {
    const body = Buffer.from(JSON.stringify(payload));
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          let json;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString());
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode, json });
        });
        response.on('error', (error) => resolve({ failure: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => resolve({ failure: error.message }));
    request.end(body);
  });
}

/** Keep-alive connections, at most `connections` per service. */
export const newAgent = (connections) => new http.Agent({ keepAlive: true, maxSockets: connections });

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** Counts outcomes and collects successful latencies; `send` runs one operation's requests in turn. */
function recorder(agent) {
  const latencies = [];
  const stats = { ok: 0, non2xx: 0, graphqlErrors: 0, failures: 0, messages: new Map() };
  const note = (kind, message) => {
    stats[kind] += 1;
    const key = String(message).slice(0, 160);
    stats.messages.set(key, (stats.messages.get(key) ?? 0) + 1);
  };
  const send = async (requests) => {
    let result;
    for (const { url, headers, body } of requests) {
      result = await post(agent, url, headers, body);
      if (result.failure) return note('failures', result.failure);
      if (result.status < 200 || result.status > 299) return note('non2xx', `HTTP ${result.status}: ${result.json?.errors?.[0]?.message ?? ''}`);
      if (!result.json || result.json.errors?.length) return note('graphqlErrors', result.json?.errors?.[0]?.message ?? 'unparsable body');
    }
    return result.json.data;
  };
  const succeeded = (latency) => {
    latencies.push(latency);
    stats.ok += 1;
  };
  const result = (elapsedSeconds) => {
    latencies.sort((a, b) => a - b);
    return {
      ...stats,
      errors: stats.non2xx + stats.graphqlErrors + stats.failures,
      elapsedSeconds,
      perSecond: stats.ok / elapsedSeconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
    };
  };
  return { send, succeeded, result };
}

/**
 * Runs `connections` clients until `seconds` have passed (or `limit` operations were started); operations still
 * in flight at the deadline are awaited and counted (they were sent inside the window), and the rate is divided
 * by the real elapsed time. `operation()` returns one request `{ url, headers, body }` or an array of them, sent
 * one after the other (the operation fails at its first failing request, and its latency is the whole sequence);
 * `onData(data)` sees the `data` of each successful operation's last response. Pass an `agent` (newAgent) to
 * keep the connections open from one run to the next, e.g. from the warm-up into the measured run.
 */
export async function closedLoop({ seconds, connections, operation, onData, limit = Infinity, agent: shared }) {
  const agent = shared ?? newAgent(connections);
  const { send, succeeded, result } = recorder(agent);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let operations = 0;
  const client = async () => {
    while (performance.now() < deadline && operations < limit) {
      operations += 1;
      const requests = [operation()].flat();
      const sent = performance.now();
      const data = await send(requests);
      if (data === undefined) continue;
      succeeded(performance.now() - sent);
      onData?.(data);
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsedSeconds = (performance.now() - started) / 1000;
  if (!shared) agent.destroy();
  return result(elapsedSeconds);
}

/** At most this many operations in flight in an open loop; one due while they are all out waits, and its wait counts. */
const OPEN_LOOP_IN_FLIGHT = 512;

/**
 * Starts `operation()` at a constant `rate` per second for `seconds`, whether or not earlier ones have been answered,
 * as independent clients do; a closed loop instead waits for each answer, so its latency stays low by sending less
 * when the service slows. Latency runs from when an operation was due, not from when it was sent, so a generator that
 * falls behind does not hide the wait (coordinated omission). Operations still in flight at the end are awaited; the
 * rate achieved (`perSecond`) is the successful operations over the whole run.
 */
export async function openLoop({ seconds, rate, operation }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: OPEN_LOOP_IN_FLIGHT });
  const { send, succeeded, result } = recorder(agent);
  const started = performance.now();
  const total = Math.floor(seconds * rate);
  const inFlight = new Set();
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= OPEN_LOOP_IN_FLIGHT) await Promise.race(inFlight);
    const operationDone = send([operation()].flat()).then((data) => {
      if (data !== undefined) succeeded(performance.now() - due);
      inFlight.delete(operationDone);
    });
    inFlight.add(operationDone);
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result(elapsedSeconds);
}
