import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { GO_APP } from './go-log.js';

/**
 * gobwas/ws, from its source (server.go at 0928bdf; the same texts since v1.0): `ws.UpgradeHTTP`
 * and `Upgrader.Upgrade` answer the client and return a `RejectConnectionError` whose text is
 * `handshake error: bad "Upgrade" header` and so on (no `ws:` prefix), which the application
 * logs. No capture: Debian has no package for it. Not claimed: a raw-connection Upgrader's bare
 * `EOF` or `bufio: buffer full` (too generic), and `malformed HTTP request` and `given
 * http.ResponseWriter is not a http.Hijacker`: neither holds one of the catalogue's shared keys,
 * so each would add a key of its own to the one test every line pays for.
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
  ],
};
