import http2 from 'node:http2';
import express, { type Express, type RequestHandler } from 'express';

/**
 * An Express app for Node's HTTP/2 compatibility API. Express gives each request and response its own methods by
 * prototype, on top of `IncomingMessage` and `ServerResponse`, whose internals an HTTP/2 stream lacks (`_read`
 * crashes on the first body read); this app's methods sit on `Http2ServerRequest` and `Http2ServerResponse`
 * instead. They are copies for this app alone: re-parenting Express's own prototypes, which every Express app in
 * the process shares, breaks each HTTP/1.1 app beside it (its first response throws).
 */
export function http2ExpressApp(): Express {
  const app = express();
  app.request = withExpressMethods(http2.Http2ServerRequest.prototype, express.request, app) as Express['request'];
  app.response = withExpressMethods(http2.Http2ServerResponse.prototype, express.response, app) as Express['response'];
  app.use(dropConnectionHeaders(), announceFramedBodies(), endStreamsWithTheirBodies());
  return app;
}

/** Express's request or response methods on top of `base`, as `express()` lays them out for an app of its own. */
function withExpressMethods(base: object, methods: object, app: Express): unknown {
  return Object.create(Object.create(base, Object.getOwnPropertyDescriptors(methods)), {
    app: { configurable: true, enumerable: true, writable: true, value: app },
  });
}

/**
 * Header fields that manage an HTTP/1.1 connection (RFC 9113 §8.2.2): HTTP/2 does their work in its framing and
 * forbids them. Node drops a `Connection` with a process warning and throws on the others as the head is written,
 * which would turn one middleware's `Keep-Alive` into a failed request, and its error answer into a second throw.
 */
export const CONNECTION_SPECIFIC_HEADERS: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

/** Removes `CONNECTION_SPECIFIC_HEADERS` just before the head is written; mounted first, so it runs after every other middleware. */
function dropConnectionHeaders(): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: unknown[]) {
      for (const name of CONNECTION_SPECIFIC_HEADERS) this.removeHeader(name);
      const last = args.at(-1);
      if (last && typeof last === 'object' && !Array.isArray(last))
        args[args.length - 1] = Object.fromEntries(Object.entries(last).filter(([name]) => !CONNECTION_SPECIFIC_HEADERS.has(name.toLowerCase())));
      return (writeHead as (...a: unknown[]) => typeof res).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}

/**
 * HTTP/2 frames delimit a request body (RFC 9113 §8.1), so a client need not send Content-Length, and many do not.
 * body-parser reads only a body announced by Content-Length or Transfer-Encoding and would pass such a POST on
 * without one; a request whose HEADERS frame did not end the stream has a body, and is announced as framed.
 * The announcement stays in this process: nothing forwards a caller's headers but its Authorization.
 */
function announceFramedBodies(): RequestHandler {
  return (req, _res, next) => {
    const { stream } = req as unknown as http2.Http2ServerRequest;
    if (req.headers['content-length'] === undefined && !stream.endAfterHeaders) req.headers['transfer-encoding'] = 'chunked';
    next();
  };
}

/**
 * Node's compatibility layer opens every answer ready for trailers (`waitForTrailers`), so no stream can end with its
 * last DATA frame: each ends in an empty DATA frame of its own, 9 bytes of every answer (of a mobile checkout's 600).
 * Nothing in this app sends trailers; without that readiness, an answer written whole ends its stream with its body.
 * A trailer added anyway would be lost, so adding one throws.
 */
function endStreamsWithTheirBodies(): RequestHandler {
  return (_req, res, next) => {
    const response = res as unknown as http2.Http2ServerResponse;
    const { stream } = response;
    const respond = stream.respond.bind(stream);
    stream.respond = (headers, options) => respond(headers, { ...options, waitForTrailers: false });
    response.addTrailers = () => {
      throw new Error('The HTTP/2 app sends no trailers');
    };
    next();
  };
}
