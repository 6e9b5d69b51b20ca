import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { GO_APP } from './go-log.js';

/**
 * nhooyr.io/websocket, now github.com/coder/websocket (Debian's 1.8.7 captured in
 * fixtures/logs/nhooyr/). `Accept` answers the client and returns an error wrapped as
 * `failed to accept WebSocket connection: …`, which the application logs (`log.Printf("%v",
 * err)`). Several messages quote a request header (`Connection header "keep-alive" …`): that
 * quoted text is the client's, and no address is read from it.
 */
const V187 = 'nhooyr.io/websocket 1.8.7 accept.go';
const WRAP = 'failed to accept WebSocket connection: ';
/** A value Go's %q quoted: the client's text, bounded. */
const Q = '"[^\\n]{0,2000}"';
const T = '2026/12/01 19:27:01';

/** Every line holds the wrapper: one needle for the stack, under the catalogue's shared key. */
function rule(name: string, cause: Cause, desc: string, source: string, message: string, samples: readonly RuleSample[]): RuleSpec {
  return { id: `nhooyr/${name}`, desc, source, needle: WRAP, pattern: `^${GO_APP}${WRAP}(?<detail>${message})$`, complete: true, cause, samples };
}

export const nhooyr: StackRules = {
  stack: 'nhooyr',
  desc: 'nhooyr.io/websocket (coder/websocket) Accept errors as the application logs them (Go log prefix optional)',
  rules: [
    rule(
      'no-connection-upgrade',
      'not-websocket',
      'no `Upgrade` token in Connection: a plain GET (browser, scanner) or a proxy that dropped the header; the quoted value does not tell which (426)',
      `${V187}:165 "WebSocket protocol violation: Connection header %q does not contain Upgrade"; fixtures/logs/nhooyr/printf.log`,
      `WebSocket protocol violation: Connection header ${Q} does not contain Upgrade`,
      [
        {
          text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: Connection header "keep-alive" does not contain Upgrade`,
          cause: 'not-websocket',
          ip: null,
          status: null,
          time: T,
          detail: 'WebSocket protocol violation: Connection header "keep-alive" does not contain Upgrade',
        },
        { text: `${T} 127.0.0.4:54455: failed to accept WebSocket connection: WebSocket protocol violation: Connection header "keep-alive" does not contain Upgrade`, cause: 'not-websocket', ip: '127.0.0.4', port: 54455 },
        { text: `${T} [::1]:35951: failed to accept WebSocket connection: WebSocket protocol violation: Connection header "" does not contain Upgrade`, cause: 'not-websocket', ip: '::1', port: 35951 },
        {
          text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: Connection header "x 6.6.6.6:1: failed to accept WebSocket connection: y" does not contain Upgrade`,
          cause: 'not-websocket',
          ip: null,
          note: 'inject: an address and the wrapper inside the quoted header',
        },
      ],
    ),
    rule(
      'bad-upgrade-header',
      'bad-upgrade-header',
      'Connection asks for an upgrade but Upgrade is not websocket (h2c, or missing: `""`), answered 426',
      `${V187}:171 "WebSocket protocol violation: Upgrade header %q does not contain websocket"; fixtures/logs/nhooyr/printf.log`,
      `WebSocket protocol violation: Upgrade header ${Q} does not contain websocket`,
      [
        { text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: Upgrade header "h2c" does not contain websocket`, cause: 'bad-upgrade-header', ip: null },
        { text: `${T} 127.0.0.6:50063: failed to accept WebSocket connection: WebSocket protocol violation: Upgrade header "h2c" does not contain websocket`, cause: 'bad-upgrade-header', ip: '127.0.0.6' },
        { text: `${T} ws /6.6.6.6:1: failed to accept WebSocket connection: WebSocket protocol violation: Upgrade header "h2c" does not contain websocket`, cause: 'bad-upgrade-header', ip: null, note: 'inject: an address inside a logged path' },
      ],
    ),
    rule(
      'method-not-get',
      'bad-method',
      'a request that is not GET (POST, or a token such as G3T), answered 405',
      `${V187}:175 "WebSocket protocol violation: handshake request method is not GET but %q"; fixtures/logs/nhooyr/printf.log`,
      `WebSocket protocol violation: handshake request method is not GET but ${Q}`,
      [
        { text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: handshake request method is not GET but "POST"`, cause: 'bad-method', ip: null },
        { text: `${T} 127.0.0.24:38765: failed to accept WebSocket connection: WebSocket protocol violation: handshake request method is not GET but "G3T"`, cause: 'bad-method', ip: '127.0.0.24' },
        { text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: handshake request method is not GET but "6.6.6.6:1"`, cause: 'bad-method', ip: null, note: 'inject: an address as the method' },
      ],
    ),
    rule(
      'http-10',
      'invalid-http',
      'an HTTP/1.0 request: a WebSocket handshake needs HTTP/1.1 (answered 426)',
      `${V187}:159 "WebSocket protocol violation: handshake request must be at least HTTP/1.1: %q"; fixtures/logs/nhooyr/printf.log`,
      `WebSocket protocol violation: handshake request must be at least HTTP/1\\.1: ${Q}`,
      [
        { text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: handshake request must be at least HTTP/1.1: "HTTP/1.0"`, cause: 'invalid-http', ip: null },
        { text: `${T} 127.0.0.14:45087: failed to accept WebSocket connection: WebSocket protocol violation: handshake request must be at least HTTP/1.1: "HTTP/1.0"`, cause: 'invalid-http', ip: '127.0.0.14', port: 45087 },
        { text: `${T} 6.6.6.6:1:2: failed to accept WebSocket connection: WebSocket protocol violation: handshake request must be at least HTTP/1.1: "HTTP/1.0"`, cause: 'invalid-http', ip: null, note: 'inject: not an address:port field' },
      ],
    ),
    rule(
      'unsupported-version',
      'unsupported-version',
      'Sec-WebSocket-Version missing (`""`) or not 13',
      `${V187}:180 "unsupported WebSocket protocol version (only 13 is supported): %q"; fixtures/logs/nhooyr/printf.log`,
      `unsupported WebSocket protocol version \\(only 13 is supported\\): ${Q}`,
      [
        { text: `${T} failed to accept WebSocket connection: unsupported WebSocket protocol version (only 13 is supported): "8"`, cause: 'unsupported-version', ip: null },
        { text: `${T} 127.0.0.8:44181: failed to accept WebSocket connection: unsupported WebSocket protocol version (only 13 is supported): ""`, cause: 'unsupported-version', ip: '127.0.0.8' },
        { text: `${T} failed to accept WebSocket connection: unsupported WebSocket protocol version (only 13 is supported): "6.6.6.6:1"`, cause: 'unsupported-version', ip: null, note: 'inject: an address as the version' },
      ],
    ),
    rule(
      'bad-key',
      'bad-key',
      'Sec-WebSocket-Key missing (later coder/websocket also: not 16 bytes of base64)',
      `${V187}:184 "WebSocket protocol violation: missing Sec-WebSocket-Key"; coder/websocket accept.go "invalid Sec-WebSocket-Key %q, must be a 16 byte base64 encoded string"; fixtures/logs/nhooyr/printf.log`,
      `WebSocket protocol violation: (?:missing Sec-WebSocket-Key|invalid Sec-WebSocket-Key ${Q}, must be a 16 byte base64 encoded string)`,
      [
        { text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: missing Sec-WebSocket-Key`, cause: 'bad-key', ip: null },
        { text: `${T} 127.0.0.11:40000: failed to accept WebSocket connection: WebSocket protocol violation: invalid Sec-WebSocket-Key "not-a-valid-key!", must be a 16 byte base64 encoded string`, cause: 'bad-key', ip: '127.0.0.11' },
        { text: `${T} failed to accept WebSocket connection: WebSocket protocol violation: invalid Sec-WebSocket-Key "6.6.6.6:1", must be a 16 byte base64 encoded string`, cause: 'bad-key', ip: null, note: 'inject: an address as the key' },
      ],
    ),
    rule(
      'origin-not-authorized',
      'origin-rejected',
      'Origin neither the request\'s host nor one of OriginPatterns (or not a URL), answered 403',
      `${V187}:214 "request Origin %q is not authorized for Host %q", :198 "failed to parse Origin header %q: %w"; fixtures/logs/nhooyr/printf.log`,
      `(?:request Origin ${Q} is not authorized for Host ${Q}|failed to parse Origin header ${Q}: [^\\n]{1,500})`,
      [
        { text: `${T} failed to accept WebSocket connection: request Origin "https://evil.example" is not authorized for Host "localhost:18402"`, cause: 'origin-rejected', ip: null },
        { text: `${T} 127.0.0.12:60311: failed to accept WebSocket connection: request Origin "https://evil.example" is not authorized for Host "localhost:18403"`, cause: 'origin-rejected', ip: '127.0.0.12', port: 60311 },
        { text: `${T} failed to accept WebSocket connection: failed to parse Origin header "http://[::1": parse "http://[::1": missing ']' in host`, cause: 'origin-rejected' },
        { text: `${T} failed to accept WebSocket connection: request Origin "http://6.6.6.6:80" is not authorized for Host "6.6.6.6:80"`, cause: 'origin-rejected', ip: null, note: 'inject: addresses in Origin and Host' },
      ],
    ),
    rule(
      'extension-parameter',
      'subprotocol',
      'a permessage-deflate (or x-webkit-deflate-frame) parameter the server does not take: extension negotiation failed, answered 400',
      `${V187}:268 "unsupported permessage-deflate parameter: %q", :298 "unsupported x-webkit-deflate-frame parameter: %q"`,
      `unsupported (?:permessage-deflate|x-webkit-deflate-frame) parameter: ${Q}`,
      [
        { text: `${T} failed to accept WebSocket connection: unsupported permessage-deflate parameter: "server_max_window_bits=10"`, cause: 'subprotocol', ip: null },
        { text: `${T} 127.0.0.1:5678: failed to accept WebSocket connection: unsupported x-webkit-deflate-frame parameter: "max_window_bits=10"`, cause: 'subprotocol', ip: '127.0.0.1' },
        { text: `${T} failed to accept WebSocket connection: unsupported permessage-deflate parameter: "6.6.6.6:1"`, cause: 'subprotocol', ip: null, note: 'inject: an address as the parameter' },
      ],
    ),
    rule(
      'server-side',
      'server-error',
      'the server broke the upgrade: a ResponseWriter that cannot be hijacked, a failed hijack, or an OriginPatterns entry that is not a valid pattern (then `Forbidden`, after the library\'s own `websocket: failed to parse filepath pattern` line)',
      `${V187}:105 "http.ResponseWriter does not implement http.Hijacker", :136 "failed to hijack connection: %w", :96 errors.New(http.StatusText(http.StatusForbidden))`,
      '(?:http\\.ResponseWriter does not implement http\\.Hijacker|failed to hijack connection: [^\\n]{1,500}|Forbidden)',
      [
        { text: `${T} failed to accept WebSocket connection: http.ResponseWriter does not implement http.Hijacker`, cause: 'server-error', ip: null },
        { text: `${T} 127.0.0.1:5678: failed to accept WebSocket connection: Forbidden`, cause: 'server-error', ip: '127.0.0.1' },
        { text: `${T} failed to echo: failed to get reader: received close frame: status = StatusGoingAway and reason = ""`, match: false, note: 'a session that ended, after the handshake' },
        { text: `${T} GET /x?6.6.6.6:1 failed to accept WebSocket connection: Forbidden`, cause: 'server-error', ip: null, note: 'inject: an address inside a logged request' },
      ],
    ),
  ],
};
