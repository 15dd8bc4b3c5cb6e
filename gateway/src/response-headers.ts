import { isStorable } from '@hub/shared/server/graphql-handler';
import type { RequestHandler } from 'express';

/**
 * Headers that only serve caches, dropped from answers no cache may keep (`Cache-Control: no-store`: every POST,
 * mutation and error): there `ETag` can never be revalidated and `Vary` selects among variants nobody stores.
 * About 80 bytes of each mobile checkout answer, on a link where every byte is paid for in time.
 */
export const CACHE_ONLY_HEADERS = ['etag', 'vary'] as const;

/**
 * Removes `CACHE_ONLY_HEADERS` from a `no-store` answer just before its head is written, after every other
 * middleware (compression's `Vary`, express's `ETag`) has set its headers. Mount it before those middlewares.
 */
export function trimUncacheableHeaders(): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: unknown[]) {
      if (!isStorable(this.getHeader('cache-control'))) for (const name of CACHE_ONLY_HEADERS) this.removeHeader(name);
      return (writeHead as (...a: unknown[]) => typeof res).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}
