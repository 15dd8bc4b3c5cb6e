import http2 from 'node:http2';
import net from 'node:net';
import { once } from 'node:events';
import express from 'express';
import { CONNECTION_SPECIFIC_HEADERS } from '../src/http2/http2-express-app.js';
import { listenOnePort, MAX_CONCURRENT_STREAMS, type OnePortServer } from '../src/http2/one-port-server.js';
import { HTTP2_PREFACE } from '../src/http2/preface.js';

/** The one-port server with routes of its own: what the gateway's routes never do, but a later middleware might. */
let server: OnePortServer;
let session: http2.ClientHttp2Session;

beforeAll(async () => {
  server = await listenOnePort(
    (app) => {
      app.get('/hop-by-hop', (_req, res) => {
        res.set({ 'keep-alive': 'timeout=5', 'proxy-connection': 'keep-alive', upgrade: 'websocket' }).json({ ok: true });
      });
      app.get('/write-head', (_req, res) => {
        res.writeHead(200, { 'Keep-Alive': 'timeout=5', 'Transfer-Encoding': 'chunked', 'content-type': 'text/plain' });
        res.end('ok');
      });
    },
    0,
    '127.0.0.1',
  );
  session = http2.connect(server.url);
  await once(session, 'connect');
});

afterAll(async () => {
  session?.close();
  await server?.close();
});

function h2(path: string): Promise<{ headers: http2.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':path': path });
    let headers: http2.IncomingHttpHeaders = {};
    let body = '';
    stream.on('response', (received) => (headers = received));
    stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
    stream.on('end', () => resolve({ headers, body }));
    stream.on('error', reject);
  });
}

/** Writes `pieces` one by one on a fresh connection and resolves with the first bytes the server answers. */
async function firstAnswer(pieces: Buffer[]): Promise<Buffer> {
  const socket = net.connect({ host: '127.0.0.1', port: server.port, noDelay: true });
  try {
    await once(socket, 'connect');
    for (const piece of pieces) socket.write(piece);
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    return chunk;
  } finally {
    socket.destroy();
  }
}

it('tells HTTP/2 from HTTP/1.1 when the first bytes arrive in pieces', async () => {
  const emptySettings = Buffer.from([0, 0, 0, 0x04, 0, 0, 0, 0, 0]);
  const http2Answer = await firstAnswer([HTTP2_PREFACE.subarray(0, 5), HTTP2_PREFACE.subarray(5), emptySettings]);
  // The server's connection preface: a SETTINGS frame (type 4 in the fourth byte of the frame header).
  expect(http2Answer[3]).toBe(0x04);
  // "P" could begin the preface; "PU" cannot.
  const http1Answer = await firstAnswer([Buffer.from('P'), Buffer.from('UT /hop-by-hop HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n')]);
  expect(http1Answer.toString('latin1')).toMatch(/^HTTP\/1\.1 404 /);
});

it.each([
  ['set with res.set', '/hop-by-hop', '{"ok":true}'],
  ['given to writeHead', '/write-head', 'ok'],
])('answers over HTTP/2 without the connection-specific headers a route %s (Node would throw on them)', async (_label, path, body) => {
  const answer = await h2(path);
  expect({ status: answer.headers[':status'], body: answer.body }).toEqual({ status: 200, body });
  expect(Object.keys(answer.headers).filter((name) => CONNECTION_SPECIFIC_HEADERS.has(name))).toEqual([]);
});

/** The frames (type, flags, payload length) the server sends on stream 1 for a GET of `path` (HPACK literals, no Huffman). */
async function framesOfStream1(path: string): Promise<Array<{ type: number; flags: number; length: number }>> {
  // :method GET, :scheme http (static table), :authority 'test' and :path as literals.
  const get = Buffer.concat([Buffer.from([0x82, 0x86, 0x01, 4]), Buffer.from('test'), Buffer.from([0x04, path.length]), Buffer.from(path)]);
  // HEADERS (type 1) with END_STREAM and END_HEADERS (0x5) on stream 1.
  const headers = Buffer.concat([Buffer.from([0, 0, get.length, 0x01, 0x05, 0, 0, 0, 1]), get]);
  const socket = net.connect({ host: '127.0.0.1', port: server.port, noDelay: true });
  try {
    await once(socket, 'connect');
    socket.write(Buffer.concat([HTTP2_PREFACE, Buffer.from([0, 0, 0, 0x04, 0, 0, 0, 0, 0]), headers]));
    const frames: Array<{ type: number; flags: number; length: number }> = [];
    let received = Buffer.alloc(0);
    for await (const chunk of socket as AsyncIterable<Buffer>) {
      received = Buffer.concat([received, chunk]);
      while (received.length >= 9 && received.length >= 9 + received.readUIntBE(0, 3)) {
        const frame = { type: received[3]!, flags: received[4]!, length: received.readUIntBE(0, 3), stream: received.readUInt32BE(5) & 0x7fffffff };
        received = received.subarray(9 + frame.length);
        if (frame.stream !== 1) continue;
        frames.push({ type: frame.type, flags: frame.flags, length: frame.length });
        if (frame.flags & 0x01) return frames;
      }
    }
    return frames;
  } finally {
    socket.destroy();
  }
}

it('ends an HTTP/2 answer written whole with its body, not in an empty DATA frame of its own', async () => {
  // HEADERS (type 1, END_HEADERS), then one DATA frame (type 0) carrying '{"ok":true}' and END_STREAM.
  expect(await framesOfStream1('/hop-by-hop')).toEqual([
    { type: 1, flags: 0x04, length: expect.any(Number) },
    { type: 0, flags: 0x01, length: '{"ok":true}'.length },
  ]);
});

it('keeps them over HTTP/1.1, where they mean something', async () => {
  const response = await fetch(`${server.url}/hop-by-hop`);
  expect(response.headers.get('keep-alive')).toBe('timeout=5');
  expect(await response.json()).toEqual({ ok: true });
});

describe('limits on an HTTP/2 connection', () => {
  const REQUEST_TIMEOUT_MS = 300;
  let limited: OnePortServer;
  let client: http2.ClientHttp2Session;

  beforeAll(async () => {
    limited = await listenOnePort(
      (app) => {
        app.post('/echo', express.json(), (req, res) => {
          res.json(req.body);
        });
        // Answers twice the request timeout after the body arrived whole: the limit is on receiving, not on answering.
        app.post('/slow-answer', express.json(), (req, res) => {
          setTimeout(() => res.json(req.body), 2 * REQUEST_TIMEOUT_MS);
        });
      },
      0,
      '127.0.0.1',
      { requestTimeoutMs: REQUEST_TIMEOUT_MS },
    );
    client = http2.connect(limited.url);
    await once(client, 'remoteSettings');
  });

  afterAll(async () => {
    client?.close();
    await limited?.close();
  });

  /** Opens a POST, writes `body` and ends the request only when `end` is set; resolves with the answer. */
  function post(path: string, body: string, end: boolean): Promise<{ status: number | undefined; body: string }> {
    return new Promise((resolve, reject) => {
      const stream = client.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json' });
      let status: number | undefined;
      let text = '';
      stream.on('response', (headers) => (status = headers[':status']));
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('close', () => resolve({ status, body: text }));
      stream.on('error', reject);
      if (end) stream.end(body);
      else stream.write(body);
    });
  }

  it('lets a client open at most 100 streams at once', () => {
    expect(client.remoteSettings.maxConcurrentStreams).toBe(MAX_CONCURRENT_STREAMS);
  });

  it('answers 408 to a request whose body does not arrive in time, and the connection serves the next one', async () => {
    expect(await post('/echo', '{"half":', false)).toEqual({ status: 408, body: 'request timeout' });
    expect(await post('/echo', '{"whole":true}', true)).toEqual({ status: 200, body: '{"whole":true}' });
    expect(client.closed).toBe(false);
  });

  it('lets an answer take longer than the limit once the request arrived whole', async () => {
    expect(await post('/slow-answer', '{"n":1}', true)).toEqual({ status: 200, body: '{"n":1}' });
  });
});
