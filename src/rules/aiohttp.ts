import type { StackRules } from './rule.js';
import { LEADING_TIME } from './common.js';

/**
 * aiohttp's server (Debian's 3.8.4 captured in fixtures/logs/aiohttp/). What it logs of a failed
 * handshake is the `aiohttp.access` line (default format `%a %t "%r" %s %b "%{Referer}i"
 * "%{User-Agent}i"`): WebSocketResponse's reasons (`No WebSocket UPGRADE hdr`, `Unsupported
 * version`, `Handshake error`) only go into the 400 answer's body. A request the parser refuses
 * adds `Error handling request` on `aiohttp.server` with a traceback, before its access line
 * `"UNKNOWN / HTTP/1.0" 400`. The address is the access line's first field, after whatever the
 * logging format puts before the message; the request, referer and agent are the client's words.
 */
const ACCESS = '^(?:[^\\n"]{0,160}?aiohttp\\.access(?:: ?|\\]:? | - | ))?{IP} \\[(?<time>{NGINX_ACCESS_TIME})\\] "';
const TAIL = ' -?\\d{1,20} "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$';
const SERVER = '^[^\\n"]{0,160}?aiohttp\\.server(?:: ?|\\]:? | - | )';
const V384 = 'aiohttp 3.8.4';

export const aiohttp: StackRules = {
  stack: 'aiohttp',
  desc: 'aiohttp web server: aiohttp.access lines and aiohttp.server errors',
  rules: [
    {
      id: 'aiohttp/access-switching-protocols',
      desc: 'a WebSocket handshake that succeeded (logged when the WebSocket closes); teaches its path as a WebSocket route',
      source: `${V384} web_log.py:189 AccessLogger.log, status 101; fixtures/logs/aiohttp/info.log`,
      role: 'success',
      learnsPath: true,
      needle: '" 101 ',
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.[01]" (?<status>101)${TAIL}`,
      samples: [
        { text: '2026-12-01 19:26:39,450 INFO aiohttp.access: 127.0.0.2 [01/Dec/2026:19:26:39 +0000] "GET /ws HTTP/1.1" 101 0 "-" "wsnoise-capture/1"', role: 'success', ip: '127.0.0.2' },
        { text: 'INFO:aiohttp.access:::1 [01/Dec/2026:19:26:45 +0000] "GET /ws HTTP/1.1" 101 0 "-" "wsnoise-capture/1"', role: 'success', ip: '::1', note: "basicConfig's default format" },
        { text: '2026-12-01 19:26:39,450 INFO aiohttp.access: 127.0.0.2 [01/Dec/2026:19:26:39 +0000] "GET /ws?6.6.6.6 HTTP/1.1" 101 0 "http://6.6.6.6/" "6.6.6.6 [01/Dec/2026:19:26:39 +0000]"', role: 'success', ip: '127.0.0.2', note: 'inject: addresses in path, referer and agent' },
      ],
    },
    {
      id: 'aiohttp/access-websocket-route',
      desc: "a GET on a WebSocket route refused (declared with --ws-path, or learned from a 101): 400 is WebSocketResponse refusing the handshake (no Upgrade or Connection: upgrade, a version or key it does not take), 401/403 the application, 5xx its failure",
      source: `${V384} web_ws.py:144-194 (HTTPBadRequest from _handshake, its text only in the response body), web_log.py:189; fixtures/logs/aiohttp/info.log`,
      needle: ['" 400 ', '" 401 ', '" 403 ', '" 404 ', '" 5'],
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>40[0134]|5\\d\\d)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '5xx': 'server-error' },
      samples: [
        {
          text: '2026-12-01 19:26:39,754 INFO aiohttp.access: 127.0.0.4 [01/Dec/2026:19:26:39 +0000] "GET /ws HTTP/1.1" 400 227 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"',
          cause: 'bad-request',
          ip: '127.0.0.4',
          port: null,
          status: 400,
          time: '01/Dec/2026:19:26:39 +0000',
        },
        { text: '2026-12-01 19:26:40,974 INFO aiohttp.access: 127.0.0.12 [01/Dec/2026:19:26:40 +0000] "GET /ws HTTP/1.1" 403 178 "-" "wsnoise-capture/1"', cause: 'forbidden', status: 403 },
        { text: '2026-12-01 19:26:42,099 INFO aiohttp.access: 127.0.0.19 [01/Dec/2026:19:26:42 +0000] "GET /ws HTTP/1.1" 401 218 "-" "wsnoise-capture/1"', cause: 'rejected', status: 401 },
        { text: '2026-12-01 19:26:42,256 INFO aiohttp.access: 127.0.0.20 [01/Dec/2026:19:26:42 +0000] "GET /ws HTTP/1.1" 500 245 "-" "wsnoise-capture/1"', cause: 'server-error', status: 500 },
        { text: '::1 [01/Dec/2026:19:26:45 +0000] "GET /ws HTTP/1.1" 400 227 "-" "-"', cause: 'bad-request', ip: '::1', note: 'a format of just %(message)s' },
        { text: '2026-12-01 19:26:39,754 INFO aiohttp.access: 127.0.0.4 [01/Dec/2026:19:26:39 +0000] "GET /api HTTP/1.1" 400 227 "-" "-"', match: false, note: 'not a WebSocket route' },
        { text: '2026-12-01 19:26:39,754 INFO aiohttp.access: 127.0.0.4 [01/Dec/2026:19:26:39 +0000] "GET /ws HTTP/1.1" 400 227 "-" "aiohttp.access: 6.6.6.6 [01/Dec/2026:19:26:39 +0000] \\"GET /ws"', match: false, note: 'inject: an access line quoted in the agent breaks the fields' },
        { text: '2026-12-01 19:26:39,754 INFO aiohttp.access: 127.0.0.4 [01/Dec/2026:19:26:39 +0000] "GET /ws HTTP/1.1" 400 227 "-" "6.6.6.6 [01/Dec/2026:19:26:39 +0000]"', cause: 'bad-request', ip: '127.0.0.4', note: 'inject: an address as the agent' },
      ],
    },
    {
      id: 'aiohttp/access-websocket-method',
      desc: 'a request that is not GET on a WebSocket route: the router answers 405',
      source: `${V384} web_urldispatcher.py:1025 (HTTPMethodNotAllowed), web_log.py:189; fixtures/logs/aiohttp/info.log`,
      needle: '" 405 ',
      pattern: `${ACCESS}(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>405)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: '2026-12-01 19:26:41,132 INFO aiohttp.access: 127.0.0.13 [01/Dec/2026:19:26:41 +0000] "POST /ws HTTP/1.1" 405 208 "-" "wsnoise-capture/1"', cause: 'bad-method', ip: '127.0.0.13', status: 405 },
        { text: '2026-12-01 19:26:41,132 INFO aiohttp.access: 127.0.0.13 [01/Dec/2026:19:26:41 +0000] "POST /ws HTTP/1.1" 405 208 "-" "6.6.6.6"', cause: 'bad-method', ip: '127.0.0.13', note: 'inject: an address as the agent' },
        { text: '2026-12-01 19:26:41,132 INFO aiohttp.access: 127.0.0.13 [01/Dec/2026:19:26:41 +0000] "POST /api HTTP/1.1" 405 208 "-" "-"', match: false, note: 'not a WebSocket route' },
      ],
    },
    {
      id: 'aiohttp/no-common-subprotocol',
      desc: 'the client offered only subprotocols the server does not speak: aiohttp answers 101 without one (a browser then fails the connection). No address: the 101 access line is written only when that WebSocket closes, after any number of other connections\' lines, so it is not claimed',
      source: `${V384} web_ws.py:177 "Client protocols %r don\u2019t overlap server-known ones %r" (aiohttp.websocket, warning); fixtures/logs/aiohttp/info.log`,
      needle: 'overlap server-known ones (',
      pattern: `^${LEADING_TIME}[^\\n]{0,160}?Client protocols \\[[^\\n]{0,2000}\\] don[^ ]{1,3}t overlap server-known ones \\([^\\n]{0,2000}\\)$`,
      complete: true,
      cause: 'subprotocol',
      samples: [
        {
          text: "2026-12-01 19:31:52,729 WARNING aiohttp.websocket: Client protocols ['chat.v9'] don\u00e2\u0080\u0099t overlap server-known ones ('chat.v1',)",
          cause: 'subprotocol',
          ip: null,
          status: null,
          time: '2026-12-01 19:31:52,729',
          note: 'the apostrophe is U+2019, three bytes in UTF-8 (the classifier reads bytes as latin1)',
        },
        { text: "WARNING:aiohttp.websocket:Client protocols ['graphql-ws', 'graphql-transport-ws'] don't overlap server-known ones ()", cause: 'subprotocol' },
      ],
    },
    {
      id: 'aiohttp/access-unparsed-request',
      desc: 'the access line of a request the HTTP parser refused (TLS or binary bytes, an invalid method token, a header line over 8190 bytes): aiohttp logs it as "UNKNOWN / HTTP/1.0" 400',
      source: `${V384} web_protocol.py:64 (the ERROR placeholder request), :342 (parser error answered 400); fixtures/logs/aiohttp/info.log`,
      needle: '"UNKNOWN / HTTP/1.0" 400 ',
      pattern: `${ACCESS}UNKNOWN / HTTP/1\\.0" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '2026-12-01 19:26:41,436 INFO aiohttp.access: 127.0.0.15 [01/Dec/2026:19:26:41 +0000] "UNKNOWN / HTTP/1.0" 400 205 "-" "-"', cause: 'invalid-http', ip: '127.0.0.15', status: 400 },
        { text: '2026-12-01 19:26:41,436 INFO aiohttp.access: 127.0.0.15 [01/Dec/2026:19:26:41 +0000] "UNKNOWN / HTTP/1.0" 400 205 "-" "6.6.6.6"', cause: 'invalid-http', ip: '127.0.0.15', note: 'inject: an address as the agent' },
        { text: '2026-12-01 19:26:41,436 INFO aiohttp.access: 127.0.0.15 [01/Dec/2026:19:26:41 +0000] "GET /UNKNOWN / HTTP/1.0" 400 205 "-" "-"', match: false, note: 'a path that quotes the placeholder' },
      ],
    },
    {
      id: 'aiohttp/parser-error',
      desc: 'the HTTP parser refused the request; the traceback names why, and the access line after it joins the event',
      source: `${V384} web_protocol.py:645 handle_error "Error handling request" (aiohttp.server, logger.exception), reached from data_received:339`,
      needle: 'Error handling request',
      pattern: `${SERVER}Error handling request$`,
      recordContains: ', in data_received',
      traceback: true,
      cause: 'invalid-http',
      claims: ['aiohttp/access-unparsed-request'],
      samples: [
        {
          text: '2026-12-01 19:26:41,435 ERROR aiohttp.server: Error handling request\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/aiohttp/web_protocol.py", line 339, in data_received\n    messages, upgraded, tail = self._request_parser.feed_data(data)\n  File "aiohttp/_http_parser.pyx", line 590, in aiohttp._http_parser.HttpParser.feed_data\naiohttp.http_exceptions.BadStatusLine: 400, message="Bad status line \'Invalid method encountered\'"',
          cause: 'invalid-http',
          ip: null,
          detail: '"Bad status line \'Invalid method encountered\'"',
        },
        {
          text: '2026-12-01 19:26:42,255 ERROR aiohttp.server: Error handling request\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/aiohttp/web_protocol.py", line 440, in _handle_request\n    resp = await request_handler(request)\n  File "/tmp/app.py", line 51, in flaky\n    raise RuntimeError("database is down")\nRuntimeError: database is down',
          match: false,
          note: 'a handler that raised: an ordinary error, not a handshake (its access line tells the route)',
        },
      ],
    },
    {
      id: 'aiohttp/exc-http-parser',
      desc: "aiohttp's HTTP parser refusing the request line or a header",
      source: `${V384} http_exceptions.py:37 "%(code)s, message=%(message)r" (BadStatusLine, LineTooLong, InvalidHeader, BadHttpMessage)`,
      on: 'exception',
      needle: 'http_exceptions.',
      pattern: '^aiohttp\\.http_exceptions\\.[A-Za-z]{1,40}: (?<status>4\\d\\d), message=(?<detail>[^\\n]{1,300})$',
      cause: 'invalid-http',
      samples: [
        { text: 'aiohttp.http_exceptions.BadStatusLine: 400, message="Bad status line \'Invalid method encountered\'"' },
        { text: "aiohttp.http_exceptions.LineTooLong: 400, message=\"Got more than 8190 bytes when reading: bytearray(b'session=aaaa...').\"" },
      ],
    },
  ],
};
