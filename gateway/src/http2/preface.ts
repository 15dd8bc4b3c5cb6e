/** What a client speaking HTTP/2 with prior knowledge sends first (RFC 9113 §3.4). */
export const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * Which protocol a cleartext connection speaks, from the bytes it has sent so far: `http2` once they hold the
 * whole preface, `http1` as soon as they differ from it, `undecided` while they are a strict prefix of it (TCP may
 * deliver the 24 bytes in several reads). No HTTP/1.1 request starts with the preface: its `PRI` method is
 * reserved for it (RFC 9113 §11.6).
 */
export function protocolOf(received: Uint8Array): 'http2' | 'http1' | 'undecided' {
  const length = Math.min(received.length, HTTP2_PREFACE.length);
  if (!HTTP2_PREFACE.subarray(0, length).equals(received.subarray(0, length))) return 'http1';
  return length === HTTP2_PREFACE.length ? 'http2' : 'undecided';
}
