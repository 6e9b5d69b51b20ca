import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { GO_APP } from './go-log.js';

/**
 * gobwas/ws, from its source (server.go, http.go, errors.go at 6ee0554 = v1.4.0+4; the same texts
 * since v1.0): `ws.UpgradeHTTP` and `Upgrader.Upgrade` answer the client and return a
 * `ConnectionRejectedError` whose text is `handshake error: bad "Upgrade" header` and so on (no
 * `ws:` prefix), which the application logs. No capture: Debian has no package for it.
 * Not claimed:
 * - `handshake error: bad "Sec-WebSocket-Accept" header` (ErrHandshakeBadSecAccept): only the
 *   Dialer returns it (dialer.go:401, :445), about a server it dialled; no client of ours failed.
 * - a raw-connection `Upgrader.Upgrade`'s read errors, returned as they come (server.go:447–455,
 *   :502–505): `EOF`, `unexpected EOF`, or net's `read tcp …: i/o timeout` when the application
 *   set a deadline. Nothing in them says gobwas or handshake. (`readLine` never returns
 *   `bufio: buffer full`: it keeps reading, util.go:155.)
 * - what the application's hooks return (OnRequest, OnHost, OnHeader, OnBeforeUpgrade, Negotiate):
 *   its own texts.
 */
const SRC = 'gobwas/ws server.go';
const T = '2026/12/01 19:30:00';

function rule(name: string, cause: Cause, desc: string, source: string, message: string, samples: readonly RuleSample[]): RuleSpec {
  return { id: `gobwas/${name}`, desc, source, needle: 'handshake error: bad ', pattern: `^${GO_APP}(?<detail>handshake error: bad ${message})$`, complete: true, cause, samples };
}

export const gobwas: StackRules = {
  stack: 'gobwas',
  desc: 'gobwas/ws Upgrade errors as the application logs them (Go log prefix optional)',
  rules: [
    rule('bad-upgrade', 'not-websocket', 'no Upgrade: websocket (checked before Connection): mostly plain GETs; an h2c upgrade says the same', `${SRC} ErrHandshakeBadUpgrade "handshake error: bad %q header" (Upgrade), 400`, '"Upgrade" header', [
      { text: `${T} upgrade error: handshake error: bad "Upgrade" header`, cause: 'not-websocket', ip: null, time: T, detail: 'handshake error: bad "Upgrade" header' },
      { text: `${T} upgrade 127.0.0.4:41000: handshake error: bad "Upgrade" header`, cause: 'not-websocket', ip: '127.0.0.4', port: 41000 },
      { text: `${T} upgrade /6.6.6.6:1: handshake error: bad "Upgrade" header`, cause: 'not-websocket', ip: null, note: 'inject: an address in a logged path' },
    ]),
    rule('bad-connection', 'bad-connection-header', 'Upgrade: websocket but Connection lacks upgrade: a proxy dropped it', `${SRC} ErrHandshakeBadConnection (Connection), 400`, '"Connection" header', [
      { text: `${T} upgrade error: handshake error: bad "Connection" header`, cause: 'bad-connection-header', ip: null },
      { text: `${T} 127.0.0.5:41000: handshake error: bad "Connection" header`, cause: 'bad-connection-header', ip: '127.0.0.5' },
      { text: `${T} Host 6.6.6.6:1 handshake error: bad "Connection" header`, cause: 'bad-connection-header', ip: null, note: 'inject: a Host header logged before the message' },
    ]),
    rule('bad-key', 'bad-key', 'Sec-WebSocket-Key missing or not 24 characters', `${SRC} ErrHandshakeBadSecKey (Sec-WebSocket-Key), 400`, '"Sec-WebSocket-Key" header', [
      { text: `${T} upgrade error: handshake error: bad "Sec-WebSocket-Key" header`, cause: 'bad-key' },
      { text: `handshake error: bad "Sec-WebSocket-Key" header`, cause: 'bad-key', time: null, note: 'the bare error, flags cleared' },
      { text: `${T} 6.6.6.6:1:2 handshake error: bad "Sec-WebSocket-Key" header`, cause: 'bad-key', ip: null, note: 'inject: not an address:port field' },
      { text: `${T} dial ws://10.0.0.2/ws: handshake error: bad "Sec-WebSocket-Accept" header`, match: false, note: "the Dialer's check of a server's answer (dialer.go:401): a client-side failure" },
    ]),
    rule('bad-version', 'unsupported-version', 'Sec-WebSocket-Version missing (400) or not 13 (426)', `${SRC} ErrHandshakeBadSecVersion, ErrHandshakeUpgradeRequired (Sec-WebSocket-Version)`, '"Sec-WebSocket-Version" header', [
      { text: `${T} upgrade error: handshake error: bad "Sec-WebSocket-Version" header`, cause: 'unsupported-version' },
      { text: `${T} ws [::1]:41000: handshake error: bad "Sec-WebSocket-Version" header`, cause: 'unsupported-version', ip: '::1', port: 41000 },
      { text: `${T} upgrade error: handshake error: bad "Sec-WebSocket-Version" header 6.6.6.6:1`, match: false, note: 'inject: text after the message' },
    ]),
    rule('bad-method', 'bad-method', 'a request that is not GET, answered 405', `${SRC} ErrHandshakeBadMethod`, 'HTTP request method', [
      { text: `${T} upgrade error: handshake error: bad HTTP request method`, cause: 'bad-method' },
      { text: `${T} upgrade ?6.6.6.6:1: handshake error: bad HTTP request method`, cause: 'bad-method', ip: null, note: 'inject: an address in a logged query' },
    ]),
    rule('bad-request', 'invalid-http', 'not HTTP/1.1 (HTTP/1.0: 505), or no Host header', `${SRC} ErrHandshakeBadProtocol, ErrHandshakeBadHost`, '(?:HTTP protocol version|"Host" header)', [
      { text: `${T} upgrade error: handshake error: bad HTTP protocol version`, cause: 'invalid-http' },
      { text: `${T} upgrade error: handshake error: bad "Host" header`, cause: 'invalid-http' },
      { text: `${T} upgrade Host=6.6.6.6:1: handshake error: bad "Host" header`, cause: 'invalid-http', ip: null, note: 'inject: a logged Host header' },
    ]),
    {
      id: 'gobwas/malformed-request',
      desc: 'a request line or header line that does not parse (TLS or binary bytes, scanners sending bare CRLFs, a header without a colon), or a Sec-WebSocket-Protocol or -Extensions value that is not a token list: answered 400',
      source: `${SRC}:64 ErrMalformedRequest "malformed HTTP request", returned at server.go:513 (header line), :209, :228, :559, :576 (protocol, extensions); http.go:93 (request line), :260 (extensions)`,
      needle: 'malformed HTTP request',
      pattern: `^${GO_APP}(?<detail>malformed HTTP request)$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: `${T} upgrade error: malformed HTTP request`, cause: 'invalid-http', ip: null, time: T, detail: 'malformed HTTP request' },
        { text: `${T} upgrade 127.0.0.6:41000: malformed HTTP request`, cause: 'invalid-http', ip: '127.0.0.6', port: 41000 },
        { text: `${T} upgrade /6.6.6.6:1: malformed HTTP request`, cause: 'invalid-http', ip: null, note: 'inject: an address in a logged path' },
        { text: '2018/07/30 19:41:34 http.go:92: [http] 127.0.0.1:51538 - 127.0.0.1:8888 : malformed HTTP request "GET"', match: false, note: "net/http's ReadRequest error, which quotes the line (logged by gost, ginuerzh/gost#284): not gobwas" },
      ],
    },
    {
      id: 'gobwas/not-hijacker',
      desc: "ws.UpgradeHTTP could not take the connection over, answered 500: a middleware's ResponseWriter without Hijack (or Unwrap), or an HTTP/2 request, whose writer cannot be hijacked. No client can upgrade through that writer: a server error, kept",
      source: `${SRC}:86 ErrNotHijacker "given http.ResponseWriter is not a http.Hijacker", 500; hijack_go120.go:16 (http.ErrNotSupported), hijack_go119.go:17; returned by HTTPUpgrader.Upgrade, server.go:158–161`,
      needle: 'is not a http.Hijacker',
      pattern: `^${GO_APP}(?<detail>given http\\.ResponseWriter is not a http\\.Hijacker)$`,
      complete: true,
      cause: 'server-error',
      samples: [
        { text: `${T} upgrade error: given http.ResponseWriter is not a http.Hijacker`, cause: 'server-error', ip: null, detail: 'given http.ResponseWriter is not a http.Hijacker' },
        { text: `${T} ws 127.0.0.7:41000: given http.ResponseWriter is not a http.Hijacker`, cause: 'server-error', ip: '127.0.0.7', port: 41000 },
        { text: `${T} upgrade /6.6.6.6:1 given http.ResponseWriter is not a http.Hijacker`, cause: 'server-error', ip: null, note: 'inject: an address in a logged path' },
        { text: `${T} upgrade error: given http.ResponseWriter is not a http.Hijacker 6.6.6.6:1`, match: false, note: 'inject: text after the message' },
      ],
    },
  ],
};
