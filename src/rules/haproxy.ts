import type { StackRules } from './rule.js';

/**
 * HAProxy (Debian's 2.6.12 captured in HTTP mode in front of a websockets server in
 * fixtures/logs/haproxy/): the `option httplog` line, raw (`log stdout format raw`) or after a
 * syslog header (`Dec  1 19:25:42 host haproxy[123]: `). The client's address and port are the
 * line's first field; captured headers (`{…}`) and the request are the client's words, so the
 * patterns read nothing from them but the path. HAProxy writes IPv6 clients as `::1:34039`.
 * The termination state (`PR--`, `CR--`, `cR--`) says who ended the request and when.
 */
const SYSLOG = '(?:(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?(?:Z|[+-]\\d\\d:\\d\\d)) [^\\s]{1,100} haproxy\\[\\d{1,10}\\]: )?';
/** Client, accept date (as `time`, local time without a zone), frontend, backend/server, the five timers. */
const HEAD = `^${SYSLOG}{HOSTPORT} \\[(?<time>\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\] [^\\s]{1,100} [^\\s]{1,200} -?\\d{1,10}/-?\\d{1,10}/-?\\d{1,10}/-?\\d{1,10}/\\+?-?\\d{1,10} `;
/** Bytes read, the two cookies, the termination state as `state`, connection counts, queues, captured headers. */
const MID = ' \\+?\\d{1,20} [^\\s]{1,200} [^\\s]{1,200} (?<state>[A-Za-z-]{4}) \\d{1,10}/\\d{1,10}/\\d{1,10}/\\d{1,10}/\\+?\\d{1,10} \\d{1,10}/\\d{1,10}(?: \\{[^\\n]{0,8000}?\\}){0,2} "';
const BADREQ = (state: string, status: string): string => `${HEAD}(?<status>${status}) \\+?\\d{1,20} [^\\s]{1,200} [^\\s]{1,200} (?<detail>${state}) \\d{1,10}/\\d{1,10}/\\d{1,10}/\\d{1,10}/\\+?\\d{1,10} \\d{1,10}/\\d{1,10}(?: \\{[^\\n]{0,8000}?\\}){0,2} "<BADREQ>"$`;
const V26 = 'HAProxy 2.6.12';
const LINE = `${V26} option httplog; fixtures/logs/haproxy/upgrade.log`;
/** A client's captured User-Agent that imitates a whole log line with another address. */
const FAKE = '6.6.6.6:1 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"';

export const haproxy: StackRules = {
  stack: 'haproxy',
  desc: 'HAProxy HTTP log (option httplog), raw or after a syslog header',
  proxy: true,
  rules: [
    {
      id: 'haproxy/switching-protocols',
      desc: 'a WebSocket handshake the backend accepted (101); teaches its path as a WebSocket route',
      source: `${LINE}, status 101`,
      role: 'success',
      learnsPath: true,
      needle: ' 101 ',
      pattern: `${HEAD}101${MID}GET (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d"$`,
      samples: [
        { text: '127.0.0.2:38031 [01/Dec/2026:19:27:45.710] fe be/srv 0/0/3/8/15 101 217 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', role: 'success', ip: '127.0.0.2', port: 38031, time: '01/Dec/2026:19:27:45.710' },
        { text: '::1:37531 [01/Dec/2026:19:27:49.780] fe be/srv 0/0/0/1/1 101 217 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', role: 'success', ip: '::1', port: 37531 },
        { text: `127.0.0.3:54641 [01/Dec/2026:19:27:45.877] fe be/srv 0/0/1/0/1 200 143 - - ---- 1/1/0/0/0 0/0 {${FAKE.replace(/"/g, "'").replace(' 426 ', ' 101 ')}} "GET / HTTP/1.1"`, match: false, note: 'inject: a 200 whose captured header imitates a 101 line' },
      ],
    },
    {
      id: 'haproxy/upgrade-required',
      desc: 'the backend answered 426: a plain request, a missing Upgrade, or a Connection header a proxy stripped; its path is a WebSocket route',
      source: `${LINE}, status 426 from the backend`,
      needle: ' 426 ',
      pattern: `${HEAD}(?<status>426)${MID}[^\\s"]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d"$`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        { text: '127.0.0.4:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'upgrade-required', ip: '127.0.0.4', port: 41799, status: 426 },
        { text: 'Dec  1 19:27:46 web1 haproxy[4242]: 127.0.0.4:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'upgrade-required', ip: '127.0.0.4', note: 'through syslog (rsyslog\'s traditional format)' },
        { text: '2026-12-01T19:27:46.031245+00:00 web1 haproxy[4242]: [::1]:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'upgrade-required', ip: '::1', port: 41799, note: 'RFC 3339 syslog time' },
        {
          text: `127.0.0.4:41799 [01/Dec/2026:19:27:46.030] fe be/srv 0/0/0/1/1 426 325 - - ---- 1/1/0/0/0 0/0 {x haproxy[1]: ${FAKE.replace(/"/g, "'")}} "GET /ws HTTP/1.1"`,
          cause: 'upgrade-required',
          ip: '127.0.0.4',
          note: 'inject: a captured User-Agent that imitates a syslog header and a log line with another address',
        },
        { text: `Dec  1 19:27:46 web1 app[1]: ${FAKE}`, match: false, note: 'inject: another program writing a line shaped like HAProxy\'s' },
      ],
    },
    {
      id: 'haproxy/websocket-route',
      desc: 'a GET on a WebSocket route refused (declared with --ws-path, or learned from a 101 or 426): by the backend, or by HAProxy itself (503 no server, 504 server timeout, 403 deny)',
      source: `${LINE}; fixtures/logs/haproxy/backend-down.log (503, SC--)`,
      needle: [' 40', ' 50'],
      pattern: `${HEAD}(?<status>40[013458]|50\\d)${MID}GET (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d"$`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '405': 'not-websocket', '408': 'timeout', '5xx': 'server-error' },
      samples: [
        { text: '127.0.0.7:35297 [01/Dec/2026:19:27:46.336] fe be/srv 0/0/0/1/1 400 227 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'bad-request', ip: '127.0.0.7', port: 35297, status: 400 },
        { text: '127.0.0.12:58251 [01/Dec/2026:19:27:47.104] fe be/srv 0/0/0/1/1 403 229 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'forbidden', status: 403 },
        { text: '127.0.0.19:43093 [01/Dec/2026:19:27:48.213] fe be/srv 0/0/0/1/1 401 200 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'rejected' },
        { text: '127.0.0.20:45345 [01/Dec/2026:19:27:48.366] fe be/srv 0/0/0/1/1 500 233 - - ---- 1/1/0/0/0 0/0 "GET /ws HTTP/1.1"', cause: 'server-error', status: 500 },
        { text: '127.0.0.2:37251 [01/Dec/2026:19:27:51.160] fe be/srv 0/0/-1/-1/1001 503 217 - - SC-- 1/1/0/0/1 0/0 "GET /ws HTTP/1.1"', cause: 'server-error', ip: '127.0.0.2', status: 503, note: 'no backend listening: HAProxy\'s own 503' },
        { text: '127.0.0.3:35571 [01/Dec/2026:19:27:52.314] fe be/srv 0/0/-1/-1/1001 503 217 - - SC-- 1/1/0/0/1 0/0 "GET / HTTP/1.1"', match: false, note: 'not a WebSocket route' },
        { text: `127.0.0.7:35297 [01/Dec/2026:19:27:46.336] fe be/srv 0/0/0/1/1 200 227 - - ---- 1/1/0/0/0 0/0 {${FAKE.replace(/"/g, "'").replace(' 426 ', ' 400 ')}} "GET /ws HTTP/1.1"`, match: false, note: 'inject: an answered request whose captured header imitates a refused one' },
      ],
    },
    {
      id: 'haproxy/websocket-method',
      desc: 'a request that is not GET on a WebSocket route (POST, or a method token such as G3T the backend does not take); a 5xx is still the server\'s error',
      source: `${LINE}`,
      needle: [' 400 ', ' 405 ', ' 50'],
      pattern: `${HEAD}(?<status>40[05]|50\\d)${MID}(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE|[A-Z]{0,20}[a-z0-9_-][A-Za-z0-9_-]{0,20}) (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d"$`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      byStatus: { '5xx': 'server-error' },
      samples: [
        { text: '127.0.0.13:44631 [01/Dec/2026:19:27:47.258] fe be/srv 0/0/0/0/0 400 224 - - ---- 1/1/0/0/0 0/0 "POST /ws HTTP/1.1"', cause: 'bad-method', ip: '127.0.0.13', port: 44631 },
        { text: '127.0.0.24:36387 [01/Dec/2026:19:27:49.169] fe be/srv 0/0/1/0/1 400 224 - - ---- 1/1/0/0/0 0/0 "G3T /ws HTTP/1.1"', cause: 'bad-method', ip: '127.0.0.24' },
        { text: '127.0.0.13:38107 [01/Dec/2026:19:28:01.851] fe be/srv 0/0/-1/-1/1002 503 217 - - SC-- 1/1/0/0/1 0/0 "POST /ws HTTP/1.1"', cause: 'server-error', status: 503, note: 'no backend listening' },
        { text: '127.0.0.13:44631 [01/Dec/2026:19:27:47.258] fe be/srv 0/0/0/0/0 201 224 - - ---- 1/1/0/0/0 0/0 "POST /ws?6.6.6.6:1 HTTP/1.1"', match: false, note: 'inject: an answered POST with an address in its query' },
      ],
    },
    {
      id: 'haproxy/bad-request',
      desc: 'HAProxy refused a request it could not parse (PR, `<BADREQ>`): TLS or binary bytes, headers too large, and, since 2.4, a WebSocket upgrade with a missing or malformed Sec-WebSocket-Key',
      source: `${V26} "<BADREQ>" with termination state PR--, status 400; fixtures/logs/haproxy/upgrade.log`,
      needle: ' 400 ',
      pattern: BADREQ('PR[-A-Za-z]{2}', '400'),
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.15:60293 [01/Dec/2026:19:27:47.565] fe fe/<NOSRV> -1/-1/-1/-1/0 400 0 - - PR-- 1/1/0/0/0 0/0 "<BADREQ>"', cause: 'invalid-http', ip: '127.0.0.15', port: 60293, status: 400, detail: 'PR--' },
        { text: '::1:60293 [01/Dec/2026:19:27:47.565] fe fe/<NOSRV> -1/-1/-1/-1/0 400 0 - - PR-- 1/1/0/0/0 0/0 {6.6.6.6:1 [x] fe fe/<NOSRV> -1/-1/-1/-1/0 400 0 - - PR-- 1/1/0/0/0 0/0} "<BADREQ>"', cause: 'invalid-http', ip: '::1', note: 'inject: a captured header imitating the line' },
      ],
    },
    {
      id: 'haproxy/early-close',
      desc: 'the client closed before or while sending its request (CR, `<BADREQ>`): TCP health checks, port scans; `option dontlognull` hides the ones that sent nothing',
      source: `${V26} "<BADREQ>" with termination state CR--; fixtures/logs/haproxy/upgrade.log`,
      needle: ' 400 ',
      pattern: BADREQ('CR[-A-Za-z]{2}', '400'),
      complete: true,
      cause: 'early-close',
      samples: [
        { text: '127.0.0.17:40883 [01/Dec/2026:19:27:47.866] fe fe/<NOSRV> -1/-1/-1/-1/0 400 0 - - CR-- 1/1/0/0/0 0/0 "<BADREQ>"', cause: 'early-close', ip: '127.0.0.17', port: 40883, detail: 'CR--' },
        { text: '127.0.0.18:33335 [01/Dec/2026:19:27:48.017] fe fe/<NOSRV> -1/-1/-1/-1/51 400 0 - - CR-- 1/1/0/0/0 0/0 "<BADREQ>"', cause: 'early-close', ip: '127.0.0.18' },
        { text: '127.0.0.18:33335 [01/Dec/2026:19:27:48.017] fe fe/<NOSRV> -1/-1/-1/-1/51 400 0 - - CR-- 1/1/0/0/0 0/0 "GET /6.6.6.6:1 HTTP/1.1"', match: false, note: 'inject: a request line (not <BADREQ>) with an address' },
      ],
    },
    {
      id: 'haproxy/timeout',
      desc: 'no whole request within `timeout http-request` (cR, `<BADREQ>`): HAProxy answered 408 itself',
      source: `${V26} "<BADREQ>" with termination state cR--, status 408; fixtures/logs/haproxy/upgrade.log`,
      needle: ' 408 ',
      pattern: BADREQ('cR[-A-Za-z]{2}', '408'),
      complete: true,
      cause: 'timeout',
      samples: [
        { text: '127.0.0.22:59455 [01/Dec/2026:19:27:48.670] fe fe/<NOSRV> -1/-1/-1/-1/1002 408 0 - - cR-- 1/1/0/0/0 0/0 "<BADREQ>"', cause: 'timeout', ip: '127.0.0.22', port: 59455, status: 408, detail: 'cR--' },
        { text: '127.0.0.22:59455 [01/Dec/2026:19:27:48.670] fe fe/<NOSRV> -1/-1/-1/-1/1002 408 0 - - cR-- 1/1/0/0/0 0/0 {6.6.6.6:1} "<BADREQ>"', cause: 'timeout', ip: '127.0.0.22', note: 'inject: an address in a captured header' },
      ],
    },
  ],
};
