import type { StackRules } from './rule.js';
import { LEADING_TIME } from './common.js';

/**
 * uvicorn (Debian's 0.17.6 captured with websockets and wsproto, h11 and httptools in
 * fixtures/logs/uvicorn/). Its default format is `LEVEL:` padded to ten columns and no time
 * (colour codes when run on a terminal); a custom format names the `uvicorn.error` or
 * `uvicorn.access` logger; under gunicorn's UvicornWorker it is `[time] [pid] [LEVEL] message`.
 */
const LEVEL = '(?:INFO|WARNING|ERROR|DEBUG|CRITICAL|TRACE)';
const PADDED = `(?:uvicorn\\.(?:error|access)\\b[^\\n<]{0,40}?|(?:\\x1b\\[\\d{1,3}m)?${LEVEL}(?:\\x1b\\[0m)?:\\s{1,10})`;
/** uvicorn's own format, for the messages websockets logs through it. */
const UV_OWN = `${LEADING_TIME}[^\\n]{0,120}?${PADDED}`;
/** Also gunicorn's `[time] [pid] [LEVEL] `, for messages only uvicorn writes. */
const UV = `${LEADING_TIME}[^\\n]{0,120}?(?:${PADDED}|\\[\\d{1,10}\\] \\[${LEVEL}\\] )`;
const V0176 = 'uvicorn 0.17.6';
/** The access line; under gunicorn's access log (`%(message)s`) it has no prefix and no reason phrase. */
const ACCESS = `^(?:${UV})?{HOSTPORT} - "`;
const PHRASE = "(?: [A-Za-z][A-Za-z '-]{0,40})?$";
const STATUS = { '101': 'success', '2xx': 'success', '3xx': 'success', '400': 'bad-request', '403': 'forbidden', '426': 'upgrade-required', '500': 'server-error' } as const;

export const uvicorn: StackRules = {
  stack: 'uvicorn',
  desc: 'uvicorn with the websockets or wsproto backend, h11 or httptools',
  rules: [
    {
      id: 'uvicorn/connection-failed',
      desc: 'the websockets backend answering a failed handshake (uvicorn hands it its logger)',
      source: `${V0176} protocols/websockets/websockets_impl.py (logger=uvicorn.error); websockets legacy/server.py:229`,
      needle: 'connection failed (',
      pattern: `^${UV_OWN}connection failed \\((?<status>\\d{3}) [A-Za-z][A-Za-z '-]{0,40}\\)$`,
      cause: 'rejected',
      byStatus: STATUS,
      claims: ['uvicorn/connection-closed'],
      samples: [
        { text: 'INFO:     connection failed (400 Bad Request)', cause: 'bad-request', status: 400, ip: null },
        { text: 'INFO:     connection failed (403 Forbidden)', cause: 'forbidden', status: 403 },
        { text: '\u001b[32mINFO\u001b[0m:     connection failed (400 Bad Request)', cause: 'bad-request', note: 'colour codes when uvicorn runs on a terminal' },
        { text: 'INFO:     127.0.0.4:46409 - "GET /connection failed (400 Bad Request) HTTP/1.1" 404 Not Found', match: false, note: 'a path the client chose' },
      ],
    },
    {
      id: 'uvicorn/connection-rejected',
      desc: 'the same answer as websockets 12+ words it (the wording follows the websockets version)',
      source: 'websockets 12.0 legacy/server.py:229 via uvicorn.error',
      needle: 'connection rejected (',
      pattern: `^${UV_OWN}connection rejected \\((?<status>\\d{3}) [A-Za-z][A-Za-z '-]{0,40}\\)$`,
      cause: 'rejected',
      byStatus: STATUS,
      claims: ['uvicorn/connection-closed'],
      samples: [
        { text: 'INFO:     connection rejected (403 Forbidden)', cause: 'forbidden', status: 403 },
        { text: '[2026-11-20 10:00:00 +0000] [13] [INFO] connection rejected (400 Bad Request)', match: false, claimedBy: 'websockets/connection-rejected', note: "under gunicorn the line is websockets' own" },
      ],
    },
    {
      id: 'uvicorn/connection-closed',
      desc: 'the end of a websockets-backend connection',
      source: `${V0176} via websockets legacy/server.py:264`,
      role: 'close',
      needle: 'connection closed',
      pattern: `^${UV_OWN}connection closed$`,
      samples: [{ text: 'INFO:     connection closed', role: 'close' }],
    },
    {
      id: 'uvicorn/connection-open',
      desc: 'a websockets-backend handshake that succeeded',
      source: `${V0176} via websockets legacy/server.py:648`,
      role: 'success',
      needle: 'connection open',
      pattern: `^${UV_OWN}connection open$`,
      samples: [{ text: 'INFO:     connection open', role: 'success' }],
    },
    {
      id: 'uvicorn/websocket-accepted',
      desc: 'the WebSocket access line of an accepted handshake; teaches its path as a WebSocket route',
      source: `${V0176} protocols/websockets/websockets_impl.py, wsproto_impl.py '%s - "WebSocket %s" [accepted]'`,
      role: 'success',
      learnsPath: true,
      needle: '" [accepted]',
      pattern: `^${UV}{CLIENT} - "WebSocket (?<path>[^"\\s]{1,4000})" \\[accepted\\]$`,
      samples: [
        { text: 'INFO:     (\'127.0.0.2\', 48311) - "WebSocket /ws" [accepted]', role: 'success', ip: '127.0.0.2', port: 48311 },
        { text: 'INFO:     (\'::1\', 48311, 0, 0) - "WebSocket /ws" [accepted]', role: 'success', ip: '::1' },
        { text: 'INFO:     127.0.0.1:51234 - "WebSocket /ws?token=x" [accepted]', role: 'success', ip: '127.0.0.1', port: 51234, note: '0.34.3+' },
        { text: 'INFO:     (\'127.0.0.2\', 48311) - "WebSocket /ws?(\'6.6.6.6\',%201)" [accepted] (\'6.6.6.6\', 1)', match: false, note: 'inject: text after the access line' },
      ],
    },
    {
      id: 'uvicorn/websocket-refused',
      desc: 'the WebSocket access line of a handshake the application refused: uvicorn answers 403 only when the app closes before accepting',
      source: `${V0176} protocols/websockets/websockets_impl.py, wsproto_impl.py '%s - "WebSocket %s" %d'`,
      needle: '- "WebSocket ',
      pattern: `^${UV}{CLIENT} - "WebSocket (?<path>[^"\\s]{1,4000})" (?<status>\\d{3})$`,
      cause: 'rejected',
      byStatus: { '500': 'server-error' },
      // Under gunicorn the answer and the close that follow are read by the websockets rules.
      claims: ['uvicorn/connection-failed', 'uvicorn/connection-rejected', 'uvicorn/connection-closed', 'websockets/connection-failed', 'websockets/connection-rejected', 'websockets/connection-closed'],
      samples: [
        { text: 'INFO:     (\'127.0.0.19\', 36861) - "WebSocket /ws-deny" 403', cause: 'rejected', status: 403, ip: '127.0.0.19', port: 36861 },
        { text: 'INFO:     (\'127.0.0.19\', 36861) - "WebSocket /ws-deny?(\'6.6.6.6\', 1)" 403', match: false, note: 'an address injected into the path: no match' },
        { text: 'INFO:     127.0.0.1:51234 - "WebSocket /ws" 401', cause: 'rejected', status: 401, ip: '127.0.0.1', note: '0.25.0+ denial response, 0.34.3+ address' },
        { text: '[2026-12-01 19:45:17 +0000] [17457] [INFO] (\'127.0.0.19\', 32935) - "WebSocket /ws-deny" 403', cause: 'rejected', status: 403, ip: '127.0.0.19', port: 32935, time: '2026-12-01 19:45:17 +0000', note: "gunicorn's UvicornWorker; fixtures/logs/gunicorn/error.log" },
      ],
    },
    {
      id: 'uvicorn/http-on-websocket-route',
      desc: 'a plain GET on a WebSocket route, answered as HTTP (404 from a WebSocket-only route)',
      source: `${V0176} logging.py AccessFormatter '%s - "%s %s HTTP/%s" %d'; fixtures/logs/uvicorn/websockets-h11.log`,
      needle: ['" 400', '" 403', '" 404', '" 405', '" 426'],
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/(?:1\\.[01]|2)" (?<status>40[0345]|426)${PHRASE}`,
      complete: true,
      wsPathOnly: true,
      cause: 'not-websocket',
      byStatus: { '400': 'bad-request', '403': 'forbidden', '426': 'upgrade-required' },
      samples: [
        { text: 'INFO:     127.0.0.4:42459 - "GET /ws HTTP/1.1" 404 Not Found', cause: 'not-websocket', ip: '127.0.0.4', port: 42459, status: 404 },
        { text: 'INFO:     [::1]:42459 - "GET /ws HTTP/1.1" 404 Not Found', cause: 'not-websocket', ip: '::1' },
        { text: 'INFO:     127.0.0.3:59225 - "GET /api HTTP/1.1" 404 Not Found', match: false, note: 'not a WebSocket route' },
        { text: '127.0.0.4:53197 - "GET /ws HTTP/1.1" 404', cause: 'not-websocket', ip: '127.0.0.4', port: 53197, status: 404, note: "gunicorn's access log (UvicornWorker): the bare message; fixtures/logs/gunicorn/access.log" },
        { text: '127.0.0.4:53197 - "GET /ws?6.6.6.6:1 HTTP/1.1" 200', match: false, note: 'inject: gunicorn access line, answered, an address in the query' },
        { text: 'INFO:     127.0.0.3:59225 - "GET /ws?1.2.3.4:5 HTTP/1.1" 200 OK', match: false, note: 'an answered request, address injected in the query' },
      ],
    },
    {
      id: 'uvicorn/method-on-websocket-route',
      desc: 'a request that is not GET on a WebSocket route',
      source: `${V0176} logging.py AccessFormatter`,
      needle: ['" 400', '" 404', '" 405'],
      pattern: `${ACCESS}(?<method>POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) (?<path>[^"\\s]{1,4000}) HTTP/(?:1\\.[01]|2)" (?<status>40[045])${PHRASE}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: 'INFO:     127.0.0.13:40122 - "POST /ws HTTP/1.1" 405 Method Not Allowed', cause: 'bad-method', ip: '127.0.0.13' },
        { text: '127.0.0.13:40122 - "POST /ws HTTP/1.1" 405', cause: 'bad-method', ip: '127.0.0.13', note: "gunicorn's access log" },
        { text: 'INFO:     127.0.0.13:40122 - "POST /ws?6.6.6.6:80 HTTP/1.1" 201 Created', match: false, note: 'inject: an answered request with an address in its query' },
      ],
    },
    {
      id: 'uvicorn/invalid-http-request',
      desc: 'h11 or httptools could not parse the request: TLS or binary bytes, a bad request line',
      source: `${V0176} protocols/http/h11_impl.py, httptools_impl.py "Invalid HTTP request received."`,
      needle: 'Invalid HTTP request received.',
      pattern: `^${UV}Invalid HTTP request received\\.$`,
      complete: true,
      traceback: true,
      cause: 'invalid-http',
      samples: [
        {
          text: 'WARNING:  Invalid HTTP request received.\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/h11/_readers.py", line 79, in maybe_read_from_IDLE_client\n    raise LocalProtocolError("illegal request line")\nh11._util.RemoteProtocolError: illegal request line',
          cause: 'invalid-http',
          detail: 'illegal request line',
        },
      ],
    },
    {
      id: 'uvicorn/unsupported-upgrade',
      desc: 'an Upgrade to something other than websocket (h2c), answered 400',
      source: `${V0176} protocols/http/h11_impl.py, httptools_impl.py "Unsupported upgrade request."`,
      needle: 'Unsupported upgrade request.',
      pattern: `^${UV}Unsupported upgrade request\\.$`,
      cause: 'bad-upgrade-header',
      claims: ['uvicorn/no-websocket-library'],
      samples: [
        { text: 'WARNING:  Unsupported upgrade request.', cause: 'bad-upgrade-header', ip: null },
        { text: '[2023-05-01 15:38:03 +0000] [13] [WARNING] Unsupported upgrade request.', cause: 'bad-upgrade-header', time: '2023-05-01 15:38:03 +0000', note: "gunicorn's UvicornWorker format" },
      ],
    },
    {
      id: 'uvicorn/no-websocket-library',
      desc: 'no WebSocket library installed: every WebSocket client fails, a deployment bug (0.19–0.30.5 with httptools also says it for h2c)',
      source: 'uvicorn 0.17.6 protocols/http/h11_impl.py:231, httptools_impl.py:145; 0.22+ wording h11_impl.py:157 @0.35.0',
      needle: 'No supported WebSocket library detected.',
      pattern: `^${UV}No supported WebSocket library detected\\. Please use [^\\n]{1,200}$`,
      complete: true,
      cause: 'server-error',
      samples: [
        { text: "WARNING:  No supported WebSocket library detected. Please use 'pip install uvicorn[standard]', or install 'websockets' or 'wsproto' manually.", cause: 'server-error' },
        { text: 'WARNING:  No supported WebSocket library detected. Please use "pip install \'uvicorn[standard]\'", or install \'websockets\' or \'wsproto\' manually.', cause: 'server-error' },
      ],
    },
    {
      id: 'uvicorn/handshake-not-sent',
      desc: 'the ASGI app returned without accepting or closing: a bug (answered 500)',
      source: 'uvicorn 0.17.6 websockets_impl.py:197, wsproto_impl.py:228 "ASGI callable returned without sending|completing handshake."',
      needle: 'ASGI callable returned without ',
      pattern: `^${UV}ASGI callable returned without (?:sending|completing) handshake\\.$`,
      complete: true,
      cause: 'server-error',
      samples: [{ text: 'ERROR:    ASGI callable returned without sending handshake.', cause: 'server-error' }],
    },
    {
      id: 'uvicorn/asgi-exception',
      desc: "the application raised while handling a WebSocket: a bug, never noise, unless the exception is FastAPI's validation refusal (up to 0.96), raised after the client was refused",
      source: `${V0176} protocols/websockets/websockets_impl.py, wsproto_impl.py "Exception in ASGI application"`,
      needle: 'Exception in ASGI application',
      pattern: `^${UV}Exception in ASGI application$`,
      recordContains: '/protocols/websockets/',
      complete: true,
      cause: 'server-error',
      traceback: true,
      // The traceback is the application's: another stack's exception rule (websockets' reading of
      // a ConnectionResetError) would hide its bugs.
      explainedBy: ['starlette/exc-ws-validation'],
      samples: [
        {
          text: 'ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/uvicorn/protocols/websockets/websockets_impl.py", line 184, in run_asgi\n    result = await self.app(self.scope, self.asgi_receive, self.asgi_send)\n  File "/tmp/wsnoise-handshakes/asgi_app.py", line 47, in app\n    raise RuntimeError("database is down")\nRuntimeError: database is down',
          cause: 'server-error',
        },
        {
          text: 'ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/uvicorn/protocols/websockets/websockets_impl.py", line 184, in run_asgi\n    result = await self.app(self.scope, self.asgi_receive, self.asgi_send)\n  File "/srv/app/venv/lib/python3.11/site-packages/fastapi/routing.py", line 287, in app\n    raise WebSocketRequestValidationError(errors)\nfastapi.exceptions.WebSocketRequestValidationError: 1 validation error for WebSocket',
          cause: 'rejected',
          detail: '1 validation error for WebSocket',
          note: 'FastAPI 0.96: refused (403) before it raised; starlette/exc-ws-validation',
        },
        {
          text: 'ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/uvicorn/protocols/websockets/websockets_impl.py", line 184, in run_asgi\n    result = await self.app(self.scope, self.asgi_receive, self.asgi_send)\n  File "/srv/app/db.py", line 9, in fetch\n    await conn.execute(query)\nConnectionResetError: [Errno 104] Connection reset by peer',
          cause: 'server-error',
          note: "the application's own network error: no other stack's exception rule (websockets/exc-early-close) explains it",
        },
        {
          text: 'ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/uvicorn/protocols/http/h11_impl.py", line 373, in run_asgi\n    result = await app(self.scope, self.receive, self.send)\nRuntimeError: database is down',
          match: false,
          note: 'an HTTP request, not a WebSocket: an ordinary error, not a handshake',
        },
      ],
    },
    {
      id: 'uvicorn/exc-h11',
      desc: 'h11 refusing the request line or headers',
      source: 'h11 0.14 _readers.py "illegal request line"; _util.py RemoteProtocolError',
      on: 'exception',
      needle: 'RemoteProtocolError: ',
      pattern: '^{PYEXC}RemoteProtocolError: (?<detail>[^\\n]{1,300})$',
      cause: 'invalid-http',
      samples: [
        { text: 'h11._util.RemoteProtocolError: illegal request line' },
        { text: "h11._util.RemoteProtocolError: illegal request line: bytearray(b'}\\x16\\\\g\\x8e')" },
      ],
    },
    {
      id: 'uvicorn/exc-httptools',
      desc: 'httptools refusing the request (TLS and binary bytes read as an invalid method)',
      source: 'httptools 0.5 parser/errors.py HttpParserInvalidMethodError, HttpParserError',
      on: 'exception',
      needle: 'HttpParser',
      pattern: '^{PYEXC}HttpParser(?:InvalidMethod|InvalidURL|InvalidStatus|)Error: (?<detail>[^\\n]{1,300})$',
      cause: 'invalid-http',
      samples: [
        { text: 'httptools.parser.errors.HttpParserInvalidMethodError: invalid HTTP method' },
        { text: 'httptools.parser.errors.HttpParserError: invalid constant string' },
      ],
    },
  ],
};
