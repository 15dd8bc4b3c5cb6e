import { brotliCompressSync, constants } from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Below about 1 KiB an answer fits one TCP segment anyway, and streaming it through a compressor costs more than it
 * saves: over HTTP/1.1 chunked framing in place of Content-Length, over HTTP/2 a DATA frame of its own to end the
 * stream. Such answers are compressed whole instead (`compressWholeSmallAnswers`), when that pays.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** The brotli quality `compression` uses: on bodies of a few hundred bytes it also compresses better than 11 does. */
const BROTLI_QUALITY = 4;

/**
 * What `Content-Encoding: br` costs on the wire: its line over HTTP/1.1; over HTTP/2 an HPACK literal the first
 * time on a connection (a 1-byte index after).
 */
const encodingHeaderBytes = (req: Request) => (req.httpVersionMajor === 2 ? 4 : 'Content-Encoding: br\r\n'.length);

/**
 * Compresses answers with brotli or gzip, whichever the client's Accept-Encoding prefers (brotli when both are
 * acceptable, as it is smaller on JSON), and says so in `Vary: Accept-Encoding` so caches keep the variants apart:
 * streamed and large answers as they are written, small ones whole.
 */
export function compressResponses(): RequestHandler[] {
  return [compression({ threshold: COMPRESSION_THRESHOLD_BYTES }), compressWholeSmallAnswers()];
}

/**
 * An answer below the threshold written in one `end(body)` (every GraphQL answer the gateway sends whole) goes out
 * brotli-compressed, with its Content-Length, when the client takes br and the body shrinks by more than the header
 * announcing it costs: a mobile checkout's confirmation is about 120 bytes, 20 fewer compressed. Mounted after
 * `compression`, which then finds the answer encoded and leaves it be (adding its Vary).
 */
function compressWholeSmallAnswers(): RequestHandler {
  return (req, res, next) => {
    const { write, end } = res;
    let streamed = false;
    res.write = function (this: Response, ...args: unknown[]) {
      streamed = true;
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof res.write;
    res.end = function (this: Response, ...args: unknown[]) {
      const [chunk, encoding] = args;
      const body = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk;
      if (!streamed && Buffer.isBuffer(body) && body.length < COMPRESSION_THRESHOLD_BYTES && mayCompress(req, this)) {
        const compressed = brotliCompressSync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        });
        if (compressed.length + encodingHeaderBytes(req) < body.length) {
          this.setHeader('content-encoding', 'br');
          this.setHeader('content-length', compressed.length);
          const callback = args.find((arg) => typeof arg === 'function');
          return (end as (...a: unknown[]) => Response).apply(this, callback ? [compressed, callback] : [compressed]);
        }
      }
      return (end as (...a: unknown[]) => Response).apply(this, args);
    } as typeof res.end;
    next();
  };
}

/** What `compression` asks of an answer before compressing it, and a client that takes br. */
function mayCompress(req: Request, res: Response): boolean {
  return (
    !res.headersSent &&
    req.method !== 'HEAD' &&
    res.getHeader('content-encoding') === undefined &&
    !/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader('cache-control') ?? '')) &&
    compression.filter(req, res) &&
    req.acceptsEncodings('br') === 'br'
  );
}
