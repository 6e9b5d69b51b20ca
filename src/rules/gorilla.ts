import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { GO_APP } from './go-log.js';

/**
 * gorilla/websocket (Debian's 1.5.0 captured in fixtures/logs/gorilla/; older and newer
 * wordings from the library's history). `Upgrader.Upgrade` answers the client itself and
 * returns a `HandshakeError` whose text the application logs, as gorilla's examples do with
 * `log.Println("upgrade:", err)`. The line states neither the status answered nor, unless the
 * application adds `r.RemoteAddr`, the client.
 */
const V150 = 'gorilla/websocket 1.5.0 server.go';
const NOT_WS = "(?:the client is not using the websocket protocol|not a websocket handshake)";
const T = '2026/12/01 19:26:45';

/**
 * Every message starts `websocket: `: one key for the whole stack, so a line without it costs
 * nothing more (the library's own `read: websocket: close …` lines get past it and match nothing).
 */
function rule(name: string, cause: Cause, desc: string, source: string, message: string, samples: readonly RuleSample[]): RuleSpec {
  return { id: `gorilla/${name}`, desc, source, needle: 'websocket: ', pattern: `^${GO_APP}(?<detail>websocket: ${message})$`, complete: true, cause, samples };
}

export const gorilla: StackRules = {
  stack: 'gorilla',
  desc: 'gorilla/websocket Upgrader errors as the application logs them (Go log prefix optional)',
  rules: [
    rule(
      'no-connection-upgrade',
      'not-websocket',
      "no `upgrade` token in Connection: a plain GET (browser, scanner), or a proxy that dropped the header; the line cannot tell which, and plain GETs are most of them (answered 400)",
      `${V150}:129 badHandshake+"'upgrade' token not found in 'Connection' header"; older versions "not a websocket handshake: …"; fixtures/logs/gorilla/println.log`,
      `${NOT_WS}: 'upgrade' token not found in 'Connection' header`,
      [
        {
          text: `${T} upgrade: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header`,
          cause: 'not-websocket',
          ip: null,
          status: null,
          time: T,
          detail: "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
        },
        { text: `${T} upgrade 127.0.0.4:54455: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header`, cause: 'not-websocket', ip: '127.0.0.4', port: 54455 },
        { text: `${T} upgrade [::1]:35951: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header`, cause: 'not-websocket', ip: '::1', port: 35951 },
        { text: "upgrade:websocket: not a websocket handshake: 'upgrade' token not found in 'Connection' header", cause: 'not-websocket', time: null, note: "log.Print(\"upgrade:\", err) as gorilla's echo example writes it (no space), flags cleared; older wording" },
        { text: `${T} upgrade /ws?6.6.6.6:80: websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header`, cause: 'not-websocket', ip: null, note: 'inject: an address in a path the application logged is not read' },
        { text: `${T} GET /websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header 404`, match: false, note: 'the message quoted inside a request line' },
      ],
    ),
    rule(
      'bad-upgrade-header',
      'bad-upgrade-header',
      'Connection asks for an upgrade but Upgrade is not websocket (h2c, or missing)',
      `${V150}:133 badHandshake+"'websocket' token not found in 'Upgrade' header"; fixtures/logs/gorilla/println.log`,
      `${NOT_WS}: 'websocket' token not found in 'Upgrade' header`,
      [
        { text: `${T} upgrade: websocket: the client is not using the websocket protocol: 'websocket' token not found in 'Upgrade' header`, cause: 'bad-upgrade-header', ip: null },
        { text: `${T} upgrade 127.0.0.6:50063: websocket: the client is not using the websocket protocol: 'websocket' token not found in 'Upgrade' header`, cause: 'bad-upgrade-header', ip: '127.0.0.6', port: 50063 },
        { text: `${T} upgrade 6.6.6.6:1 x: websocket: the client is not using the websocket protocol: 'websocket' token not found in 'Upgrade' header`, cause: 'bad-upgrade-header', ip: null, note: 'inject: an address followed by more text is not the application\'s address field' },
      ],
    ),
    rule(
      'method-not-get',
      'bad-method',
      'a request that is not GET (POST, or a method token such as G3T), answered 405',
      `${V150}:137 badHandshake+"request method is not GET"; fixtures/logs/gorilla/println.log`,
      `${NOT_WS}: request method is not GET`,
      [
        { text: `${T} upgrade: websocket: the client is not using the websocket protocol: request method is not GET`, cause: 'bad-method', ip: null },
        { text: `${T} upgrade 127.0.0.13:55733: websocket: the client is not using the websocket protocol: request method is not GET`, cause: 'bad-method', ip: '127.0.0.13' },
        { text: `${T} upgrade: websocket: not a websocket handshake: request method is not GET`, cause: 'bad-method', note: 'older wording' },
        { text: `${T} upgrade: websocket: request method is not GET 6.6.6.6:1`, match: false, note: 'inject: text after the message' },
      ],
    ),
    rule(
      'unsupported-version',
      'unsupported-version',
      'Sec-WebSocket-Version missing or not 13',
      `${V150}:141 "websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header"; fixtures/logs/gorilla/println.log`,
      "unsupported version: 13 not found in 'Sec-Websocket-Version' header",
      [
        { text: `${T} upgrade: websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header`, cause: 'unsupported-version', ip: null },
        { text: `${T} upgrade 127.0.0.7:35223: websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header`, cause: 'unsupported-version', ip: '127.0.0.7' },
        { text: `${T} upgrade "6.6.6.6:1": websocket: unsupported version: 13 not found in 'Sec-Websocket-Version' header`, cause: 'unsupported-version', ip: null, note: 'inject: a quoted address is a value the application quoted, not read' },
      ],
    ),
    rule(
      'origin-not-allowed',
      'origin-rejected',
      'Origin refused by Upgrader.CheckOrigin (by default: not the request\'s own host), answered 403',
      `${V150}:153 "websocket: request origin not allowed by Upgrader.CheckOrigin"; older versions "'Origin' header value not allowed"; fixtures/logs/gorilla/println.log`,
      "(?:request origin not allowed by Upgrader\\.CheckOrigin|'Origin' header value not allowed)",
      [
        { text: `${T} upgrade: websocket: request origin not allowed by Upgrader.CheckOrigin`, cause: 'origin-rejected', ip: null },
        { text: `${T} upgrade 127.0.0.12:60311: websocket: request origin not allowed by Upgrader.CheckOrigin`, cause: 'origin-rejected', ip: '127.0.0.12', port: 60311 },
        { text: "2026/12/01 19:26:45.123456 ws: websocket: 'Origin' header value not allowed", cause: 'origin-rejected', time: T, note: 'Lmicroseconds; the oldest wording' },
        { text: `${T} upgrade https://6.6.6.6:443: websocket: request origin not allowed by Upgrader.CheckOrigin`, cause: 'origin-rejected', ip: null, note: 'inject: an Origin the application logged' },
      ],
    ),
    rule(
      'bad-key',
      'bad-key',
      'Sec-WebSocket-Key missing or blank (later versions also: not 16 bytes of base64)',
      `${V150}:158 "websocket: not a websocket handshake: 'Sec-WebSocket-Key' header is missing or blank"; later versions isValidChallengeKey "…must be Base64 encoded value of 16-byte in length"; fixtures/logs/gorilla/println.log`,
      "not a websocket handshake: (?:'Sec-WebSocket-Key' header is missing or blank|`Sec-Websocket-Key' header is missing or blank|'Sec-WebSocket-Key' header must be Base64 encoded value of 16-byte in length)",
      [
        { text: `${T} upgrade: websocket: not a websocket handshake: 'Sec-WebSocket-Key' header is missing or blank`, cause: 'bad-key', ip: null },
        { text: `${T} upgrade 127.0.0.10:53449: websocket: not a websocket handshake: 'Sec-WebSocket-Key' header must be Base64 encoded value of 16-byte in length`, cause: 'bad-key', ip: '127.0.0.10', note: 'later versions refuse a malformed key too (1.5.0 accepts it)' },
        { text: `${T} upgrade 6.6.6.6: websocket: not a websocket handshake: 'Sec-WebSocket-Key' header is missing or blank`, cause: 'bad-key', ip: null, note: 'inject: an address without a port is not the application\'s RemoteAddr' },
      ],
    ),
    rule(
      'server-side',
      'server-error',
      'the application or its middleware broke the upgrade: extensions set by hand, a ResponseWriter that cannot be hijacked',
      `${V150}:145 "application specific 'Sec-WebSocket-Extensions' headers are unsupported", :177 "response does not implement http.Hijacker"`,
      "(?:application specific 'Sec-Web[Ss]ocket-Extensions' headers are unsupported|response does not implement http\\.Hijacker)",
      [
        { text: `${T} upgrade: websocket: response does not implement http.Hijacker`, cause: 'server-error', ip: null },
        { text: `${T} upgrade 127.0.0.1:5678: websocket: application specific 'Sec-WebSocket-Extensions' headers are unsupported`, cause: 'server-error', ip: '127.0.0.1' },
        { text: `${T} read: websocket: close 1000 (normal)`, match: false, note: "the echo loop's end after a good session" },
        { text: `${T} read: websocket: close 1006 (abnormal closure): unexpected EOF`, match: false, note: 'a session that ended badly, after the handshake' },
        { text: `${T} upgrade 6.6.6.6:1 6.6.6.6:1: websocket: response does not implement http.Hijacker`, cause: 'server-error', ip: null, note: 'inject: two addresses, neither in the application\'s place' },
      ],
    ),
    rule(
      'data-before-handshake',
      'invalid-http',
      'the client sent bytes after its request without waiting for the 101',
      `${V150}:187 "websocket: client sent data before handshake is complete"`,
      'client sent data before handshake is complete',
      [
        { text: `${T} upgrade: websocket: client sent data before handshake is complete`, cause: 'invalid-http', ip: null },
        { text: `${T} upgrade 127.0.0.1:5678: websocket: client sent data before handshake is complete`, cause: 'invalid-http', ip: '127.0.0.1', port: 5678 },
        { text: `${T} upgrade 6.6.6.6:1:: websocket: client sent data before handshake is complete`, cause: 'invalid-http', ip: null, note: 'inject: an address not followed by the separator' },
      ],
    ),
  ],
};
