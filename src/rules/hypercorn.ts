import type { StackRules } from './rule.js';
import { LEADING_TIME } from './common.js';

/**
 * hypercorn (Debian's 0.13.2 with h11, h2 and wsproto, captured in fixtures/logs/hypercorn/).
 * It logs nothing of a refused handshake but its access line, `%(h)s %(l)s %(l)s %(t)s "%(r)s"
 * %(s)s %(b)s "%(f)s" "%(a)s"` after `[time] [pid] [LEVEL] `, where `h` is `ip:port` and `r` is
 * `METHOD path 1.1` (no `HTTP/`; a WebSocket is GET). A WebSocket line and an HTTP line look
 * alike, so only a route known to be a WebSocket one (learned from a 101, or declared with
 * --ws-path) makes a refusal there a handshake failure.
 */
const LOG = `${LEADING_TIME}[^\\n"'<>]{0,120}?`;
const ACCESS = `^${LOG}(?<conn>{HOSTPORT}) - - \\[{NGINX_ACCESS_TIME}\\] "`;
const TAIL = ' (?:\\d{1,20}|-) "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$';
const PROTO = '(?:1\\.[01]|2)';
/** An HTTP method token other than GET (written without lookahead). */
const NOT_GET = '(?:[A-FH-Z0-9_-][A-Z0-9_-]{0,19}|G(?:[A-DF-Z0-9_-][A-Z0-9_-]{0,18}|E(?:[A-SU-Z0-9_-][A-Z0-9_-]{0,17}|T[A-Z0-9_-]{1,17})?)?)';
const V = 'hypercorn 0.13.2';
const T = '[2026-12-01 19:43:10 +0000] [23101] [INFO] ';

export const hypercorn: StackRules = {
  stack: 'hypercorn',
  desc: 'hypercorn: its access log (the error log has only the application\'s tracebacks)',
  rules: [
    {
      id: 'hypercorn/access-switching-protocols',
      desc: 'a WebSocket handshake the application accepted; teaches its path as a WebSocket route',
      source: `${V} protocol/ws_stream.py:347 (access log after accept); logging.py:60 access_log_format`,
      role: 'success',
      learnsPath: true,
      needle: '" 101 ',
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) ${PROTO}" 101${TAIL}`,
      samples: [
        { text: `${T}127.0.0.2:54363 - - [01/Dec/2026:19:27:10 +0000] "GET /ws 1.1" 101 - "-" "wsnoise-capture/1"`, role: 'success', ip: '127.0.0.2', port: 54363 },
        { text: `${T}127.0.0.2:54363 - - [01/Dec/2026:19:27:10 +0000] "GET /x 1.1" 200 - "-" "6.6.6.6:1 - - [01/Dec/2026:19:27:10 +0000] \\"GET /ws 1.1\\" 101"`, match: false, note: 'inject: an agent quoting a 101 line' },
      ],
    },
    {
      id: 'hypercorn/access-websocket-route',
      desc: "a GET on a WebSocket route refused: 400 is wsproto's refusal of the handshake (bad version, no key, HTTP/1.0), 403 the application closing before accepting, 404 a plain request answered as HTTP",
      source: `${V} protocol/ws_stream.py:331 _send_error_response (400 for an invalid handshake, 403 on close before accept); fixtures/logs/hypercorn/access.log`,
      needle: ['" 400 ', '" 403 ', '" 404 ', '" 405 ', '" 426 '],
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) ${PROTO}" (?<status>40[0345]|426)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'not-websocket',
      byStatus: { '400': 'bad-request', '403': 'rejected', '426': 'upgrade-required' },
      samples: [
        { text: `${T}127.0.0.7:49645 - - [01/Dec/2026:19:27:11 +0000] "GET /ws 1.1" 400 - "-" "wsnoise-capture/1"`, cause: 'bad-request', ip: '127.0.0.7', port: 49645, status: 400, time: '2026-12-01 19:43:10 +0000' },
        { text: `${T}127.0.0.4:55781 - - [01/Dec/2026:19:27:11 +0000] "GET /ws 1.1" 404 10 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"`, cause: 'not-websocket', status: 404 },
        { text: `${T}127.0.0.6:51045 - - [01/Dec/2026:19:27:11 +0000] "GET /ws 2" 404 10 "-" "curl/7.88.1"`, cause: 'not-websocket', note: 'an h2c upgrade: hypercorn upgrades to HTTP/2, then the app answers 404' },
        { text: `${T}127.0.0.19:38329 - - [01/Dec/2026:19:27:13 +0000] "GET /ws 1.1" 403 - "-" "wsnoise-capture/1"`, cause: 'rejected', status: 403 },
        { text: `${T}[::1]:38329 - - [01/Dec/2026:19:27:13 +0000] "GET /ws 1.1" 400 - "-" "-"`, cause: 'bad-request', ip: '::1' },
        { text: '127.0.0.4:55781 - - [01/Dec/2026:19:27:11 +0000] "GET /ws 1.1" 404 10 "-" "-"', cause: 'not-websocket', ip: '127.0.0.4', note: 'the access log without a prefix (--access-logfile - piped elsewhere)' },
        { text: `${T}127.0.0.4:55781 - - [01/Dec/2026:19:27:11 +0000] "GET /ws?6.6.6.6:1 1.1" 200 10 "-" "-"`, match: false, note: 'inject: an address in the query of an answered request' },
        { text: `${T}127.0.0.4:55781 - - [01/Dec/2026:19:27:11 +0000] "GET /api 1.1" 404 10 "-" "-"`, match: false, note: 'not a WebSocket route' },
      ],
    },
    {
      id: 'hypercorn/access-websocket-error',
      desc: 'a 500 on a WebSocket route: the application raised before accepting (0.13.2 writes the line twice, the second is claimed)',
      source: `${V} protocol/ws_stream.py:256 and :331 (both log the 500)`,
      needle: '" 500 ',
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) ${PROTO}" (?<status>500)${TAIL}`,
      wsPathOnly: true,
      cause: 'server-error',
      claims: ['hypercorn/access-websocket-error@500'],
      samples: [
        { text: `${T}127.0.0.20:60007 - - [01/Dec/2026:19:27:13 +0000] "GET /ws 1.1" 500 - "-" "wsnoise-capture/1"`, cause: 'server-error', ip: '127.0.0.20', port: 60007, status: 500 },
        { text: `${T}127.0.0.20:60007 - - [01/Dec/2026:19:27:13 +0000] "GET /ws?6.6.6.6:1 1.1" 200 - "-" "\\" 500 -"`, match: false, note: 'inject' },
      ],
    },
    {
      id: 'hypercorn/access-method-on-websocket-route',
      desc: 'a request that is not GET on a WebSocket route, answered as HTTP (a WebSocket POST, or a method token such as G3T)',
      source: `${V} protocol/http_stream.py:189 (the app's answer); fixtures/logs/hypercorn/access.log`,
      needle: ['" 400 ', '" 404 ', '" 405 '],
      pattern: `${ACCESS}${NOT_GET} (?<path>[^"\\s]{1,4000}) ${PROTO}" (?<status>40[045])${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: `${T}127.0.0.13:53045 - - [01/Dec/2026:19:27:12 +0000] "POST /ws 1.1" 404 10 "-" "wsnoise-capture/1"`, cause: 'bad-method', ip: '127.0.0.13', status: 404 },
        { text: `${T}127.0.0.24:55165 - - [01/Dec/2026:19:27:16 +0000] "G3T /ws 1.1" 404 10 "-" "wsnoise-capture/1"`, cause: 'bad-method', ip: '127.0.0.24' },
        { text: `${T}127.0.0.24:55165 - - [01/Dec/2026:19:27:16 +0000] "GETS /ws 1.1" 405 10 "-" "-"`, cause: 'bad-method' },
        { text: `${T}127.0.0.13:53045 - - [01/Dec/2026:19:27:12 +0000] "POST /ws?6.6.6.6:1 1.1" 201 10 "-" "-"`, match: false, note: 'inject: an answered request' },
      ],
    },
  ],
};
