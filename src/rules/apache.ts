import type { StackRules } from './rule.js';

/**
 * Apache httpd 2.4 (Debian's 2.4.71 captured as a WebSocket reverse proxy, mod_proxy_http and
 * mod_proxy_wstunnel, in fixtures/logs/apache/). The error log in the default ErrorLogFormat:
 * `[time] [module:level] [pid P:tid T] file.c(N): (errno)text: [client IP:PORT] AHnnnnn: message`,
 * then `, referer: …` when the request had one; the source file only below info, the errno only
 * where there is one, the client only for a request or connection. The client field is Apache's
 * and comes before the message: messages quote the client's paths, header lines and bytes, and
 * the referer is the client's too, so the address is read from `[client …]` alone. `pid:tid`
 * keys a conversation: one thread serves one connection at a time.
 *
 * The access log is the combined format, read by the rules nginx.ts shares with apache; the ones
 * here read the two lines of it only Apache writes.
 */
const TIME = '\\[(?<time>[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,6})? \\d{4})\\] ';
/** Time, `[module:level]`, `[pid P:tid T]` (no tid under prefork) as `conn`, the source file. */
const head = (module: string, level: string): string =>
  `^${TIME}\\[${module}:${level}\\] \\[pid (?<conn>\\d{1,10}(?::tid \\d{1,20})?)\\] (?:[A-Za-z0-9_]{1,60}\\.c\\(\\d{1,6}\\): )?`;
/** The error status Apache prints before the client: `(111)Connection refused: `. */
const ERRNO = '\\(-?\\d{1,10}\\)[^:\\n]{1,200}: ';
const CLIENT = '\\[client {HOSTPORT}\\] ';
/** What the default format appends for a request with a Referer: the client's words. */
const REFERER = '(?:, referer: [^\\n]{0,8000})?$';
/** The error log's end-of-message for requests and connections. */
const V = 'Apache httpd 2.4.71';
const SRC = 'apache/httpd 2.4.x (2.4.63-dev)';
const CAPTURED = (log: string): string => `fixtures/logs/apache/${log}`;

/**
 * Any run of `chars` (a negated class, `[^…]`) but `word` itself, up to `max` characters, without
 * lookahead: a value that differs from it somewhere, stops short of it, or runs on past it.
 */
function anyBut(word: string, chars: string, max: number): string {
  let tail = `${chars}{1,${max - word.length}}`;
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i]!;
    tail = `(?:[^${c}${chars.slice(2, -1)}]${chars}{0,${max - i - 1}}|${c}${tail})${i === 0 ? '' : '?'}`;
  }
  return tail;
}

export const apache: StackRules = {
  stack: 'apache',
  desc: 'Apache httpd 2.4 error log (mod_proxy, mod_proxy_http, mod_proxy_wstunnel, core, mod_reqtimeout); its combined access log is read by the shared combined-format rules',
  proxy: true,
  logPath: '(?:^|/)(?:apache2|httpd)/',
  rules: [
    {
      id: 'apache/access-upgrade-never-sent',
      desc: "a WebSocket upgrade in HTTP/1.0 that the backend accepted: mod_proxy_http sends no interim response to an HTTP/1.0 client, so the client never saw the 101 and the line counts 0 bytes sent (%O, which counts headers, is never 0 for a response that went out)",
      source: `${V} modules/proxy/mod_proxy_http.c ap_send_interim_response for 101, server/protocol.c ap_send_interim_response "don\'t send interim response to HTTP/1.0 Client"; ${CAPTURED('upgrade-access.log')} (http-1.0)`,
      needle: 'HTTP/1.0" 101 0 ',
      pattern: '{CLF_HEAD}GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.0" (?<status>101) 0 "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$',
      complete: true,
      learnsPath: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.14 - - [07/Dec/2026:20:49:00 +0000] "GET /ws HTTP/1.0" 101 0 "-" "wsnoise-capture/1"', cause: 'invalid-http', ip: '127.0.0.14', status: 101 },
        { text: '127.0.0.14 - - [07/Dec/2026:20:49:00 +0000] "GET /ws HTTP/1.0" 101 0 "-" "6.6.6.6 - - [07/Dec/2026:20:49:00 +0000]"', cause: 'invalid-http', ip: '127.0.0.14', note: 'inject: an access-line prefix in the agent' },
        { text: '127.0.0.14 - - [07/Dec/2026:20:49:00 +0000] "GET /ws HTTP/1.0" 101 222 "-" "wsnoise-capture/1"', match: false, note: 'the 101 went out (mod_proxy_wstunnel passes the backend\'s bytes as they are)' },
      ],
    },
    {
      id: 'apache/access-escaped-request',
      desc: 'bytes that are not a request line, with a `"` among them: Apache writes it `\\"` (nginx writes `\\x22`), so the combined rules cannot find the field\'s end',
      source: `${V} server/util.c ap_escape_logitem (\\" and \\\\, other bytes as \\xhh); ${CAPTURED('upgrade-access.log')} (binary-garbage)`,
      needle: '\\"',
      pattern: '{CLF_HEAD}(?:[^"\\\\\\n]|\\\\[^"\\n]){0,8000}\\\\"(?:[^"\\\\\\n]|\\\\[^\\n]){0,8000}" (?<status>400) \\d{1,20} "(?:[^"\\\\\\n]|\\\\[^\\n]){0,8000}" "(?:[^"\\\\\\n]|\\\\[^\\n]){0,8000}"$',
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '127.0.0.16 - - [07/Dec/2026:20:49:01 +0000] "}\\x16\\\\g\\x8e\\xcc\\xe3\\xef2\\x0e\\xdaeEVqMw\\xa2\\x1c\\xf2\\xd0\\x03\\xbd\\bG}\\" \\x17\\x15\\x81\\xfat\\xd0\\x8e\\xa7\\xf9\\x145\\xa1\\xacv]\\xfe\\x87\\xa7X]" 400 448 "-" "-"',
          cause: 'invalid-http',
          ip: '127.0.0.16',
          status: 400,
        },
        { text: '127.0.0.16 - - [07/Dec/2026:20:49:01 +0000] "\\x05\\" 6.6.6.6 - - [x] \\"GET /ws HTTP/1.1\\" 101" 400 448 "-" "6.6.6.6"', cause: 'invalid-http', ip: '127.0.0.16', note: 'inject: a whole access line quoted in the bytes, an address as the agent' },
        { text: '127.0.0.3 - - [07/Dec/2026:20:49:01 +0000] "GET / HTTP/1.1" 200 448 "-" "say \\"hi\\""', match: false, note: 'a request line: the quote is in the agent' },
      ],
    },
    {
      id: 'apache/error-backend-connect-failed',
      desc: 'Apache could not connect to the backend of a WebSocket worker (ws:// or wss://; the scheme is the worker\'s): it answers 503. The request\'s client is in the AH01114 or AH02452 line after it',
      source: `${SRC} modules/proxy/proxy_util.c ap_proxy_connect_backend APLOGNO(00957) "%s: attempt to connect to %pI (%s:%hu) failed"; ${CAPTURED('backend-down-error.log')}`,
      needle: 'AH00957: ',
      pattern: `${head('proxy', '(?:error|debug)')}(?<detail>\\(-?\\d{1,10}\\)[^:\\n]{1,200}): AH00957: (?:wss?|WSS?): attempt to connect to [^\\n]{1,600} failed$`,
      cause: 'server-error',
      claims: ['apache/error-http-backend-unavailable', 'apache/error-wstunnel-backend-unavailable'],
      samples: [
        {
          text: '[Mon Dec 07 20:50:18.882635 2026] [proxy:error] [pid 20690:tid 20698] (111)Connection refused: AH00957: ws: attempt to connect to 127.0.0.1:18603 (127.0.0.1:18603) failed',
          cause: 'server-error',
          ip: null,
          detail: '(111)Connection refused',
          time: 'Mon Dec 07 20:50:18.882635 2026',
        },
        { text: '[Mon Dec 07 20:51:02.984186 2026] [proxy:error] [pid 21993:tid 22046] (111)Connection refused: AH00957: WS: attempt to connect to 127.0.0.1:18603 (127.0.0.1:18603) failed', cause: 'server-error', note: 'mod_proxy_wstunnel\'s own tunnel (ProxyWebsocketFallbackToProxyHttp Off) names the scheme in capitals' },
        {
          text: '[Mon Dec 07 20:50:52.160580 2026] [proxy:error] [pid 21721:tid 21749] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:18603 (127.0.0.1:18603) failed',
          match: false,
          note: 'an http:// worker: nothing says the request was a WebSocket handshake (also under upgrade=websocket)',
        },
      ],
    },
    {
      id: 'apache/error-http-backend-unavailable',
      desc: "mod_proxy_http's 503 after a failed connect: names the client, not the scheme, so it joins the WebSocket worker's AH00957 before it and is nothing on its own",
      source: `${SRC} modules/proxy/mod_proxy_http.c proxy_http_handler APLOGNO(01114) "HTTP: failed to make connection to backend: %s"; ${CAPTURED('backend-down-error.log')}`,
      role: 'close',
      needle: 'AH01114: ',
      pattern: `${head('proxy_http', 'error')}${CLIENT}AH01114: HTTP: failed to make connection to backend: [^\\s,]{1,300}${REFERER}`,
      samples: [
        { text: '[Mon Dec 07 20:50:18.882702 2026] [proxy_http:error] [pid 20690:tid 20698] [client 127.0.0.29:55847] AH01114: HTTP: failed to make connection to backend: 127.0.0.1', role: 'close', ip: '127.0.0.29', port: 55847 },
        { text: '[Mon Dec 07 20:51:11.031945 2026] [proxy_http:error] [pid 22412:tid 22419] [client ::1:34421] AH01114: HTTP: failed to make connection to backend: 127.0.0.1', role: 'close', ip: '::1', port: 34421 },
        {
          text: '[Mon Dec 07 20:50:18.882702 2026] [proxy_http:error] [pid 20690:tid 20698] [client 127.0.0.29:55847] AH01114: HTTP: failed to make connection to backend: 127.0.0.1, referer: http://x/ [client 6.6.6.6:1] AH01114: HTTP: failed',
          role: 'close',
          ip: '127.0.0.29',
          note: 'inject: a referer imitating the client field',
        },
      ],
    },
    {
      id: 'apache/error-wstunnel-backend-unavailable',
      desc: "mod_proxy_wstunnel's own tunnel could not connect to the backend: it answers 503",
      source: `${SRC} modules/proxy/mod_proxy_wstunnel.c proxy_wstunnel_handler APLOGNO(02452) "failed to make connection to backend: %s"; ${CAPTURED('wstunnel-error.log')}`,
      needle: 'AH02452: ',
      pattern: `${head('proxy_wstunnel', 'error')}${CLIENT}AH02452: failed to make connection to backend: [^\\s,]{1,300}${REFERER}`,
      complete: true,
      cause: 'server-error',
      samples: [
        { text: '[Mon Dec 07 20:51:02.984235 2026] [proxy_wstunnel:error] [pid 21993:tid 22046] [client 127.0.0.29:54841] AH02452: failed to make connection to backend: 127.0.0.1', cause: 'server-error', ip: '127.0.0.29', port: 54841 },
        { text: '[Mon Dec 07 20:51:02.984235 2026] [proxy_wstunnel:error] [pid 21993:tid 22046] [client 127.0.0.29:54841] AH02452: failed to make connection to backend: 127.0.0.1, referer: [client 6.6.6.6:1]', cause: 'server-error', ip: '127.0.0.29', note: 'inject: an address in the referer' },
      ],
    },
    {
      id: 'apache/error-proxy-error',
      desc: "mod_proxy's own error page (502) for a request on a WebSocket route: the backend closed, reset or timed out before its status line (the AH01102 line before it, which names neither the path nor the scheme, says which), or answered 101 to a worker not set up to upgrade (`Unexpected Upgrade: websocket (expecting n/a)`)",
      source: `${SRC} modules/proxy/proxy_util.c proxyerror_core APLOGNO(00898) "%s returned by %s"; mod_proxy_http.c "Error reading from remote server", "Unexpected Upgrade: %s (expecting %s)"; ${CAPTURED('upgrade-error.log')}, ${CAPTURED('noupgrade-error.log')}`,
      needle: 'AH00898: ',
      pattern: `${head('proxy', 'error')}(?:${ERRNO})?${CLIENT}AH00898: (?<detail>[^\\n]{1,1000}?) returned by (?<path>/[^\\s]{0,4000})${REFERER}`,
      complete: true,
      wsPathOnly: true,
      cause: 'server-error',
      samples: [
        {
          text: '[Mon Dec 07 20:50:17.419307 2026] [proxy:error] [pid 20688:tid 20734] [client 127.0.0.26:39149] AH00898: Error reading from remote server returned by /ws',
          cause: 'server-error',
          ip: '127.0.0.26',
          port: 39149,
          detail: 'Error reading from remote server',
        },
        { text: '[Mon Dec 07 20:50:52.315648 2026] [proxy:error] [pid 21721:tid 21753] [client 127.0.0.30:46641] AH00898: Unexpected Upgrade: websocket (expecting n/a) returned by /ws', cause: 'server-error', detail: 'Unexpected Upgrade: websocket (expecting n/a)' },
        {
          text: '[Mon Dec 07 20:50:17.419307 2026] [proxy:error] [pid 20688:tid 20734] [client 127.0.0.26:39149] AH00898: Error reading from remote server returned by /ws, referer: http://6.6.6.6/ [client 6.6.6.6:1]',
          cause: 'server-error',
          ip: '127.0.0.26',
          note: 'inject: an address in the referer',
        },
        { text: '[Mon Dec 07 20:50:17.419307 2026] [proxy:error] [pid 20688:tid 20734] [client 127.0.0.26:39149] AH00898: Error reading from remote server returned by /api/items', match: false, note: 'not a WebSocket route: an ordinary upstream error' },
      ],
    },
    {
      id: 'apache/error-require-upgrade-missing',
      desc: 'mod_proxy_wstunnel answered 426 to a request without Upgrade on a ws:// URL (one mod_rewrite sent there; ProxyPass hands such requests to mod_proxy_http): a plain HTTP request on a WebSocket route',
      source: `${SRC} modules/proxy/mod_proxy_wstunnel.c proxy_wstunnel_handler APLOGNO(02900) "require upgrade for URL %s (Upgrade header is %s, expecting %s)" with "missing" (info, since 2.4.47)`,
      needle: 'AH02900: require upgrade for URL ',
      pattern: `${head('proxy_wstunnel', 'info')}${CLIENT}AH02900: require upgrade for URL [^\\s]{1,4000} \\(Upgrade header is (?<detail>missing), expecting [^)\\n]{1,100}\\)${REFERER}`,
      complete: true,
      cause: 'not-websocket',
      samples: [
        { text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:info] [pid 21994:tid 22001] [client 127.0.0.4:35673] AH02900: require upgrade for URL ws://127.0.0.1:18601/ws (Upgrade header is missing, expecting WebSocket)', cause: 'not-websocket', ip: '127.0.0.4', detail: 'missing' },
        { text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:info] [pid 21994:tid 22001] [client 127.0.0.4:35673] AH02900: require upgrade for URL ws://127.0.0.1:18601/ws (Upgrade header is missing, expecting WebSocket), referer: [client 6.6.6.6:1]', cause: 'not-websocket', ip: '127.0.0.4', note: 'inject: an address in the referer' },
      ],
    },
    {
      id: 'apache/error-require-upgrade',
      desc: "mod_proxy_wstunnel's own tunnel answered 426: the request's Upgrade header names another protocol than the worker's (h2c instead of WebSocket)",
      source: `${SRC} modules/proxy/mod_proxy_wstunnel.c proxy_wstunnel_handler APLOGNO(02900) "require upgrade for URL %s (Upgrade header is %s, expecting %s)"; ${CAPTURED('wstunnel-error.log')}`,
      needle: 'AH02900: require upgrade for URL ',
      pattern: `${head('proxy_wstunnel', 'info')}${CLIENT}AH02900: require upgrade for URL [^\\s]{1,4000} \\(Upgrade header is (?<detail>${anyBut('missing', '[^)\\n]', 200)}), expecting [^)\\n]{1,100}\\)${REFERER}`,
      complete: true,
      cause: 'bad-upgrade-header',
      samples: [
        {
          text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:info] [pid 21994:tid 22001] [client 127.0.0.6:35673] AH02900: require upgrade for URL ws://127.0.0.1:18601/ws (Upgrade header is h2c, expecting WebSocket)',
          cause: 'bad-upgrade-header',
          ip: '127.0.0.6',
          port: 35673,
          detail: 'h2c',
        },
        { text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:info] [pid 21994:tid 22001] [client 127.0.0.6:35673] AH02900: require upgrade for URL ws://127.0.0.1:18601/ws (Upgrade header is missingno, expecting WebSocket)', cause: 'bad-upgrade-header', detail: 'missingno' },
        { text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:info] [pid 21994:tid 22001] [client 127.0.0.6:35673] AH02900: require upgrade for URL ws://127.0.0.1:18601/ws (Upgrade header is miss, expecting WebSocket)', cause: 'bad-upgrade-header', detail: 'miss' },
        {
          text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:info] [pid 21994:tid 22001] [client 127.0.0.6:35673] AH02900: require upgrade for URL ws://127.0.0.1:18601/ws (Upgrade header is [client 6.6.6.6:1], expecting WebSocket)',
          cause: 'bad-upgrade-header',
          ip: '127.0.0.6',
          note: 'inject: an address as the Upgrade header',
        },
        { text: '[Mon Dec 07 20:50:55.390590 2026] [proxy_wstunnel:debug] [pid 21994:tid 22001] mod_proxy_wstunnel.c(376): [client 127.0.0.4:35673] AH02450: declining URL http://127.0.0.1:18601/ws', match: false, note: 'a request without Upgrade, handed to mod_proxy_http (whose backend answers it)' },
      ],
    },
    {
      id: 'apache/error-header-timeout',
      desc: 'no whole request head within RequestReadTimeout (mod_reqtimeout, Debian\'s default header=20-40): Apache answers 408',
      source: `${SRC} modules/filters/mod_reqtimeout.c APLOGNO(01382) "Request %s read timeout" (info); ${CAPTURED('upgrade-info-error.log')}`,
      needle: 'AH01382: Request header read timeout',
      pattern: `${head('reqtimeout', 'info')}${CLIENT}AH01382: Request header read timeout$`,
      cause: 'timeout',
      claims: ['apache/error-reading-headers'],
      samples: [
        { text: '[Mon Dec 07 20:50:28.739010 2026] [reqtimeout:info] [pid 21190:tid 21239] [client 127.0.0.22:48693] AH01382: Request header read timeout', cause: 'timeout', ip: '127.0.0.22', port: 48693 },
        { text: '[Mon Dec 07 20:50:28.739010 2026] [reqtimeout:info] [pid 21190:tid 21239] [client 127.0.0.22:48693] AH01382: Request body read timeout', match: false, note: 'the body of a request that was read: not an opening handshake' },
        { text: '[Mon Dec 07 20:50:28.739010 2026] [reqtimeout:info] [pid 21190:tid 21239] [client 6.6.6.6:1 ] AH01382: Request header read timeout', match: false, note: 'inject: not an address Apache writes' },
      ],
    },
    {
      id: 'apache/error-reading-headers',
      desc: 'the request head could not be read (core, debug): the end of a timeout or of a header line too long, nothing on its own',
      source: `${SRC} server/protocol.c ap_read_request APLOGNO(00567) "request failed: error reading the headers"; ${CAPTURED('upgrade-coredebug-error.log')}`,
      role: 'close',
      needle: 'AH00567: ',
      pattern: `${head('core', 'debug')}${CLIENT}AH00567: request failed: error reading the headers${REFERER}`,
      samples: [
        { text: '[Mon Dec 07 20:50:41.122985 2026] [core:debug] [pid 21515:tid 21557] protocol.c(1481): [client 127.0.0.22:59103] AH00567: request failed: error reading the headers', role: 'close', ip: '127.0.0.22', port: 59103 },
        { text: '[Mon Dec 07 20:50:41.122985 2026] [core:debug] [pid 21515:tid 21557] protocol.c(1481): [client 127.0.0.22:59103] AH00567: request failed: error reading the headers, referer: [client 6.6.6.6:1]', role: 'close', ip: '127.0.0.22', note: 'inject: an address in the referer' },
      ],
    },
    {
      id: 'apache/error-header-line-too-long',
      desc: 'a header line longer than LimitRequestFieldSize (ENOSPC; core, debug): the line as far as it was read follows, the client\'s bytes, so no address is read from it',
      source: `${SRC} server/protocol.c ap_get_mime_headers_core "Failed to read request header line %s" (no AH number); ${CAPTURED('upgrade-coredebug-error.log')}`,
      needle: 'Failed to read request header line ',
      pattern: `${head('core', 'debug')}(?<detail>\\(28\\)[^:\\n]{1,100}): ${CLIENT}Failed to read request header line [^\\n]{0,9000}$`,
      cause: 'invalid-http',
      claims: ['apache/error-header-too-large', 'apache/error-reading-headers'],
      samples: [
        {
          text: '[Mon Dec 07 20:50:41.275356 2026] [core:debug] [pid 21515:tid 21559] protocol.c(1118): (28)No space left on device: [client 127.0.0.23:54015] Failed to read request header line Cookie: session=aaaaaaaaaaaaaaaa',
          cause: 'invalid-http',
          ip: '127.0.0.23',
          port: 54015,
          detail: '(28)No space left on device',
        },
        { text: '[Mon Dec 07 20:50:41.275356 2026] [core:debug] [pid 21515:tid 21559] protocol.c(1118): (28)No space left on device: [client 127.0.0.23:54015] Failed to read request header line X: [client 6.6.6.6:1]', cause: 'invalid-http', ip: '127.0.0.23', note: 'inject: an address in the header line' },
      ],
    },
    {
      id: 'apache/error-header-too-large',
      desc: 'a request header over LimitRequestFieldSize (also after merging or folding) or too many headers (LimitRequestFields): Apache answers 400',
      source: `${SRC} server/protocol.c APLOGNO(00560) (00561) (00562) "Request header exceeds LimitRequestFieldSize…", APLOGNO(00563) "Number of request headers exceeds LimitRequestFields" (info); ${CAPTURED('upgrade-info-error.log')}`,
      needle: ['Request header exceeds LimitRequestFieldSize', 'Number of request headers exceeds LimitRequestFields'],
      pattern: `${head('core', 'info')}${CLIENT}AH0056[0-3]: (?<detail>Request header exceeds LimitRequestFieldSize|Number of request headers exceeds LimitRequestFields)[^\\n]{0,8000}$`,
      cause: 'invalid-http',
      claims: ['apache/error-reading-headers'],
      samples: [
        {
          text: '[Mon Dec 07 20:50:28.891279 2026] [core:info] [pid 21190:tid 21241] [client 127.0.0.23:49959] AH00561: Request header exceeds LimitRequestFieldSize: Cookie',
          cause: 'invalid-http',
          ip: '127.0.0.23',
          port: 49959,
          detail: 'Request header exceeds LimitRequestFieldSize',
        },
        { text: '[Mon Dec 07 20:50:28.891279 2026] [core:info] [pid 21190:tid 21241] [client 127.0.0.23:49959] AH00563: Number of request headers exceeds LimitRequestFields', cause: 'invalid-http', detail: 'Number of request headers exceeds LimitRequestFields' },
        { text: '[Mon Dec 07 20:50:28.891279 2026] [core:info] [pid 21190:tid 21241] [client 127.0.0.23:49959] AH00561: Request header exceeds LimitRequestFieldSize: [client 6.6.6.6:1]', cause: 'invalid-http', ip: '127.0.0.23', note: 'inject: an address as the header name' },
      ],
    },
    {
      id: 'apache/error-null-bytes',
      desc: 'a request line or header with NUL bytes (core, debug; a TLS ClientHello on the plain port, binary probes): opens the hex dump of the bytes that follows, under the same thread, up to the request\'s failure',
      source: `${SRC} server/protocol.c ap_rgetline_core ap_log_data(…, "NULL bytes in header", …); ${CAPTURED('upgrade-coredebug-error.log')}`,
      role: 'open',
      needle: 'NULL bytes in header (',
      pattern: `${head('core', 'debug')}NULL bytes in header \\(\\d{1,10} bytes\\)$`,
      samples: [{ text: '[Mon Dec 07 20:50:39.005891 2026] [core:debug] [pid 21515:tid 21547] protocol.c(511): NULL bytes in header (83 bytes)', role: 'open' }],
    },
    {
      id: 'apache/error-data-dump',
      desc: 'a line of the hex dump after `NULL bytes in header`: 16 bytes as text (unprintable ones as dots), then as hex; the client\'s bytes',
      source: `${SRC} server/log.c ap_log_data (16 bytes a line, no offsets); ${CAPTURED('upgrade-coredebug-error.log')}`,
      role: 'part',
      needle: '[core:debug] ',
      pattern: `${head('core', 'debug')}[ -~]{16} [0-9a-f ]{32}$`,
      samples: [
        { text: '[Mon Dec 07 20:50:39.005980 2026] [core:debug] [pid 21515:tid 21547] protocol.c(511): ....T...P...T... 16030100540100005003031054b3fdef', role: 'part' },
        { text: '[Mon Dec 07 20:50:39.006003 2026] [core:debug] [pid 21515:tid 21547] protocol.c(511): ...              03000a                          ', role: 'part' },
      ],
    },
    {
      id: 'apache/error-request-line',
      desc: 'a request line Apache refused with 400 (core, debug; HttpProtocolOptions Strict): not HTTP at all (TLS or binary bytes), a bad method token, URI or protocol, extra text, HTTP/0.9; or longer than LimitRequestLine (info)',
      source: `${SRC} server/protocol.c read_request_line / ap_read_request APLOGNO(00566) "request failed: malformed request line", APLOGNO(00565) "…request-line exceeds LimitRequestLine…", "HTTP Request Line; …" (03444-03449, 03454, 02418, 02421-02423, 02427); ${CAPTURED('upgrade-coredebug-error.log')}`,
      needle: ['AH00566: request failed: malformed request line', "AH00565: request failed: client's request-line exceeds LimitRequestLine", ': HTTP Request Line; '],
      pattern: `${head('core', '(?:debug|info)')}${CLIENT}AH0\\d{4}: (?<detail>request failed: malformed request line|request failed: client's request-line exceeds LimitRequestLine|HTTP Request Line; [A-Za-z0-9/.]{1,40}(?: [A-Za-z0-9/.]{1,40}){0,8})(?:[ :(][^\\n]{0,8000})?$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '[Mon Dec 07 20:50:39.006013 2026] [core:debug] [pid 21515:tid 21547] protocol.c(1449): [client 127.0.0.15:37625] AH00566: request failed: malformed request line',
          cause: 'invalid-http',
          ip: '127.0.0.15',
          port: 37625,
          detail: 'request failed: malformed request line',
        },
        {
          text: "[Mon Dec 07 20:50:39.157248 2026] [core:debug] [pid 21515:tid 21549] protocol.c(919): [client 127.0.0.16:45177] AH03454: HTTP Request Line; URI incorrectly encoded: '\\x17\\x15\\x81\\xfat\\xd0\\x8e\\xa7\\xf9\\x145\\xa1\\xacv]\\xfe\\x87\\xa7X]'",
          cause: 'invalid-http',
          ip: '127.0.0.16',
          detail: 'HTTP Request Line; URI incorrectly encoded',
        },
        { text: "[Mon Dec 07 20:50:39.157248 2026] [core:debug] [pid 21515:tid 21549] protocol.c(908): [client 127.0.0.24:45177] AH03445: HTTP Request Line; Invalid method token: 'G3T'", cause: 'invalid-http', detail: 'HTTP Request Line; Invalid method token' },
        { text: "[Mon Dec 07 20:50:39.157248 2026] [core:info] [pid 21515:tid 21549] [client 127.0.0.24:45177] AH00565: request failed: client's request-line exceeds LimitRequestLine (longer than 8190)", cause: 'invalid-http', detail: "request failed: client's request-line exceeds LimitRequestLine" },
        {
          text: "[Mon Dec 07 20:50:39.157248 2026] [core:debug] [pid 21515:tid 21549] protocol.c(931): [client 127.0.0.17:45177] AH03449: HTTP Request Line; Extraneous text found '[client 6.6.6.6:1]' (perhaps whitespace was injected?)",
          cause: 'invalid-http',
          ip: '127.0.0.17',
          detail: 'HTTP Request Line; Extraneous text found',
          note: 'inject: an address in the extra text',
        },
      ],
    },
  ],
};
