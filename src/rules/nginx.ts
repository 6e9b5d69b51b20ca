import type { StackRules } from './rule.js';

/**
 * nginx (Debian's 1.22 captured in front of a websockets server in fixtures/logs/nginx/): the
 * combined access log, whose first field is the client, and the error log at `info`, whose
 * `client:` field is. Requests, hosts and header values in these lines are the client's words:
 * the patterns take the address only from nginx's own fields.
 */
const ACCESS = '{CLF_HEAD}';
const TAIL = '{CLF_TAIL}';
const ERROR = '^(?<time>{NGINX_ERROR_TIME}) \\[(?:info|notice|warn|error)\\] \\d{1,10}#\\d{1,10}: \\*(?<conn>\\d{1,20}) ';
const CLIENT = ', client: {IP}, server: [^\\n]{0,8000}$';
const V122 = 'nginx 1.22';

export const nginx: StackRules = {
  stack: 'nginx',
  desc: 'nginx combined access log and error log (info)',
  proxy: true,
  rules: [
    {
      id: 'nginx/access-switching-protocols',
      desc: 'a WebSocket handshake that succeeded; teaches its path as a WebSocket route',
      source: `${V122} access log, status 101; fixtures/logs/nginx/upgrade-access.log`,
      role: 'success',
      learnsPath: true,
      needle: '" 101 ',
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.[01]" 101${TAIL}`,
      samples: [
        { text: '127.0.0.2 - - [25/Nov/2026:05:57:20 +0000] "GET /ws HTTP/1.1" 101 19 "-" "wsnoise-capture/1"', role: 'success', ip: '127.0.0.2' },
        { text: '127.0.0.2 - - [25/Nov/2026:05:57:20 +0000] "GET /ws?6.6.6.6 HTTP/1.1" 101 19 "http://6.6.6.6/" "6.6.6.6 - -"', role: 'success', ip: '127.0.0.2', note: 'inject: addresses in path, referer and agent' },
      ],
    },
    {
      id: 'nginx/access-upgrade-required',
      desc: 'the backend answered 426: a plain request, a missing Upgrade, or a Connection header a proxy stripped; its path is a WebSocket route',
      source: `${V122} access log, status 426 from the upstream; fixtures/logs/nginx/upgrade-access.log`,
      needle: '" 426 ',
      pattern: `${ACCESS}[A-Z]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>426)${TAIL}`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        {
          text: '127.0.0.4 - - [25/Nov/2026:05:57:21 +0000] "GET /ws HTTP/1.1" 426 165 "-" "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"',
          cause: 'upgrade-required',
          ip: '127.0.0.4',
          status: 426,
          time: '25/Nov/2026:05:57:21 +0000',
        },
        { text: '::1 - - [25/Nov/2026:05:57:25 +0000] "GET /ws HTTP/1.1" 426 165 "-" "curl/7.88.1"', cause: 'upgrade-required', ip: '::1' },
        { text: '127.0.0.4 - - [25/Nov/2026:05:57:21 +0000] "GET /ws HTTP/1.1" 200 165 "-" "6.6.6.6 - - [x] \\"GET /ws HTTP/1.1\\" 426 1 \\"-\\" \\"-\\""', match: false, note: 'a user agent quoting a 426 line, injected address' },
      ],
    },
    {
      id: 'nginx/access-websocket-route',
      desc: 'a GET on a WebSocket route refused (declared with --ws-path, or learned from a 101 or 426); a 5xx there is the server\'s error',
      source: `${V122} access log; fixtures/logs/nginx/upgrade-access.log`,
      needle: ['" 400 ', '" 401 ', '" 403 ', '" 404 ', '" 405 ', '" 408 ', '" 5'],
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>40[013458]|5\\d\\d)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '405': 'not-websocket', '408': 'timeout', '5xx': 'server-error' },
      samples: [
        { text: '127.0.0.7 - - [25/Nov/2026:05:57:21 +0000] "GET /ws HTTP/1.1" 400 80 "-" "wsnoise-capture/1"', cause: 'bad-request', ip: '127.0.0.7', status: 400 },
        { text: '127.0.0.12 - - [25/Nov/2026:05:57:22 +0000] "GET /ws HTTP/1.1" 403 84 "-" "wsnoise-capture/1"', cause: 'forbidden' },
        { text: '127.0.0.22 - - [25/Nov/2026:05:57:24 +0000] "GET /ws HTTP/1.1" 408 0 "-" "wsnoise-capture/1"', cause: 'timeout' },
        { text: '127.0.0.20 - - [25/Nov/2026:05:57:23 +0000] "GET /ws HTTP/1.1" 500 76 "-" "wsnoise-capture/1"', cause: 'server-error', status: 500 },
        { text: '127.0.0.7 - - [25/Nov/2026:05:57:21 +0000] "GET /api/items HTTP/1.1" 400 80 "-" "-"', match: false, note: 'not a WebSocket route' },
        { text: '127.0.0.7 - - [25/Nov/2026:05:57:21 +0000] "GET /ws HTTP/1.1" 400 80 "-" "6.6.6.6 - - [25/Nov/2026:05:57:21 +0000]"', cause: 'bad-request', ip: '127.0.0.7', note: 'inject: an access-line prefix in the agent' },
      ],
    },
    {
      id: 'nginx/access-websocket-method',
      desc: 'a request that is not GET on a WebSocket route',
      source: `${V122} access log; fixtures/logs/nginx/upgrade-access.log`,
      needle: ['" 400 ', '" 405 '],
      pattern: `${ACCESS}(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>40[05])${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: '127.0.0.13 - - [25/Nov/2026:05:57:22 +0000] "POST /ws HTTP/1.1" 400 77 "-" "wsnoise-capture/1"', cause: 'bad-method', ip: '127.0.0.13' },
        { text: '127.0.0.13 - - [25/Nov/2026:05:57:22 +0000] "POST /ws HTTP/1.1" 400 77 "-" "6.6.6.6"', cause: 'bad-method', ip: '127.0.0.13', note: 'inject: an address as the agent' },
      ],
    },
    {
      id: 'nginx/access-tls-on-plaintext',
      desc: 'a TLS ClientHello sent to a plaintext port (nginx escapes its bytes as \\xHH)',
      source: `${V122} access log, status 400; fixtures/logs/nginx/upgrade-access.log`,
      needle: '"\\x16\\x03',
      pattern: `${ACCESS}(?<detail>\\\\x16\\\\x03)\\\\x0[0-4][^"\\n]{0,8000}" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '127.0.0.15 - - [25/Nov/2026:05:57:22 +0000] "\\x16\\x03\\x01\\x00T\\x01\\x00\\x00P\\x03\\x03\\x10T\\xB3" 400 157 "-" "-"',
          cause: 'invalid-http',
          ip: '127.0.0.15',
          detail: '\\x16\\x03',
        },
        { text: '127.0.0.15 - - [25/Nov/2026:05:57:22 +0000] "\\x16\\x03\\x016.6.6.6" 400 157 "-" "-"', cause: 'invalid-http', ip: '127.0.0.15', note: 'inject: an address in the bytes' },
      ],
    },
    {
      id: 'nginx/access-binary-request',
      desc: 'binary bytes instead of a request line (a probe for another protocol)',
      source: `${V122} access log, status 400; fixtures/logs/nginx/upgrade-access.log`,
      needle: '\\x',
      pattern: `${ACCESS}(?:\\\\x(?:0[0-9A-F]|1[0-57-9A-F]|[2-9A-F][0-9A-F])|[^"\\\\\\n][^"\\n]{0,8000}?\\\\x[0-9A-F]{2})[^"\\n]{0,8000}" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.16 - - [25/Nov/2026:05:57:22 +0000] "}\\x16\\x5Cg\\x8E\\xCC\\xE3\\xEF2\\x0E" 400 157 "-" "-"', cause: 'invalid-http', ip: '127.0.0.16' },
        { text: '127.0.0.16 - - [25/Nov/2026:05:57:22 +0000] "\\x05\\x01\\x00" 400 157 "-" "-"', cause: 'invalid-http', note: 'a SOCKS5 greeting' },
        { text: '127.0.0.16 - - [25/Nov/2026:05:57:22 +0000] "6.6.6.6 - - \\x00" 400 157 "-" "-"', cause: 'invalid-http', ip: '127.0.0.16', note: 'inject: an access-line prefix in the bytes' },
      ],
    },
    {
      id: 'nginx/access-cut-request',
      desc: 'a request line cut short: the client closed while it was being read',
      source: `${V122} access log, status 400; fixtures/logs/nginx/upgrade-access.log`,
      needle: '" 400 ',
      pattern: `${ACCESS}[A-Z]{1,20}(?: [^"\\s]{1,4000}(?: H(?:T(?:T(?:P(?:/(?:\\d\\.?)?)?)?)?)?)?)?" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'early-close',
      samples: [
        { text: '127.0.0.18 - - [25/Nov/2026:05:57:23 +0000] "GET /ws HT" 400 0 "-" "-"', cause: 'early-close', ip: '127.0.0.18' },
        { text: '127.0.0.7 - - [25/Nov/2026:05:57:21 +0000] "GET /api HTTP/1.1" 400 80 "-" "-"', match: false, note: 'a whole request line' },
        { text: '127.0.0.18 - - [25/Nov/2026:05:57:23 +0000] "GET /6.6.6.6" 400 0 "-" "6.6.6.6"', cause: 'early-close', ip: '127.0.0.18', note: 'inject: addresses in the path and agent' },
      ],
    },
    {
      id: 'nginx/access-bad-method-token',
      desc: 'a request line whose method is not a token nginx knows (garbage, G3T)',
      source: `${V122} access log, status 400; fixtures/logs/nginx/upgrade-access.log`,
      needle: '" 400 ',
      pattern: `${ACCESS}[A-Z]{0,20}[a-z0-9_-][A-Za-z0-9_-]{0,20} [^"\\n]{0,8000}" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.24 - - [25/Nov/2026:05:57:25 +0000] "G3T /ws HTTP/1.1" 400 157 "-" "-"', cause: 'invalid-http', ip: '127.0.0.24' },
        { text: '127.0.0.24 - - [25/Nov/2026:05:57:25 +0000] "G3T /ws HTTP/1.1" 400 157 "-" "6.6.6.6 - -"', cause: 'invalid-http', ip: '127.0.0.24', note: 'inject: an address as the agent' },
      ],
    },
    {
      id: 'nginx/access-extra-in-request-line',
      desc: 'a request line with more after its HTTP version, refused with 400 (nginx logs "client sent invalid request")',
      source: `${V122} access log, status 400; fixtures/logs/nginx/variants-access.log`,
      needle: '" 400 ',
      pattern: `${ACCESS}[A-Z]{1,20} [^"\\s]{1,4000} HTTP/\\d\\.\\d [^"\\n]{1,8000}" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.17 - - [01/Dec/2026:19:38:45 +0000] "GET /ws HTTP/1.1 extra" 400 157 "-" "-"', cause: 'invalid-http', ip: '127.0.0.17', status: 400 },
        { text: '127.0.0.17 - - [01/Dec/2026:19:38:45 +0000] "GET /ws HTTP/1.1 6.6.6.6 - -" 400 157 "-" "6.6.6.6"', cause: 'invalid-http', ip: '127.0.0.17', note: 'inject: addresses after the version and in the agent' },
      ],
    },
    {
      id: 'nginx/error-early-close',
      desc: 'the client closed before or while sending its request (TCP health checks, port scans)',
      source: `${V122} src/http/ngx_http_request.c "client closed connection while waiting for request", "client prematurely closed connection"`,
      needle: 'closed connection while ',
      pattern: `${ERROR}(?<detail>client (?:prematurely )?closed connection while (?:waiting for request|reading client request line|reading client request headers))${CLIENT}`,
      complete: true,
      cause: 'early-close',
      samples: [
        {
          text: '2026/11/25 05:57:23 [info] 11808#11808: *23 client closed connection while waiting for request, client: 127.0.0.17, server: 127.0.0.1:18104',
          cause: 'early-close',
          ip: '127.0.0.17',
          detail: 'client closed connection while waiting for request',
          time: '2026/11/25 05:57:23',
        },
        {
          text: '2026/11/25 05:57:23 [info] 11808#11808: *24 client prematurely closed connection while reading client request line, client: 127.0.0.18, server: localhost, request: "GET /ws HT"',
          cause: 'early-close',
          ip: '127.0.0.18',
        },
        {
          text: '2026/11/25 05:57:23 [info] 11808#11808: *24 client prematurely closed connection while reading client request line, client: 6.6.6.6, server: localhost, request: "GET /ws HT", client: 127.0.0.18, server: x',
          cause: 'early-close',
          ip: '6.6.6.6',
          note: 'inject: the first client field is nginx\'s own; the request comes after it',
        },
      ],
    },
    {
      id: 'nginx/error-invalid-request',
      desc: 'a request nginx could not parse: TLS or binary bytes (invalid method), a bad request line, a bad or missing Host',
      source: `${V122} src/http/ngx_http_request.c ngx_http_client_errors: "client sent invalid method" …; "client sent invalid host header", "client sent HTTP/1.1 request without \\"Host\\" header": fixtures/logs/nginx/variants-error.log`,
      needle: ['client sent invalid ', 'client sent HTTP/1.1 request without "Host" header'],
      pattern: `${ERROR}(?<detail>client sent (?:invalid (?:method|request|header line|host in request line|host header|version|HTTP version)|HTTP/1\\.1 request without "Host" header)) while (?:reading client request line|reading client request headers)${CLIENT}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '2026/11/25 05:57:22 [info] 11808#11808: *20 client sent invalid method while reading client request line, client: 127.0.0.24, server: localhost, request: "G3T /ws HTTP/1.1"',
          cause: 'invalid-http',
          ip: '127.0.0.24',
          detail: 'client sent invalid method',
        },
        {
          text: '2026/11/25 05:57:22 [info] 11808#11808: *20 client sent invalid method while reading client request line, client: 127.0.0.24, server: localhost, request: ", client: 6.6.6.6, server: x"',
          cause: 'invalid-http',
          ip: '127.0.0.24',
          note: 'inject: an address in the request line is not taken',
        },
        {
          text: '2026/12/01 19:38:44 [info] 11567#11567: *20 client sent HTTP/1.1 request without "Host" header while reading client request headers, client: 127.0.0.14, server: localhost, request: "GET /ws HTTP/1.1"',
          cause: 'invalid-http',
          ip: '127.0.0.14',
          detail: 'client sent HTTP/1.1 request without "Host" header',
        },
        {
          text: '2026/12/01 19:38:45 [info] 11567#11567: *21 client sent invalid host header while reading client request headers, client: 127.0.0.15, server: localhost, request: "GET /ws HTTP/1.1", host: "bad/host"',
          cause: 'invalid-http',
          ip: '127.0.0.15',
          detail: 'client sent invalid host header',
        },
        {
          text: '2026/12/01 19:38:45 [info] 11567#11567: *23 client sent invalid request while reading client request line, client: 127.0.0.17, server: localhost, request: "GET /ws HTTP/1.1 extra"',
          cause: 'invalid-http',
          ip: '127.0.0.17',
        },
        {
          text: '2026/12/01 19:38:45 [error] 11567#11567: *22 client intended to send too large body: 10485760 bytes, client: 127.0.0.16, server: localhost, request: "POST /ws HTTP/1.1", host: "localhost:18520"',
          match: false,
          note: 'a request body over client_max_body_size: not an opening handshake',
        },
      ],
    },
    {
      id: 'nginx/error-timeout',
      desc: 'the client sent no whole request in time (client_header_timeout)',
      source: `${V122} src/http/ngx_http_request.c "client timed out"`,
      needle: 'client timed out',
      pattern: `${ERROR}(?<detail>client timed out) \\(110: Connection timed out\\) while (?:waiting for request|reading client request line|reading client request headers)${CLIENT}`,
      complete: true,
      cause: 'timeout',
      samples: [
        {
          text: '2026/11/25 05:57:24 [info] 11808#11808: *30 client timed out (110: Connection timed out) while reading client request headers, client: 127.0.0.22, server: localhost, request: "GET /ws HTTP/1.1", host: "localhost:18104"',
          cause: 'timeout',
          ip: '127.0.0.22',
        },
        { text: '2026/11/25 05:57:24 [info] 11808#11808: *30 client timed out (110: Connection timed out) while reading client request headers, client: 127.0.0.22, server: localhost, request: "GET /, client: 6.6.6.6, server: x HTTP/1.1"', cause: 'timeout', ip: '127.0.0.22', note: 'inject: an error-log tail in the request line' },
      ],
    },
    {
      id: 'nginx/error-long-header',
      desc: 'a header line over large_client_header_buffers; the quoted header is the client\'s, so no address is read from this line',
      source: `${V122} src/http/ngx_http_request.c "client sent too long header line"`,
      needle: 'client sent too long header line',
      pattern: `${ERROR}(?<detail>client sent too long header line): "[^\\n]{0,8000}$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '2026/11/25 05:57:25 [info] 11808#11808: *31 client sent too long header line: "Cookie: session=aaaa..." while reading client request headers, client: 127.0.0.23, server: localhost, request: "GET /ws HTTP/1.1", host: "localhost:18104"',
          cause: 'invalid-http',
          ip: null,
        },
      ],
    },
    {
      id: 'nginx/error-invalid-header-line',
      desc: 'a header line nginx refused with 400 (it prints the line up to the bad byte, escaped, then "..."); the line is the client\'s, so no address is read from it',
      source: `${V122} src/http/ngx_http_request.c "client sent invalid header line: \\"%*s\\\\x%02xd...\\""; fixtures/logs/nginx/variants-error.log`,
      needle: 'client sent invalid header line: "',
      pattern: `${ERROR}(?<detail>client sent invalid header line): "[^\\n]{0,8000}\\\\x[0-9A-Fa-f]{2}\\.\\.\\." while reading client request headers, client: [^\\n]{0,8000}$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '2026/12/01 19:38:44 [info] 11567#11567: *17 client sent invalid header line: "Bad\\x20..." while reading client request headers, client: 127.0.0.12, server: localhost, request: "GET /ws HTTP/1.1", host: "localhost:18520"',
          cause: 'invalid-http',
          ip: null,
          detail: 'client sent invalid header line',
        },
        {
          text: '2026/12/01 19:38:44 [info] 11567#11567: *18 client sent invalid header line: "X@Probe: 1" while reading client request headers, client: 127.0.0.13, server: localhost, request: "GET /ws HTTP/1.1", host: "localhost:18520"',
          match: false,
          note: 'ignore_invalid_headers: the header was dropped and the handshake went on (101)',
        },
      ],
    },
    {
      id: 'nginx/error-plain-http-on-tls',
      desc: 'a plain-text request on a TLS port (a client that should have used wss://, or a probe); nginx answers 400',
      source: `${V122} src/http/ngx_http_request.c "client sent plain HTTP request to HTTPS port"; fixtures/logs/nginx/variants-error.log`,
      needle: 'client sent plain HTTP request to HTTPS port',
      pattern: `${ERROR}(?<detail>client sent plain HTTP request to HTTPS port) while (?:reading client request line|reading client request headers)${CLIENT}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '2026/12/01 19:38:42 [info] 11567#11567: *13 client sent plain HTTP request to HTTPS port while reading client request headers, client: 127.0.0.8, server: localhost, request: "GET /ws HTTP/1.1", host: "localhost:18520"',
          cause: 'invalid-http',
          ip: '127.0.0.8',
          detail: 'client sent plain HTTP request to HTTPS port',
        },
        {
          text: '2026/12/01 19:38:42 [info] 11567#11567: *13 client sent plain HTTP request to HTTPS port while reading client request headers, client: 127.0.0.8, server: localhost, request: "GET /?, client: 6.6.6.6, server: x HTTP/1.1", host: "6.6.6.6"',
          cause: 'invalid-http',
          ip: '127.0.0.8',
          note: 'inject: an error-log tail in the request line and host',
        },
      ],
    },
    {
      id: 'nginx/error-tls-handshake-failed',
      desc: 'a TLS handshake that failed on the client\'s bytes (not TLS at all, an unsupported version, no shared cipher): a probe or a broken client',
      source: `${V122} src/event/ngx_event_openssl.c ngx_ssl_connection_error "SSL_do_handshake() failed" (info for client errors); fixtures/logs/nginx/variants-error.log`,
      needle: 'SSL_do_handshake() failed (',
      pattern: `${ERROR}SSL_do_handshake\\(\\) failed \\((?<detail>SSL: [^)\\n]{1,300})\\) while SSL handshaking${CLIENT}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '2026/12/01 19:38:43 [info] 11567#11567: *14 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking, client: 127.0.0.9, server: 127.0.0.1:18526',
          cause: 'invalid-http',
          ip: '127.0.0.9',
          detail: 'SSL: error:0A00010B:SSL routines::wrong version number',
        },
        {
          text: '2026/09/27 13:25:42 [info] 214668#214668: *20 SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol) while SSL handshaking, client: 203.0.113.9, server: 0.0.0.0:443',
          cause: 'invalid-http',
          ip: '203.0.113.9',
          note: 'an old TLS version',
        },
        {
          text: '2026/12/01 19:38:43 [crit] 11567#11567: *14 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking, client: 6.6.6.6, server: 127.0.0.1:18526',
          match: false,
          note: 'crit: an error nginx does not put down to the client',
        },
      ],
    },
    {
      id: 'nginx/error-tls-handshake-closed',
      desc: 'the client closed the connection during the TLS handshake (TCP health checks, scanners)',
      source: `${V122} src/event/ngx_event_openssl.c "peer closed connection in SSL handshake", src/http/ngx_http_request.c "client closed connection" while SSL handshaking; fixtures/logs/nginx/variants-error.log`,
      needle: ['closed connection while SSL handshaking', 'peer closed connection in SSL handshake'],
      pattern: `${ERROR}(?<detail>client closed connection|peer closed connection in SSL handshake) while SSL handshaking${CLIENT}`,
      complete: true,
      cause: 'early-close',
      samples: [
        {
          text: '2026/12/01 19:38:43 [info] 11567#11567: *15 client closed connection while SSL handshaking, client: 127.0.0.10, server: 127.0.0.1:18526',
          cause: 'early-close',
          ip: '127.0.0.10',
          detail: 'client closed connection',
        },
        {
          text: '2026/12/01 19:38:43 [info] 11567#11567: *16 peer closed connection in SSL handshake while SSL handshaking, client: 127.0.0.11, server: 127.0.0.1:18526',
          cause: 'early-close',
          ip: '127.0.0.11',
          detail: 'peer closed connection in SSL handshake',
        },
        { text: '2026/12/01 19:38:43 [info] 11567#11567: *16 peer closed connection in SSL handshake while SSL handshaking, client: 6.6.6.6 , server: x', match: false, note: 'inject: not an address nginx writes' },
      ],
    },
    {
      id: 'nginx/error-upstream-handshake',
      desc: 'the upstream failed while nginx waited for its answer to a request on a WebSocket route (refused, reset, closed, timed out): nginx answers 502 or 504, the server\'s error. Failures after the 101 (while proxying upgraded connection) are not handshakes',
      source: `${V122} src/http/ngx_http_upstream.c "upstream prematurely closed connection", "upstream timed out", connect()/recv() failed while connecting to upstream / reading response header from upstream; fixtures/logs/nginx/variants-error.log`,
      needle: ['upstream prematurely closed connection', '(110: Connection timed out)', '() failed (', 'no live upstreams while connecting'],
      pattern: `${ERROR}(?<detail>upstream prematurely closed connection|upstream timed out \\(110: Connection timed out\\)|(?:connect|recv|send|writev|readv)\\(\\) failed \\(\\d{1,5}: [A-Za-z ]{1,60}\\)|no live upstreams) while (?:connecting to upstream|reading response header from upstream), client: {IP}, server: [^,\\n]{0,1000}, request: "GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.[01]", upstream: "[^\\n]{0,8000}$`,
      complete: true,
      wsPathOnly: true,
      cause: 'server-error',
      samples: [
        {
          text: '2026/12/01 19:38:39 [error] 11567#11567: *3 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.3, server: localhost, request: "GET /ws HTTP/1.1", upstream: "http://127.0.0.1:18522/ws-close", host: "localhost:18520"',
          cause: 'server-error',
          ip: '127.0.0.3',
          detail: 'upstream prematurely closed connection',
        },
        {
          text: '2026/12/01 19:38:39 [error] 11567#11567: *5 recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 127.0.0.4, server: localhost, request: "GET /ws HTTP/1.1", upstream: "http://127.0.0.1:18522/ws-reset", host: "localhost:18520"',
          cause: 'server-error',
          detail: 'recv() failed (104: Connection reset by peer)',
        },
        {
          text: '2026/12/01 19:38:41 [error] 11567#11567: *7 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.5, server: localhost, request: "GET /ws HTTP/1.1", upstream: "http://127.0.0.1:18522/ws-slow", host: "localhost:18520"',
          cause: 'server-error',
        },
        {
          text: '2026/12/01 19:38:41 [error] 11567#11567: *9 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.6, server: localhost, request: "GET /ws HTTP/1.1", upstream: "http://127.0.0.1:18525/ws-down", host: "localhost:18520"',
          cause: 'server-error',
          ip: '127.0.0.6',
        },
        {
          text: '2026/12/01 19:38:42 [error] 11567#11567: *11 recv() failed (104: Connection reset by peer) while proxying upgraded connection, client: 127.0.0.7, server: localhost, request: "GET /ws HTTP/1.1", upstream: "http://127.0.0.1:18522/ws-drop", host: "localhost:18520"',
          match: false,
          note: 'after the 101: a session the upstream dropped, not a handshake',
        },
        {
          text: '2026/12/01 19:38:39 [error] 11567#11567: *3 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.3, server: localhost, request: "GET /api HTTP/1.1", upstream: "http://127.0.0.1:18522/api", host: "localhost:18520"',
          match: false,
          note: 'not a WebSocket route: an ordinary upstream error',
        },
        {
          text: '2026/12/01 19:38:39 [error] 11567#11567: *3 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.3, server: localhost, request: "GET /ws?,client:6.6.6.6,server:x HTTP/1.1", upstream: "http://127.0.0.1:18522/ws", host: "6.6.6.6"',
          cause: 'server-error',
          ip: '127.0.0.3',
          note: 'inject: an error-log tail in the request line and host',
        },
      ],
    },
  ],
};
