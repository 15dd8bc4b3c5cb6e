import compression from 'compression';
import type { RequestHandler } from 'express';

/**
 * Below about 1 KiB a response fits one TCP segment anyway, and gzip's framing (header, trailer, chunked
 * encoding) would eat most of the saving; small mobile answers go out as they are.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compresses responses with brotli or gzip, whichever the client's Accept-Encoding prefers (brotli when both are
 * acceptable, as it is smaller on JSON), and says so in `Vary: Accept-Encoding` so caches keep the variants apart.
 */
export function compressResponses(): RequestHandler {
  return compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
}
