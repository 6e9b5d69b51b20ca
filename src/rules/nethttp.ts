import type { StackRules } from './rule.js';
import { GO_TIME } from './go-log.js';

/**
 * Go's net/http server itself (Go 1.19 captured in fixtures/logs/gorilla/), through its
 * ErrorLog or the standard logger: a TLS handshake that failed, and a handler that panicked.
 * It logs nothing for a request line it cannot parse, a client that connects and closes, or a
 * ReadHeaderTimeout on a plaintext port (it answers 400 or just closes). The address is the
 * one net/http writes (`RemoteAddr`); nothing the client sent comes before it on these lines.
 */
const SRC = 'go 1.19 src/net/http/server.go';
/** Go's log prefix, and `file.go:123: ` when the logger has Lshortfile. */
const HEAD = `^${GO_TIME}(?:[\\w.-]{1,60}\\.go:\\d{1,6}: )?http: `;
const TLS = `${HEAD}TLS handshake error from {HOSTPORT}: `;
const T = '2026/12/01 19:26:58';
/** What follows `TLS handshake error from ADDR: ` by cause; Traefik's own log quotes them too. */
export const TLS_DETAIL = {
  'invalid-http': 'tls: first record does not look like a TLS handshake|tls: unsupported SSLv2 handshake received|tls: client offered only unsupported versions: \\[[^\\]\\n]{0,200}\\]|tls: no cipher suite supported by both client and server',
  'early-close': 'EOF|read tcp [^\\s]{1,120}: read: connection reset by peer',
  timeout: 'read tcp [^\\s]{1,120}: i/o timeout',
} as const;

export const nethttp: StackRules = {
  stack: 'nethttp',
  desc: "Go's net/http server: TLS handshake errors and handler panics",
  rules: [
    {
      id: 'nethttp/tls-not-tls',
      desc: 'not TLS on a TLS port: binary bytes, a method net/http does not recognise (G3T), or an SSLv2 or too-old hello. A plain HTTP request is answered 400 and not logged',
      source: `${SRC}:1882 "http: TLS handshake error from %s: %v"; crypto/tls conn.go:653 "first record does not look like a TLS handshake", :637 SSLv2, handshake_server.go:164, :359; fixtures/logs/gorilla/tls.log`,
      needle: 'TLS handshake error from ',
      pattern: `${TLS}(?<detail>${TLS_DETAIL['invalid-http']})$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: `${T} http: TLS handshake error from 127.0.0.16:41441: tls: first record does not look like a TLS handshake`,
          cause: 'invalid-http',
          ip: '127.0.0.16',
          port: 41441,
          status: null,
          time: T,
          detail: 'tls: first record does not look like a TLS handshake',
        },
        { text: `${T} http: TLS handshake error from [::1]:41441: tls: client offered only unsupported versions: [302 301]`, cause: 'invalid-http', ip: '::1' },
        { text: `${T} http: TLS handshake error from 127.0.0.16:41441: tls: first record does not look like a TLS handshake 6.6.6.6:1`, match: false, note: 'inject: text after the message' },
      ],
    },
    {
      id: 'nethttp/tls-early-close',
      desc: 'the client closed or reset the connection during the TLS handshake (TCP health checks, port scans)',
      source: `${SRC}:1882; fixtures/logs/gorilla/tls.log`,
      needle: 'TLS handshake error from ',
      pattern: `${TLS}(?<detail>${TLS_DETAIL['early-close']})$`,
      complete: true,
      cause: 'early-close',
      samples: [
        { text: `${T} http: TLS handshake error from 127.0.0.17:47329: EOF`, cause: 'early-close', ip: '127.0.0.17', port: 47329, detail: 'EOF' },
        { text: `${T} http: TLS handshake error from 127.0.0.17:47329: read tcp 127.0.0.1:18404->127.0.0.17:47329: read: connection reset by peer`, cause: 'early-close', ip: '127.0.0.17' },
        { text: `${T} GET /http: TLS handshake error from 6.6.6.6:1: EOF`, match: false, note: 'inject: the message inside a logged path' },
      ],
    },
    {
      id: 'nethttp/tls-timeout',
      desc: 'the TLS handshake did not finish within ReadHeaderTimeout or ReadTimeout (a ClientHello and then nothing)',
      source: `${SRC}:1882; fixtures/logs/gorilla/tls.log`,
      needle: 'TLS handshake error from ',
      pattern: `${TLS}(?<detail>${TLS_DETAIL.timeout})$`,
      complete: true,
      cause: 'timeout',
      samples: [
        { text: `${T} http: TLS handshake error from 127.0.0.15:47655: read tcp 127.0.0.1:18404->127.0.0.15:47655: i/o timeout`, cause: 'timeout', ip: '127.0.0.15', port: 47655 },
        { text: `${T} http: TLS handshake error from 127.0.0.15:47655: remote error: tls: bad certificate`, match: false, note: "the client refused this server's certificate: maybe the server's problem, kept" },
        { text: `${T} http: TLS handshake error from 6.6.6.6 127.0.0.15:47655: read tcp 127.0.0.1:18404->127.0.0.15:47655: i/o timeout`, match: false, note: 'inject: not the shape net/http writes' },
      ],
    },
    {
      id: 'nethttp/handler-panic',
      owns: ['go-stack'],
      desc: 'a handler panicked (before or during the upgrade on a WebSocket route; the line does not name the route): a bug, never noise. The goroutine dump after it is part of the record',
      source: `${SRC}:1851 "http: panic serving %v: %v\\n%s"; fixtures/logs/gorilla/println.log`,
      needle: 'http: panic serving ',
      pattern: `${HEAD}panic serving {HOSTPORT}: (?<detail>[^\\n]{0,2000})$`,
      complete: true,
      cause: 'server-error',
      samples: [
        {
          text: `2026/12/01 19:26:47 http: panic serving 127.0.0.20:34305: database is down\ngoroutine 33 [running]:\nnet/http.(*conn).serve.func1()\n\t/usr/lib/go-1.19/src/net/http/server.go:1850 +0xbf`,
          cause: 'server-error',
          ip: '127.0.0.20',
          port: 34305,
          detail: 'database is down',
        },
        { text: `2026/12/01 19:26:47 server.go:3195: http: panic serving [::1]:34305: runtime error: invalid memory address or nil pointer dereference`, cause: 'server-error', ip: '::1' },
        { text: `2026/12/01 19:26:47 upgrade: /http: panic serving 6.6.6.6:1: x`, match: false, note: 'inject: the message inside text an application logged' },
      ],
    },
  ],
};
