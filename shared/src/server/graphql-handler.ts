import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Apollo Server behind Express, as `@as-integrations/express5` mounts it, but for two costs paid on every request:
 * that package finds the query string with the legacy `url.parse` (a few per cent of the gateway's CPU per request,
 * 2 % of region-cn's, for what a slice of `req.url` gives), and answers with `res.send`, which hashes each body for
 * an ETag that an answer no cache may keep is not sent with. The gateway and every subgraph mount Apollo with it.
 */
export function graphqlHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (args: { req: Request; res: Response }) => Promise<TContext>,
): RequestHandler {
  server.assertStarted('graphqlHandler()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).send('`req.body` is not set: the JSON body parser must run before the GraphQL handler.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      if (isStorable(res.getHeader('cache-control')) || !isUtf8(res.getHeader('content-type'))) res.send(answer.body.string);
      else sendUnstorable(req, res, answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
      // Compression buffers what it is given: each part of an incremental answer goes out as it comes.
      if (typeof (res as { flush?: () => void }).flush === 'function') (res as unknown as { flush: () => void }).flush();
    }
    res.end();
  };
}

/**
 * `res.send` without the ETag: Express hashes every body for one, of no use on an answer no cache may keep (every
 * POST among them), which nothing revalidates and from which the gateway drops it (trimUncacheableHeaders).
 */
function sendUnstorable(req: Request, res: Response, body: string): void {
  res.setHeader('content-length', Buffer.byteLength(body));
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/** Whether a response with these headers may be stored by some cache. */
export function isStorable(cacheControl: string | number | readonly string[] | undefined): boolean {
  return !String(cacheControl ?? '')
    .toLowerCase()
    .split(',')
    .some((directive) => directive.trim() === 'no-store');
}

/** Apollo's JSON answers name their charset; anything else goes through `res.send`, which adds it. */
function isUtf8(contentType: string | number | string[] | undefined): boolean {
  return typeof contentType === 'string' && contentType.toLowerCase().includes('charset=utf-8');
}

/** What `url.parse(path).search` gives (Apollo Server decodes it with URLSearchParams): from the first "?" to a "#", or empty. */
export function searchOf(path: string): string {
  const fragment = path.indexOf('#');
  const beforeFragment = fragment === -1 ? path : path.slice(0, fragment);
  const query = beforeFragment.indexOf('?');
  return query === -1 ? '' : beforeFragment.slice(query);
}
