import http from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import express, { type Express, type Request, type Response } from 'express';
import { listen } from '@hub/shared/server/service-server';
import { http2ExpressApp } from './http2-express-app.js';
import { protocolOf } from './preface.js';

export interface OnePortServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves HTTP/1.1 and cleartext HTTP/2 with prior knowledge (h2c, RFC 9113 §3.3) on one port, through two Express
 * apps that `mount` equips alike. Cleartext has no ALPN to choose the protocol, so each connection's first bytes do:
 * the HTTP/2 preface goes to the HTTP/2 server, anything else to the HTTP/1.1 one. The HTTP/1.1 server is the one
 * listening, so its own limits (headers and request timeouts, keep-alive) apply as they always did.
 */
export async function listenOnePort(
  mount: (app: Express) => void,
  port: number,
  host: string,
  { requestTimeoutMs }: { requestTimeoutMs?: number } = {},
): Promise<OnePortServer> {
  const http1App = express();
  const http2App = http2ExpressApp();
  mount(http1App);
  mount(http2App);
  const httpServer = http.createServer(http1App);
  if (requestTimeoutMs !== undefined) httpServer.requestTimeout = requestTimeoutMs;
  const http2Server = http2.createServer({ settings: { maxConcurrentStreams: MAX_CONCURRENT_STREAMS } }, (request, response) => {
    limitRequestTime(request, response, httpServer.requestTimeout);
    // Express's types know only HTTP/1.1 messages; this app's prototypes are the HTTP/2 ones (see http2ExpressApp).
    http2App(request as unknown as Request, response as unknown as Response);
  });
  // Idle clients cannot hold connections forever: after as long as HTTP/1.1 keeps an idle connection, a quiet HTTP/2
  // one is told to go away (GOAWAY), which lets the requests it carries finish and sends the next ones elsewhere.
  http2Server.setTimeout(httpServer.keepAliveTimeout).on('timeout', (session: http2.ServerHttp2Session) => session.close());
  const connections = routeByPreface(httpServer, http2Server);
  const { url, port: boundPort } = await listen(httpServer, port, host);
  return {
    url,
    port: boundPort,
    async close() {
      // The port's server counts every connection it accepted, HTTP/2 ones included, and closes once all have gone.
      connections.destroyAll();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/**
 * Streams a client may have open at once on one connection: the floor RFC 9113 §6.5.2 recommends. Node's default is
 * unbounded, so one connection could hold as many half-sent requests as the session's memory allows. Each setting
 * the server changes costs 6 bytes of every connection's setup, on the SEA checkout's 600-byte budget: Node's other
 * defaults (64 KiB of headers, 10 MB of session memory) are bounds enough and stay unannounced.
 */
export const MAX_CONCURRENT_STREAMS = 100;

/**
 * HTTP/1.1's `requestTimeout` for an HTTP/2 stream. Node's HTTP/2 server has only the session's idle timeout, which a
 * client keeps from firing by trickling a byte now and then, so a request body sent slowly would hold its stream, and
 * the handler waiting on it, for ever. A request not received whole in time is answered 408 and its stream closed, as
 * HTTP/1.1 answers and closes its connection; one received whole is left to finish however long its answer takes.
 */
function limitRequestTime(request: http2.Http2ServerRequest, response: http2.Http2ServerResponse, timeoutMs: number): void {
  const { stream } = request;
  if (stream.endAfterHeaders || timeoutMs <= 0) return;
  const timer = setTimeout(() => {
    if (stream.destroyed || stream.state.remoteClose) return;
    // A complete answer, then RST_STREAM with NO_ERROR: the client stops sending without treating it as a failure (RFC 9113 §8.1).
    const closeStream = () => stream.close(http2.constants.NGHTTP2_NO_ERROR);
    if (response.headersSent) closeStream();
    else response.writeHead(408, { 'content-type': 'text/plain' }).end('request timeout', closeStream);
  }, timeoutMs);
  stream.once('close', () => clearTimeout(timer));
}

/**
 * Takes over `httpServer`'s connections: reads until the bytes received tell the protocol, then puts them back and
 * hands the connection on. A connection that sends nothing is dropped after the time an HTTP/1.1 client has to send
 * its request head.
 */
function routeByPreface(httpServer: http.Server, http2Server: http2.Http2Server): { destroyAll(): void } {
  const serveHttp1 = httpServer.listeners('connection') as Array<(socket: Socket) => void>;
  httpServer.removeAllListeners('connection');
  const undecided = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  http2Server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  httpServer.on('connection', (socket: Socket) => {
    let received = Buffer.alloc(0);
    const drop = () => socket.destroy();
    const settle = () => {
      undecided.delete(socket);
      socket.off('data', onData).off('error', drop).off('end', drop).off('timeout', drop).setTimeout(0);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const protocol = protocolOf(received);
      if (protocol === 'undecided') return;
      settle();
      socket.pause();
      socket.unshift(received);
      if (protocol === 'http2') {
        // The HTTP/2 session reads what the socket already holds, then the connection itself.
        http2Server.emit('connection', socket);
        return;
      }
      for (const listener of serveHttp1) listener.call(httpServer, socket);
      socket.resume();
    };
    undecided.add(socket);
    socket.once('close', () => undecided.delete(socket));
    socket.on('data', onData).on('error', drop).on('end', drop).on('timeout', drop).setTimeout(httpServer.headersTimeout);
  });
  return {
    destroyAll() {
      for (const socket of undecided) socket.destroy();
      for (const session of sessions) session.destroy();
    },
  };
}
