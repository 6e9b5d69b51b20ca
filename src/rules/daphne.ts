import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { LEADING_TIME } from './common.js';

/**
 * daphne (Debian's 4.0.0 on Twisted 22.4 and autobahn 22.7, captured in fixtures/logs/daphne/).
 * Its default format is `%(asctime)-15s %(levelname)-8s %(message)s`. autobahn refuses a bad
 * handshake before the application sees it, and says why in `failing WebSocket opening handshake
 * ('reason')`, but those lines reach the log only with `-v 2`; at the default `-v 1` daphne logs
 * no handshake failure at all. The access log (stdout, or `--access-log`) is NCSA-like with
 * `WSCONNECTING` / `WSCONNECT` / `WSREJECT` / `WSDISCONNECT` for WebSocket connections.
 */
const LOG = `${LEADING_TIME}[^\\n"'<>]{0,120}?`;
const V = 'daphne 4.0.0';
const AB = 'autobahn 22.7.1 websocket/protocol.py';
const PEER = "\\['(?<ip>(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:.]{2,45})', (?<port>\\d{1,5})\\]";
/** daphne writes its access time without a zone: not captured, since it cannot be placed in time. */
const ACCESS_TIME = '\\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\]';
const ACCESS = `^(?<conn>{HOSTPORT}) - - ${ACCESS_TIME} "`;

/** What follows autobahn's refusal on the same connection. */
const AFTERMATH = ['daphne/dropping-connection', 'daphne/upgraded-connection', 'daphne/unhandled-error-on-close', 'daphne/rejected-by-application', 'daphne/websocket-closed'];

const T = '2026-12-01 19:31:36,910 INFO     ';

/** One rule for each cause autobahn's reasons support. */
function failing(name: string, cause: Cause, reason: string, desc: string, source: string, samples: readonly RuleSample[]): RuleSpec {
  return {
    id: `daphne/failing-${name}`,
    desc,
    source,
    needle: 'failing WebSocket opening handshake (',
    pattern: `^${LOG}failing WebSocket opening handshake \\('(?<detail>${reason})'\\)$`,
    cause,
    claims: AFTERMATH,
    samples,
  };
}

export const daphne: StackRules = {
  stack: 'daphne',
  desc: 'daphne (Django Channels) on Twisted and autobahn: its log at -v 2 and its access log',
  rules: [
    failing(
      'connection-header',
      'bad-connection-header',
      'HTTP Connection header(?:s do not include "upgrade" value \\(case-insensitive\\): "[^\\n]{0,4000}"| missing)',
      'an Upgrade: websocket request whose Connection header lacks upgrade (a proxy stripped it)',
      `${AB}:2754, :2761 via failHandshake :3131`,
      [
        { text: `${T}failing WebSocket opening handshake ('HTTP Connection headers do not include "upgrade" value (case-insensitive): "keep-alive"')`, cause: 'bad-connection-header', ip: null, detail: 'HTTP Connection headers do not include "upgrade" value (case-insensitive): "keep-alive"', time: '2026-12-01 19:31:36,910' },
        { text: `${T}failing WebSocket opening handshake ('HTTP Connection header missing')`, cause: 'bad-connection-header' },
        { text: `${T}"127.0.0.3" - - [01/Dec/2026:19:26:00 +0000] "GET /failing WebSocket opening handshake ('HTTP Connection header missing') HTTP/1.1" 200 6 "-" "x"`, match: false, note: 'the words in a path' },
      ],
    ),
    failing(
      'upgrade-header',
      'bad-upgrade-header',
      'HTTP Upgrade header(?:s do not include "websocket" value \\(case-insensitive\\): "[^\\n]{0,4000}"| missing)',
      'an Upgrade header without websocket (daphne only hands autobahn requests that say websocket, so rare)',
      `${AB}:2742, :2749`,
      [{ text: `${T}failing WebSocket opening handshake ('HTTP Upgrade header missing')`, cause: 'bad-upgrade-header' }],
    ),
    failing(
      'version',
      'unsupported-version',
      'WebSocket connection denied - Hixie76 protocol not supported\\.|WebSocket version \\d{1,10} not supported \\(supported versions: [^\\n]{0,200}\\)|could not parse HTTP Sec-WebSocket-Version header "[^\\n]{0,4000}" in opening handshake request|HTTP Sec-WebSocket-Version header appears more than once in opening handshake request',
      'no Sec-WebSocket-Version (autobahn takes it for Hixie-76), or one it does not speak (8 and 13 are accepted)',
      `${AB}:2767, :2771, :2775, :2784`,
      [
        { text: `${T}failing WebSocket opening handshake ('WebSocket connection denied - Hixie76 protocol not supported.')`, cause: 'unsupported-version' },
        { text: `${T}failing WebSocket opening handshake ('WebSocket version 7 not supported (supported versions: 8,13)')`, cause: 'unsupported-version' },
      ],
    ),
    failing(
      'key',
      'bad-key',
      'HTTP Sec-WebSocket-Key header (?:missing|appears more than once in opening handshake request)|bad Sec-WebSocket-Key \\((?:length must be 24 ASCII chars|invalid base64 encoding)\\) "[^\\n]{0,4000}"|bad character "[^\\n]{0,10}" in Sec-WebSocket-Key \\(invalid base64 encoding\\) "[^\\n]{0,4000}"',
      'a missing or malformed Sec-WebSocket-Key',
      `${AB}:2852, :2854, :2857, :2859, :2862`,
      [
        { text: `${T}failing WebSocket opening handshake ('HTTP Sec-WebSocket-Key header missing')`, cause: 'bad-key' },
        { text: `${T}failing WebSocket opening handshake ('bad Sec-WebSocket-Key (length must be 24 ASCII chars) "not-a-valid-key!"')`, cause: 'bad-key' },
      ],
    ),
    failing(
      'method',
      'bad-method',
      'HTTP method "[^\\n]{0,100}" not allowed',
      'a WebSocket request with a method other than GET (also an invalid token such as G3T: autobahn names the method it read)',
      `${AB}:2642`,
      [
        { text: `${T}failing WebSocket opening handshake ('HTTP method "POST" not allowed')`, cause: 'bad-method', detail: 'HTTP method "POST" not allowed' },
        { text: `${T}failing WebSocket opening handshake ('HTTP method "G3T" not allowed')`, cause: 'bad-method' },
      ],
    ),
    failing(
      'http',
      'invalid-http',
      'Unsupported HTTP version "[^\\n]{0,100}"|Bad HTTP request status line "[^\\n]{0,4000}"|Error during parsing of HTTP status line / request headers : [^\\n]{0,4000}|Bad HTTP request resource - could not parse "[^\\n]{0,4000}"|HTTP requested resource contains a fragment identifier "[^\\n]{0,4000}"',
      'a request line autobahn cannot read',
      `${AB}:2616, :2640, :2645, :2661, :2668`,
      [{ text: `${T}failing WebSocket opening handshake ('Unsupported HTTP version "HTTP/0.9"')`, cause: 'invalid-http' }],
    ),
    failing(
      'host',
      'bad-request',
      'HTTP Host header (?:missing in opening handshake request|appears more than once in opening handshake request)|invalid port "[^\\n]{0,100}" in HTTP Host header "[^\\n]{0,4000}"|port \\d{1,5} in HTTP Host header "[^\\n]{0,4000}" does not match server listening port \\d{1,5}',
      'a missing, doubled or mismatched Host header',
      `${AB}:2673, :2676, :2685, :2691`,
      [{ text: `${T}failing WebSocket opening handshake ('HTTP Host header missing in opening handshake request')`, cause: 'bad-request' }],
    ),
    failing(
      'origin',
      'origin-rejected',
      "WebSocket connection denied: origin '[^\\n]{0,4000}' not allowed",
      "an Origin outside autobahn's allowedOrigins (Channels checks origins in the application instead: that is `Access denied`)",
      `${AB}:2844`,
      [{ text: `${T}failing WebSocket opening handshake ('WebSocket connection denied: origin 'https://evil.example' not allowed')`, cause: 'origin-rejected' }],
    ),
    failing(
      'denied',
      'rejected',
      'Access denied',
      'the application closed before accepting (Channels: a denied origin, a failed authentication): daphne answers 403',
      `${V} ws_protocol.py:230 ConnectionDeny(code=403, reason="Access denied")`,
      [{ text: `${T}failing WebSocket opening handshake ('Access denied')`, cause: 'rejected', status: null }],
    ),
    failing(
      'internal-error',
      'server-error',
      'Internal server error(?:: [^\\n]{0,4000})?',
      'the application raised before accepting (its traceback is logged just before), or onConnect failed: a bug',
      `${V} ws_protocol.py:212 ConnectionDeny(code=500, reason="Internal server error"); ${AB}:2921`,
      [{ text: `${T}failing WebSocket opening handshake ('Internal server error')`, cause: 'server-error' }],
    ),
    {
      id: 'daphne/dropping-connection',
      desc: "autobahn dropping the refused connection: the client's address and port",
      source: `${AB}:893 "dropping connection to peer {peer} with abort={abort}: {reason}"`,
      role: 'part',
      needle: 'dropping connection to peer tcp',
      pattern: `^${LOG}dropping connection to peer tcp[46]:{HOSTPORT} with abort=(?:True|False): (?<detail>[^\\n]{0,4000})$`,
      samples: [
        { text: '2026-12-01 19:31:36,911 WARNING  dropping connection to peer tcp4:127.0.0.5:58041 with abort=False: HTTP Connection headers do not include "upgrade" value (case-insensitive): "keep-alive"', role: 'part', ip: '127.0.0.5', port: 58041 },
        { text: '2026-12-01 19:31:36,911 WARNING  dropping connection to peer tcp6:::1:58041 with abort=False: Access denied', role: 'part', ip: '::1', port: 58041 },
        { text: '2026-12-01 19:31:36,911 WARNING  dropping connection to peer unix:/run/d.sock with abort=False: HTTP method "tcp4:6.6.6.6:1" not allowed', match: false, note: 'inject: an address in the method the client sent' },
      ],
    },
    {
      id: 'daphne/upgraded-connection',
      desc: "daphne handing a request with Upgrade: websocket to autobahn (logged after autobahn's refusal, or before the application decides)",
      source: `${V} http_protocol.py:140 "Upgraded connection %s to WebSocket"`,
      role: 'part',
      needle: 'Upgraded connection [',
      pattern: `^${LOG}Upgraded connection ${PEER} to WebSocket$`,
      samples: [
        { text: "2026-12-01 19:31:36,912 DEBUG    Upgraded connection ['127.0.0.5', 58041] to WebSocket", role: 'part', ip: '127.0.0.5', port: 58041 },
        { text: "2026-12-01 19:31:36,912 DEBUG    HTTP b'GET' request for ['127.0.0.5', 58041] Upgraded connection ['6.6.6.6', 1] to WebSocket", match: false, note: 'inject: not the start of the message' },
      ],
    },
    {
      id: 'daphne/unhandled-error-on-close',
      owns: ['traceback'],
      desc: "daphne 4.0.0 failing in onClose after autobahn refused a handshake (the protocol never got its server): the refusal's aftermath, not a failure of its own",
      source: `${V} ws_protocol.py:162 AttributeError: 'WebSocketProtocol' object has no attribute 'server'; twisted python/log.py "Unhandled Error"`,
      role: 'part',
      needle: 'Unhandled Error',
      pattern: `^${LOG}Unhandled Error$`,
      recordContains: "object has no attribute 'server'",
      samples: [
        {
          text: "2026-12-01 19:31:36,913 CRITICAL Unhandled Error\nTraceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/daphne/ws_protocol.py\", line 162, in onClose\n    self.server.protocol_disconnected(self)\nbuiltins.AttributeError: 'WebSocketProtocol' object has no attribute 'server'",
          role: 'part',
        },
      ],
    },
    {
      id: 'daphne/rejected-by-application',
      desc: 'the application closed before accepting',
      source: `${V} ws_protocol.py:234 "WebSocket %s rejected by application"`,
      role: 'part',
      needle: '] rejected by application',
      pattern: `^${LOG}WebSocket ${PEER} rejected by application$`,
      samples: [
        { text: "2026-12-01 19:31:40,730 DEBUG    WebSocket ['127.0.0.19', 48065] rejected by application", role: 'part', ip: '127.0.0.19', port: 48065 },
        { text: "2026-12-01 19:31:40,730 DEBUG    HTTP b'GET' request for ['127.0.0.3', 1] WebSocket ['6.6.6.6', 1] rejected by application", match: false, note: 'inject' },
      ],
    },
    {
      id: 'daphne/websocket-closed',
      desc: 'the end of a WebSocket connection, good or refused by the application',
      source: `${V} ws_protocol.py:163 "WebSocket closed for %s"`,
      role: 'close',
      needle: 'WebSocket closed for [',
      pattern: `^${LOG}WebSocket closed for ${PEER}$`,
      samples: [
        { text: "2026-12-01 19:31:40,736 DEBUG    WebSocket closed for ['127.0.0.19', 48065]", role: 'close', ip: '127.0.0.19' },
        { text: "2026-12-01 19:31:40,736 DEBUG    HTTP close for ['127.0.0.3', 1] WebSocket closed for ['6.6.6.6', 1]", match: false, note: 'inject' },
      ],
    },
    {
      id: 'daphne/http-on-websocket-route',
      desc: "Twisted's combined access line (at -v 2) of a plain request on a WebSocket route, answered as HTTP; the route must be declared with --ws-path, this log names none",
      source: 'Twisted 22.4 web/http.py combinedLogFormatter via daphne -v 2; fixtures/logs/daphne/debug.log',
      needle: ['" 400 ', '" 403 ', '" 404 ', '" 405 ', '" 426 '],
      pattern: `^${LOG}"{IP}" - - \\[{NGINX_ACCESS_TIME}\\] "(?:GET (?<path>[^"\\s]{1,4000})) HTTP/1\\.[01]" (?<status>40[0345]|426) (?:\\d{1,20}|-) "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$`,
      complete: true,
      wsPathOnly: true,
      cause: 'not-websocket',
      samples: [
        {
          text: '2026-12-01 19:31:34,952 INFO     "127.0.0.4" - - [01/Dec/2026:19:31:34 +0000] "GET /ws HTTP/1.1" 404 10 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"',
          cause: 'not-websocket',
          ip: '127.0.0.4',
          port: null,
          status: 404,
          time: '2026-12-01 19:31:34,952',
        },
        { text: '2026-12-01 19:31:34,952 INFO     "127.0.0.4" - - [01/Dec/2026:19:31:34 +0000] "GET /ws?"6.6.6.6" HTTP/1.1" 200 10 "-" "-"', match: false, note: 'inject: an address in the query of an answered request' },
        { text: '2026-12-01 19:31:34,952 INFO     "127.0.0.4" - - [01/Dec/2026:19:31:34 +0000] "GET /api HTTP/1.1" 404 10 "-" "-"', match: false, note: 'not a WebSocket route' },
      ],
    },
    {
      id: 'daphne/access-connecting',
      desc: 'access log: a WebSocket request handed to the application; held until it is accepted or refused',
      source: `${V} access.py:28 "WSCONNECTING %(path)s"`,
      role: 'open',
      needle: '"WSCONNECTING ',
      pattern: `${ACCESS}WSCONNECTING (?<path>[^"\\s]{1,4000})" - -$`,
      samples: [
        { text: '127.0.0.19:43023 - - [01/Dec/2026:19:31:40] "WSCONNECTING /ws-deny" - -', role: 'open', ip: '127.0.0.19', port: 43023 },
        { text: '127.0.0.19:43023 - - [01/Dec/2026:19:31:40] "WSCONNECTING /ws-deny 6.6.6.6:1" - -', match: false, note: 'inject: a path with a space cannot be logged by daphne' },
      ],
    },
    {
      id: 'daphne/access-connect',
      desc: 'access log: the application accepted; teaches the path as a WebSocket route',
      source: `${V} access.py:40 "WSCONNECT %(path)s"`,
      role: 'success',
      learnsPath: true,
      needle: '"WSCONNECT ',
      pattern: `${ACCESS}WSCONNECT (?<path>[^"\\s]{1,4000})" - -$`,
      samples: [
        { text: '127.0.0.2:53043 - - [01/Dec/2026:19:31:59] "WSCONNECT /ws" - -', role: 'success', ip: '127.0.0.2' },
        { text: '127.0.0.2:53043 - - [01/Dec/2026:19:31:59] "GET /x" 200 "WSCONNECT /ws" - -', match: false, note: 'inject' },
      ],
    },
    {
      id: 'daphne/access-reject',
      desc: 'access log: the application closed before accepting (daphne answers 403)',
      source: `${V} access.py:34 "WSREJECT %(path)s"`,
      needle: '"WSREJECT ',
      pattern: `${ACCESS}WSREJECT (?<path>[^"\\s]{1,4000})" - -$`,
      cause: 'rejected',
      claims: ['daphne/access-disconnect'],
      samples: [
        { text: '127.0.0.19:43023 - - [01/Dec/2026:19:31:40] "WSREJECT /ws-deny" - -', cause: 'rejected', ip: '127.0.0.19', port: 43023, status: null, time: null },
        { text: '[::1]:43023 - - [01/Dec/2026:19:31:40] "WSREJECT /ws-deny" - -', cause: 'rejected', ip: '::1', port: 43023 },
        { text: '127.0.0.3:1 - - [01/Dec/2026:19:31:40] "GET /6.6.6.6:2 - - [01/Dec/2026:19:31:40] "WSREJECT /ws-deny" - -', match: false, note: 'inject: a path quoting a WSREJECT line' },
      ],
    },
    {
      id: 'daphne/access-disconnect',
      desc: 'access log: the end of a WebSocket connection',
      source: `${V} access.py:46 "WSDISCONNECT %(path)s"`,
      role: 'close',
      needle: '"WSDISCONNECT ',
      pattern: `${ACCESS}WSDISCONNECT (?<path>[^"\\s]{1,4000})" - -$`,
      samples: [
        { text: '127.0.0.19:43023 - - [01/Dec/2026:19:31:40] "WSDISCONNECT /ws-deny" - -', role: 'close' },
        { text: '127.0.0.3:1 - - [01/Dec/2026:19:31:40] "GET /6.6.6.6:2 - - [01/Dec/2026:19:31:40] "WSDISCONNECT /ws" - -', match: false, note: 'inject' },
      ],
    },
    {
      id: 'daphne/access-websocket-route',
      desc: 'access log: a plain GET on a WebSocket route (learned from WSCONNECT or declared), answered as HTTP',
      source: `${V} access.py:19 '"%(method)s %(path)s" %(status)s %(size)s'; fixtures/logs/daphne/default-access.log`,
      needle: ['" 400 ', '" 403 ', '" 404 ', '" 405 ', '" 426 '],
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000})" (?<status>40[0345]|426) (?:\\d{1,20}|-)$`,
      complete: true,
      wsPathOnly: true,
      cause: 'not-websocket',
      samples: [
        { text: '127.0.0.4:59727 - - [01/Dec/2026:19:32:00] "GET /ws" 404 10', cause: 'not-websocket', ip: '127.0.0.4', port: 59727, status: 404 },
        { text: '127.0.0.4:59727 - - [01/Dec/2026:19:32:00] "GET /ws?6.6.6.6:1" 200 10', match: false, note: 'inject: an answered request' },
      ],
    },
    {
      id: 'daphne/access-method-on-websocket-route',
      desc: 'access log: a request that is not GET on a WebSocket route (a WebSocket POST never gets here: autobahn refuses it in the -v 2 log)',
      source: `${V} access.py:19`,
      needle: ['" 400 ', '" 404 ', '" 405 '],
      pattern: `${ACCESS}(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) (?<path>[^"\\s]{1,4000})" (?<status>40[045]) (?:\\d{1,20}|-)$`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: '127.0.0.13:40122 - - [01/Dec/2026:19:32:00] "POST /ws" 405 18', cause: 'bad-method', ip: '127.0.0.13', status: 405 },
        { text: '127.0.0.13:40122 - - [01/Dec/2026:19:32:00] "POST /ws?6.6.6.6:1" 201 18', match: false, note: 'inject: an answered request' },
      ],
    },
  ],
};
