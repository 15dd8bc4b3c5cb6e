import { HTTP2_PREFACE, protocolOf } from './preface.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('protocolOf', () => {
  it.each([
    ['nothing yet', bytes(''), 'undecided'],
    ['the first byte of the preface', bytes('P'), 'undecided'],
    ['the preface but its last byte', HTTP2_PREFACE.subarray(0, 23), 'undecided'],
    ['the whole preface', HTTP2_PREFACE, 'http2'],
    ['the preface and the first frame', Buffer.concat([HTTP2_PREFACE, Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]), 'http2'],
    ['a POST, at its second byte', bytes('PO'), 'http1'],
    ['a GET request line', bytes('GET /health HTTP/1.1\r\n'), 'http1'],
    ['an HTTP/1.1 request for PRI', bytes('PRI * HTTP/1.1\r\n'), 'http1'],
    ['a TLS ClientHello sent to the cleartext port', Buffer.from([0x16, 0x03, 0x01]), 'http1'],
  ] as const)('%s → %s', (_label, received, expected) => {
    expect(protocolOf(received)).toBe(expected);
  });
});
