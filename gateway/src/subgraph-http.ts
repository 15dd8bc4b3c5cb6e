import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** A subgraph's answer, read to the end: callers who share a call each build their own response (and parsed body) from it. */
export interface SubgraphReply {
  url: string;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One POST of the gateway's to a subgraph, as the gateway's data source builds it. */
export interface SubgraphRequest {
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const IDLE_CONNECTION_MS = 4_000;

export type SubgraphCall = (url: string, init: SubgraphRequest) => Promise<SubgraphReply>;

/**
 * POSTs over kept-alive connections with Node's own `http` client, with a deadline on each call (connection, headers and
 * body together). Node's `fetch` did the same through WHATWG streams and Response objects twice over (the call, then
 * the copy handed to the gateway): about a fifth of the gateway's CPU per subgraph call.
 */
export function subgraphHttp(timeoutMs: number): SubgraphCall {
  // Idle connections are dropped before a Node server's own 5 s keep-alive timeout would close them under a request
  // being sent (ECONNRESET on a reused connection); undici's fetch did the same from the server's Keep-Alive hint.
  const pool = { keepAlive: true, timeout: IDLE_CONNECTION_MS };
  const agents = { 'http:': new http.Agent(pool), 'https:': new https.Agent(pool) };
  const post = (url: string, init: SubgraphRequest) =>
    new Promise<SubgraphReply>((resolve, reject) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : http;
      const body = init.body ?? '';
      // A timer cleared on completion, not AbortSignal.timeout: that one fires after every call, answered or not, and
      // builds a DOMException with its stack each time.
      const deadline = setTimeout(() => {
        const error = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' });
        fail(error); // first, so that what the destroyed request reports next does not replace the reason
        request.destroy(error);
      }, timeoutMs);
      let answered = false;
      const fail = (error: Error) => {
        clearTimeout(deadline);
        reject(error);
      };
      const request = client.request(
        target,
        {
          method: 'POST',
          agent: agents[target.protocol as keyof typeof agents],
          headers: { ...init.headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(deadline);
            resolve({
              url,
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
          response.on('error', fail);
          // A connection lost while the body arrives can end the response without an error event.
          response.on('close', () => {
            if (!response.complete) fail(new Error('The subgraph closed the connection before the end of its answer'));
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the subgraph closed as this request went out (its idle timer and ours race on a busy
        // machine): nothing was answered on it, so the call goes again once, on a new connection.
        const stale = request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        fail(stale ? Object.assign(error, { staleConnection: true }) : error);
      });
      request.end(body);
    });
  return async (url, init) => {
    try {
      return await post(url, init);
    } catch (error) {
      if (!(error as { staleConnection?: boolean }).staleConnection) throw error;
      return post(url, init);
    }
  };
}

/** What the gateway reads of a subgraph's answer, without a stream behind it: the body is already a string. */
export function responseOf(reply: SubgraphReply): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response: FetcherResponse = {
    bodyUsed: false,
    url: reply.url,
    redirected: false,
    status: reply.status,
    ok: reply.status >= 200 && reply.status < 300,
    statusText: reply.statusText,
    headers,
    text: () => Promise.resolve(reply.text),
    json: () => Promise.resolve().then(() => JSON.parse(reply.text) as unknown),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(reply.text).buffer as ArrayBuffer),
    clone: () => responseOf(reply),
  };
  return response;
}
