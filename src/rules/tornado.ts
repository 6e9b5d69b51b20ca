import type { StackRules } from './rule.js';
import { ISO_TIME } from './common.js';

/**
 * Tornado (Debian's 6.2 captured in fixtures/logs/tornado/). Its own format (`--logging=LEVEL`,
 * `enable_pretty_logging`) is `[L yymmdd HH:MM:SS module:line] message`, coloured on a terminal;
 * with `logging.basicConfig` the lines name the `tornado.access`, `tornado.general` or
 * `tornado.application` logger instead. The access line ends in `(remote_ip) N.NNms`: the
 * patterns read the address from that end, after the request URI the client chose. The reasons
 * (`Can "Upgrade" only to "WebSocket".`, …) are DEBUG records written just after the access
 * line, without an address; the access line claims the one that follows it.
 */
const COLOR = '(?:\\x1b\\[[0-9;]{0,12}m|\\x1b\\(B){0,3}';
/**
 * Its own prefix `[W 261201 19:26:03 web:2293] ` or logging's `2026-12-01 19:26:03,812 …
 * tornado.access: `. Node 20's RegExp takes a group name once, so one `time` group holds either
 * time (`yymmdd HH:MM:SS` or ISO) between the two openings and the two endings.
 */
function prefix(module: string, logger: string): string {
  const time = `(?<time>\\d{6} \\d\\d:\\d\\d:\\d\\d|${ISO_TIME})`;
  return `^(?:${COLOR}\\[[DIWEC] |\\[)?${time}?(?: ${module}:\\d{1,6}\\]${COLOR} |[^\\n]{0,120}?tornado\\.${logger}(?:: ?|\\]:? | - | ))`;
}
const ACCESS = prefix('web', 'access');
const DEBUG = prefix('websocket', 'general');
const TAIL = ' \\({IP}\\) \\d{1,10}\\.\\d\\dms$';
const V62 = 'tornado 6.2';
const REASONS = ['tornado/upgrade-only-websocket', 'tornado/connection-must-be-upgrade', 'tornado/cross-origin', 'tornado/missing-websocket-headers'];
const ROUTE_STATUSES = ['400', '401', '403', '404', '426', '500', '502', '503', '504'];

export const tornado: StackRules = {
  stack: 'tornado',
  desc: 'Tornado WebSocketHandler: tornado.access lines and the tornado.general DEBUG reasons',
  rules: [
    {
      id: 'tornado/access-switching-protocols',
      desc: 'a WebSocket handshake that succeeded; teaches its path as a WebSocket route',
      source: `${V62} web.py:2293 log_request "%d %s %.2fms" with status 101; fixtures/logs/tornado/info.log`,
      role: 'success',
      learnsPath: true,
      needle: '101 GET ',
      pattern: `${ACCESS}101 GET (?<path>[^\\s]{1,4000})${TAIL}`,
      samples: [
        { text: '[I 261201 19:26:02 web:2293] 101 GET /ws (127.0.0.2) 1.01ms', role: 'success', ip: '127.0.0.2', time: '261201 19:26:02' },
        { text: '[I 261201 19:26:11 web:2293] 101 GET /ws (::1) 0.53ms', role: 'success', ip: '::1' },
        { text: '2026-12-01 19:26:02,100 INFO tornado.access: 101 GET /ws?x=(6.6.6.6) (127.0.0.2) 1.01ms', role: 'success', ip: '127.0.0.2', note: 'inject: an address in the query, basicConfig format' },
      ],
    },
    {
      id: 'tornado/access-websocket-route',
      desc: 'a GET on a WebSocket route refused (declared with --ws-path, or learned from a 101); 426 is WebSocketHandler refusing the Sec-WebSocket-Version, a 5xx the application failing; the DEBUG reason that follows joins the event',
      source: `${V62} web.py:2293 log_request; websocket.py:279 (426 "Upgrade Required" when get_websocket_protocol() finds no supported version); fixtures/logs/tornado/info.log`,
      needle: ROUTE_STATUSES.map((s) => `${s} GET `),
      pattern: `${ACCESS}(?<status>40[0134]|426|50[0234]) GET (?<path>[^\\s]{1,4000})${TAIL}`,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '426': 'unsupported-version', '5xx': 'server-error' },
      claims: REASONS,
      samples: [
        { text: '[W 261201 19:26:03 web:2293] 400 GET /ws (127.0.0.4) 0.39ms', cause: 'bad-request', ip: '127.0.0.4', status: 400, port: null, time: '261201 19:26:03' },
        { text: '[W 261201 19:26:03 web:2293] 426 GET /ws (127.0.0.8) 0.42ms', cause: 'unsupported-version', status: 426 },
        { text: '[W 261201 19:26:04 web:2293] 403 GET /ws (127.0.0.12) 0.35ms', cause: 'forbidden', status: 403 },
        { text: '[E 261201 19:26:08 web:2293] 500 GET /ws (127.0.0.20) 2.31ms', cause: 'server-error', status: 500, time: '261201 19:26:08' },
        { text: '[W 261201 19:26:11 web:2293] 400 GET /ws (::1) 2.19ms', cause: 'bad-request', ip: '::1' },
        { text: '\u001b[2;33m[W 261201 19:26:03 web:2293]\u001b(B\u001b[m 400 GET /ws (127.0.0.4) 0.39ms', cause: 'bad-request', ip: '127.0.0.4', time: '261201 19:26:03', note: 'colour codes when stderr is a terminal' },
        { text: '2026-12-01 19:26:03,812 WARNING tornado.access: 400 GET /ws (127.0.0.4) 0.39ms', cause: 'bad-request', ip: '127.0.0.4', time: '2026-12-01 19:26:03,812' },
        { text: 'WARNING:tornado.access:400 GET /ws (127.0.0.4) 0.39ms', cause: 'bad-request', ip: '127.0.0.4', time: null, note: "basicConfig's default format" },
        { text: '[W 261201 19:26:03 web:2293] 400 GET /ws?(6.6.6.6) (127.0.0.4) 0.39ms', cause: 'bad-request', ip: '127.0.0.4', note: 'inject: an address in the query; the address is read from the end' },
        { text: '[W 261201 19:26:03 web:2293] 400 GET /api (127.0.0.4) 0.39ms', match: false, note: 'not a WebSocket route' },
        { text: '[W 261201 19:26:03 web:2293] 200 GET /ws?400 GET /ws (6.6.6.6) 0.39ms (127.0.0.4) 0.39ms', match: false, note: 'inject: an access line in the query of an answered request' },
      ],
    },
    {
      id: 'tornado/access-websocket-method',
      desc: 'a request that is not GET on a WebSocket route: WebSocketHandler answers 405 (any method token, G3T too)',
      source: `${V62} web.py:2293 log_request; web.py:1686 RequestHandler._execute (405 for a method not in SUPPORTED_METHODS), :273 (405 for one the handler does not define); fixtures/logs/tornado/info.log`,
      needle: '405 ',
      pattern: `${ACCESS}(?<status>405) [A-Za-z0-9!#$%&'*+.^_\`|~-]{1,40} (?<path>[^\\s]{1,4000})${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: '[W 261201 19:26:04 web:2293] 405 POST /ws (127.0.0.13) 0.39ms', cause: 'bad-method', ip: '127.0.0.13', status: 405, time: '261201 19:26:04' },
        { text: '[W 261201 19:26:11 web:2293] 405 G3T /ws (127.0.0.24) 0.37ms', cause: 'bad-method', ip: '127.0.0.24' },
        { text: '[W 261201 19:26:04 web:2293] 405 POST /ws?(6.6.6.6) (127.0.0.13) 0.39ms', cause: 'bad-method', ip: '127.0.0.13', note: 'inject: an address in the query' },
        { text: '[W 261201 19:26:04 web:2293] 405 POST /api/items (127.0.0.13) 0.39ms', match: false, note: 'not a WebSocket route' },
      ],
    },
    {
      id: 'tornado/upgrade-only-websocket',
      desc: 'the request has no "Upgrade: websocket" (a plain GET, or an Upgrade to h2c): WebSocketHandler answers 400',
      source: `${V62} websocket.py:235-239 'Can "Upgrade" only to "WebSocket".' (gen_log.debug)`,
      needle: 'Can "Upgrade" only to "WebSocket".',
      pattern: `${DEBUG}Can "Upgrade" only to "WebSocket"\\.$`,
      complete: true,
      cause: 'not-websocket',
      samples: [
        { text: '[D 261201 19:26:03 websocket:239] Can "Upgrade" only to "WebSocket".', cause: 'not-websocket', ip: null, time: '261201 19:26:03' },
        { text: '2026-12-01 19:26:03,812 DEBUG tornado.general: Can "Upgrade" only to "WebSocket".', cause: 'not-websocket', time: '2026-12-01 19:26:03,812' },
        { text: '[W 261201 19:26:03 web:2293] 404 GET /Can "Upgrade" only to "WebSocket". (127.0.0.4) 0.39ms', match: false, note: 'the words in a path' },
      ],
    },
    {
      id: 'tornado/connection-must-be-upgrade',
      desc: 'Upgrade: websocket without "upgrade" in Connection (a proxy that strips it): answered 400',
      source: `${V62} websocket.py:244-253 '"Connection" must be "Upgrade".' (gen_log.debug)`,
      needle: '"Connection" must be "Upgrade".',
      pattern: `${DEBUG}"Connection" must be "Upgrade"\\.$`,
      complete: true,
      cause: 'bad-connection-header',
      samples: [{ text: '[D 261201 19:26:03 websocket:253] "Connection" must be "Upgrade".', cause: 'bad-connection-header', ip: null }],
    },
    {
      id: 'tornado/cross-origin',
      desc: 'check_origin() refused the Origin header: answered 403',
      source: `${V62} websocket.py:267-272 "Cross origin websockets not allowed" (gen_log.debug)`,
      needle: 'Cross origin websockets not allowed',
      pattern: `${DEBUG}Cross origin websockets not allowed$`,
      complete: true,
      cause: 'origin-rejected',
      samples: [{ text: '[D 261201 19:26:04 websocket:272] Cross origin websockets not allowed', cause: 'origin-rejected' }],
    },
    {
      id: 'tornado/missing-websocket-headers',
      desc: 'no Sec-WebSocket-Key (or no Host) with a supported version: answered 400',
      source: `${V62} websocket.py:857-863 "Missing/Invalid WebSocket headers", _handle_websocket_headers:876-884 (Host, Sec-Websocket-Key, Sec-Websocket-Version; a missing version is the 426 before it)`,
      needle: 'Missing/Invalid WebSocket headers',
      pattern: `${DEBUG}Missing/Invalid WebSocket headers$`,
      complete: true,
      cause: 'bad-key',
      samples: [{ text: '[D 261201 19:26:04 websocket:863] Missing/Invalid WebSocket headers', cause: 'bad-key' }],
    },
    {
      id: 'tornado/malformed-websocket-request',
      desc: 'a ValueError while accepting the handshake (extension or subprotocol headers it cannot parse): the connection is aborted, no access line',
      source: `${V62} websocket.py:871-872 "Malformed WebSocket request received" (gen_log.debug, exc_info)`,
      needle: 'Malformed WebSocket request received',
      pattern: `${DEBUG}Malformed WebSocket request received$`,
      complete: true,
      cause: 'unknown-handshake',
      samples: [
        {
          text: '[D 261201 19:26:04 websocket:872] Malformed WebSocket request received\n    Traceback (most recent call last):\n      File "/usr/lib/python3/dist-packages/tornado/websocket.py", line 867, in accept_connection\n        await self._accept_connection(handler)\n    ValueError: bad extension',
          cause: 'unknown-handshake',
        },
      ],
    },
    {
      id: 'tornado/malformed-http',
      desc: 'the HTTP parser refused the request (binary bytes, a bad request line or header): the connection is closed without an answer',
      source: `${V62} http1connection.py:292 "Malformed HTTP message from %s: %s" (gen_log.info; the context prints the remote ip, httpserver.py:333)`,
      needle: 'Malformed HTTP message from ',
      pattern: `${prefix('http1connection', 'general')}Malformed HTTP message from {IP}: (?<detail>[^\\n]{1,300})$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '[I 261201 19:26:08 http1connection:292] Malformed HTTP message from 127.0.0.16: Malformed HTTP request line', cause: 'invalid-http', ip: '127.0.0.16', detail: 'Malformed HTTP request line', time: '261201 19:26:08' },
        { text: '2026-12-01 19:26:08,100 INFO tornado.general: Malformed HTTP message from ::1: no colon in header line', cause: 'invalid-http', ip: '::1', detail: 'no colon in header line', time: '2026-12-01 19:26:08,100' },
        { text: '[I 261201 19:26:08 http1connection:292] Malformed HTTP message from 127.0.0.16: Malformed HTTP headers: \'6.6.6.6\'', cause: 'invalid-http', ip: '127.0.0.16', note: 'inject: an address in the quoted headers' },
        { text: '[I 261201 19:26:08 web:2293] 404 GET /Malformed HTTP message from 6.6.6.6: x (127.0.0.16) 0.3ms', match: false, note: 'the words in a path' },
      ],
    },
    {
      id: 'tornado/uncaught-exception',
      desc: 'the handler raised on a WebSocket route before or during the handshake (prepare(), get()): a bug, answered 500; the 500 access line after it joins the event',
      source: `${V62} web.py:1820 log_exception "Uncaught exception %s\\n%r" (tornado.application, request summary "%s %s (%s)" web.py:1770)`,
      needle: 'Uncaught exception ',
      pattern: `${prefix('web', 'application')}Uncaught exception GET (?<path>[^\\s]{1,4000}) \\({IP}\\)$`,
      wsPathOnly: true,
      cause: 'server-error',
      claims: ['tornado/request-repr', 'tornado/access-websocket-route@500'],
      samples: [
        {
          text: "[E 261201 19:26:08 web:1820] Uncaught exception GET /ws (127.0.0.20)\n    HTTPServerRequest(protocol='http', host='localhost:18200', method='GET', uri='/ws', version='HTTP/1.1', remote_ip='127.0.0.20')\n    Traceback (most recent call last):\n      File \"/usr/lib/python3/dist-packages/tornado/web.py\", line 1712, in _execute\n        result = self.prepare()\n    RuntimeError: database is down",
          cause: 'server-error',
          ip: '127.0.0.20',
          status: null,
          time: '261201 19:26:08',
        },
        { text: '[E 261201 19:26:08 web:1820] Uncaught exception GET /ws?(6.6.6.6) (127.0.0.20)', cause: 'server-error', ip: '127.0.0.20', note: 'inject: an address in the query' },
        { text: '[E 261201 19:26:08 web:1820] Uncaught exception GET /api/items (127.0.0.20)', match: false, note: 'an ordinary HTTP handler failing, not a handshake' },
      ],
    },
    {
      id: 'tornado/request-repr',
      owns: ['traceback'],
      desc: "the request printed after \"Uncaught exception\", with its traceback: indented in Tornado's own format, a line (and record) of its own with logging.basicConfig; part of the event that claims it",
      source: `${V62} web.py:1820 log_exception "%r" of httputil.HTTPServerRequest (httputil.py:477 __repr__); fixtures/logs/tornado/basic-debug.log`,
      role: 'part',
      needle: 'HTTPServerRequest(protocol=',
      pattern: "^HTTPServerRequest\\(protocol='[a-z]{1,10}', [^\\n]{1,8000}\\)$",
      samples: [
        {
          text: "HTTPServerRequest(protocol='http', host='localhost:18200', method='GET', uri='/flaky', version='HTTP/1.1', remote_ip='127.0.0.20')\nTraceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/tornado/web.py\", line 1712, in _execute\n    result = self.prepare()\nRuntimeError: database is down",
          role: 'part',
          ip: null,
        },
      ],
    },
  ],
};
