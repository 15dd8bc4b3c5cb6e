import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JwtSettings } from '@hub/shared/auth/jwt';
import { ROLES } from '@hub/shared/auth/principal';
import { mintDevelopmentToken, DevelopmentLoginError } from './dev-login.js';

/** Where the build puts the web app. */
export const consolePublicDir = fileURLToPath(new URL('../public', import.meta.url));

export interface ConsoleServerOptions {
  /** The gateway's GraphQL endpoint; the console's `/graphql` forwards to it and to nothing else. */
  gatewayUrl: string;
  /** Folder of the built web app (index.html and assets). */
  publicDir: string;
  port?: number;
  host?: string;
  /**
   * The hub's token settings, given only outside production: they enable `POST /dev/login`, which mints a
   * development token for a chosen role and region the way `npm run token` does.
   */
  developmentLogin?: JwtSettings;
  /**
   * Tracking's live-journey endpoint (`…/graphql/stream`, graphql-sse): the gateway cannot carry subscriptions,
   * so the console's `/graphql/stream` streams to it and to nothing else. Absent: live updates are off.
   */
  trackingStreamUrl?: string;
  /** Largest request body forwarded to the gateway. */
  maxBodyBytes?: number;
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// ECharts sets inline styles on its canvas; no script, frame or connection leaves this origin.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Serves the console's static files, forwards `/graphql` to the gateway (same origin, so the gateway needs
 * no CORS), and outside production offers the development login.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsole> {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const publicDir = normalize(options.publicDir).replace(/[/]+$/, '');
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 502, { errors: [{ message: 'The gateway could not be reached', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://console').pathname;
    if (path === '/graphql') return forwardToGateway(req, res);
    if (path === '/graphql/stream') return forwardToTrackingStream(req, res);
    if (path === '/dev/login') return developmentLogin(req, res);
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed' });
    return serveFile(path, res);
  }

  async function forwardToGateway(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { errors: [{ message: 'Use POST', extensions: { code: 'BAD_REQUEST' } }] });
    const body = await readBody(req, maxBodyBytes);
    if (body === undefined) return sendJson(res, 413, { errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }] });
    const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const answer = await fetch(options.gatewayUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
    res.writeHead(answer.status, {
      ...SECURITY_HEADERS,
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'cache-control': 'no-store',
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }

  /** Pipes the event stream through as it comes (no buffering), and drops the upstream when the browser leaves. */
  async function forwardToTrackingStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!options.trackingStreamUrl) return sendJson(res, 404, { errors: [{ message: 'Live tracking is not configured', extensions: { code: 'NOT_FOUND' } }] });
    if (req.method !== 'POST' && req.method !== 'GET') return sendJson(res, 405, { errors: [{ message: 'Use POST', extensions: { code: 'BAD_REQUEST' } }] });
    const body = req.method === 'POST' ? await readBody(req, maxBodyBytes) : Buffer.alloc(0);
    if (body === undefined) return sendJson(res, 413, { errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }] });
    const target = new URL(options.trackingStreamUrl);
    target.search = new URL(req.url ?? '/', 'http://console').search;
    const headers: Record<string, string> = { accept: req.headers.accept ?? 'text/event-stream' };
    if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    await new Promise<void>((resolve, reject) => {
      const upstream = http.request(target, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          ...SECURITY_HEADERS,
          'content-type': answer.headers['content-type'] ?? 'text/event-stream',
          'cache-control': 'no-store',
        });
        res.flushHeaders();
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', reject);
      });
      upstream.on('error', reject);
      res.on('close', () => {
        upstream.destroy();
        resolve();
      });
      upstream.end(body);
    });
  }

  async function developmentLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!options.developmentLogin) return sendJson(res, 404, { error: 'Development login is off in production' });
    if (req.method === 'GET') return sendJson(res, 200, { enabled: true, roles: ROLES });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST' });
    const body = await readBody(req, 10_000);
    try {
      const request = JSON.parse(body?.toString('utf8') ?? 'null') as unknown;
      return sendJson(res, 200, await mintDevelopmentToken(options.developmentLogin, request));
    } catch (error) {
      const message = error instanceof DevelopmentLoginError ? error.message : 'The body must be JSON: { role, regions, subject? }';
      return sendJson(res, 400, { error: message });
    }
  }

  async function serveFile(path: string, res: ServerResponse): Promise<void> {
    const file = normalize(join(publicDir, decodeURIComponent(path)));
    const inside = file.startsWith(publicDir + sep);
    const found = inside
      ? await stat(file).then(
          (s) => s.isFile(),
          () => false,
        )
      : false;
    // Unknown paths are the app's own routes: answer with index.html and let it route.
    const target = found ? file : join(publicDir, 'index.html');
    if (
      !found &&
      !(await stat(target).then(
        (s) => s.isFile(),
        () => false,
      ))
    ) {
      return sendJson(res, 503, { error: 'The console is not built: run npm run build -w console' });
    }
    const hashed = found && path.startsWith('/assets/');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(target)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The body, or undefined when it is larger than `limit`. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
