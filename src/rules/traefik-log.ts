import type { RuleSample, RuleSpec } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { ISO_TIME } from './common.js';
import { TLS_DETAIL } from './nethttp.js';

/**
 * Traefik's own log (not its access log), from its source (traefik @fd5a576 and the v1.7, v2
 * tags; vulcand/oxy @db4bdb4) and the lines users paste into its issues. No Traefik runs here
 * and Debian ships none. Three shapes: logrus' text (v1, v2: `time="…" level=error msg="…"`),
 * logrus' JSON (`{"level":…,"msg":…,"time":…}`, keys sorted), and zerolog's console (v3:
 * `2026-…Z ERR caller.go:12 > message error="…"`, coloured unless `log.noColor` or a file). The
 * message of v2 holds its error (`msg: err`); v3 writes it in an `error` field. v3's JSON
 * (`"message"`, `"error"`) is read by the structured layer as `message: error`, the bare form
 * these patterns also take. Peeking and TLS lines name the client in the error Go wrote
 * (`read tcp LOCAL->CLIENT: …`, `from CLIENT:`); the proxy lines name only the backend.
 */
const C = '(?:\\x1b\\[[0-9;]{1,12}m){0,3}';
const LEVEL = '(?:debug|info|warn|warning|error)';
const OPEN =
  `^(?:\\{"level":"${LEVEL}","msg":"|(?:time="|${C})(?<time>${ISO_TIME})` +
  `(?:" level=${LEVEL} msg="|${C} ${C}(?:TRC|DBG|INF|WRN|ERR)${C} (?:${C}[\\w./@-]{1,200}:\\d{1,6}${C} >${C} )?))?`;
/** zerolog's error field after the message, as its console writer prints it. */
const ERR_FIELD = `${C} ${C}error=${C}"?`;
/** logrus' closing quote, its JSON's time, zerolog's colour; fields written after the message. */
const CLOSE = `(?:","time":"[^"\\n]{1,40}"\\}|"?${C})(?: [\\w.-]{1,60}=[^\\n]{0,2000})?$`;
/** Traefik 2's `'502 Bad Gateway' caused by: err`, 3's `502 Bad Gateway error="err"` (`: err` once read from JSON). */
const STATUS_SEP = `(?:' caused by: |: |${ERR_FIELD})`;
/** Go's `%q` inside a message that logrus or zerolog quoted again: `\"h2c\"`, or `"h2c"` once read from JSON. */
const Q = '\\\\?"[^"\\\\\\n]{0,100}\\\\?"';
const ROUTER = 'traefik @fd5a576 pkg/server/router/tcp/router.go:140 "Error while peeking first bytes", :161 "Error while reading client hello"; v2.11.53 router.go:139 "Error while reading client hello: %s"; v2.0.0 pkg/tcp/router.go:183 "Error while Peeking first byte: %s", :196 "Error while Peeking hello: %s"; commit 630de74 "Error while Peeking first bytes"';
const PEEK = '(?:Error while (?:[Pp]eeking (?:first bytes?|hello|client hello headers|client hello bytes)|reading client hello)(?:: |' + ERR_FIELD + ')(?:peeking (?:first byte|client hello headers|client hello bytes): )?)';
/** Go's net.OpError, `->` escaped as `\u003e` in logrus' JSON. */
const READ_TCP = 'read tcp [^\\s>]{1,60}-(?:>|\\\\u003e){HOSTPORT}: ';
const TLS = 'traefik @fd5a576 pkg/server/server_entrypoint_tcp.go:732 http.Server ErrorLog into zerolog at debug; v2.11.53 server_entrypoint_tcp.go:37 httpServerLogger (logrus at debug); go src/net/http/server.go "http: TLS handshake error from %s: %v"';
const OXY = 'vulcand/oxy v1.3.0 forward/fwd.go';
const PROXY = 'go src/net/http/httputil/reverseproxy.go handleUpgradeResponse; traefik v2.11.53 pkg/server/service/proxy.go:141 "\'%d %s\' caused by: %v", @fd5a576 pkg/proxy/httputil/proxy.go:181 Debug().Err(err).Msgf("%d %s")';
const T = '2026-12-02T10:00:00Z';
const REQ_DUMP = `time="${T}" level=debug msg="vulcand/oxy/forward/websocket: begin ServeHttp on request" Request="{\\"Method\\":\\"GET\\",\\"URL\\":{\\"Path\\":\\"/Error while Peeking first byte: read tcp 10.0.0.2:80->6.6.6.6:1: read: connection reset by peer\\"},\\"RemoteAddr\\":\\"6.6.6.6:1\\"}"`;

function tlsRule(cause: keyof typeof TLS_DETAIL, desc: string, samples: readonly RuleSample[]): RuleSpec {
  return {
    id: `traefik/tls-${cause === 'invalid-http' ? 'not-tls' : cause}`,
    desc: `http: TLS handshake error under Traefik's prefix: ${desc}`,
    source: `${TLS}; https://github.com/traefik/traefik/issues/12081 (logrus), https://github.com/traefik/traefik/issues/11028 (zerolog)`,
    needle: 'TLS handshake error from ',
    pattern: `${OPEN}http: TLS handshake error from {HOSTPORT}: (?<detail>${TLS_DETAIL[cause]})${CLOSE}`,
    complete: true,
    cause,
    samples,
  };
}

/** gorilla/websocket's Upgrader refusing the client after the backend said 101 (oxy 1.x). */
function upgradeRule(name: string, cause: Cause, message: string, text: string): RuleSpec {
  return {
    id: `traefik/oxy-upgrade-${name}`,
    desc: `Traefik 1.x (oxy) upgraded the backend, then gorilla's Upgrader refused the client: ${message.replace(/\\/g, '')}`,
    source: `${OXY}:368 "vulcand/oxy/forward/websocket: Error while upgrading connection : %v"; gorilla/websocket server.go`,
    needle: 'vulcand/oxy/forward/websocket: Error while upgrading',
    pattern: `${OPEN}vulcand/oxy/forward/websocket: Error while upgrading connection : (?<detail>websocket: ${message})${CLOSE}`,
    complete: true,
    noAddress: true,
    cause,
    samples: [{ text: `time="${T}" level=error msg="vulcand/oxy/forward/websocket: Error while upgrading connection : websocket: ${text}"`, cause, ip: null, time: T }],
  };
}

export const traefikLogRules: readonly RuleSpec[] = [
  {
    id: 'traefik/peek-closed',
    desc: 'a TCP connection closed or reset before its first bytes (load balancer TCP health checks, port scans): Traefik 2.0 logs EOF too, later versions only the reset',
    source: `${ROUTER}; https://github.com/traefik/traefik/issues/5652, /11245, /9653`,
    needle: ['while Peeking ', 'while peeking ', 'while reading client hello'],
    pattern: `${OPEN}${PEEK}(?<detail>EOF|${READ_TCP}read: connection reset by peer)${CLOSE}`,
    complete: true,
    cause: 'early-close',
    samples: [
      {
        text: 'time="2019-10-15T01:51:44Z" level=error msg="Error while Peeking first byte: read tcp 192.168.38.17:80->192.168.38.2:61659: read: connection reset by peer"',
        cause: 'early-close',
        ip: '192.168.38.2',
        port: 61659,
        time: '2019-10-15T01:51:44Z',
        detail: 'read tcp 192.168.38.17:80->192.168.38.2:61659: read: connection reset by peer',
        note: 'Traefik 2.0, https://github.com/traefik/traefik/issues/5652',
      },
      { text: 'time="2019-03-28T12:27:40Z" level=error msg="Error while Peeking first byte: EOF"', cause: 'early-close', ip: null, detail: 'EOF', note: 'https://github.com/traefik/traefik/issues/4685' },
      { text: '2024-10-31T06:34:02+01:00 ERR Error while Peeking first byte error="read tcp 10.244.32.120:443->192.168.1.102:5711: read: connection reset by peer"', cause: 'early-close', ip: '192.168.1.102', port: 5711, note: 'Traefik 3.2, https://github.com/traefik/traefik/issues/11245' },
      { text: '2023-01-10T13:44:28Z ERR Error while Peeking first bytes error=EOF', cause: 'early-close', ip: null, note: 'https://github.com/traefik/traefik/issues/9653' },
      {
        text: '\x1b[90m2026-12-02T10:00:00Z\x1b[0m \x1b[33mDBG\x1b[0m \x1b[1mgithub.com/traefik/traefik/v3/pkg/server/router/tcp/router.go:140\x1b[0m\x1b[36m >\x1b[0m Error while peeking first bytes \x1b[36merror=\x1b[0m\x1b[31m"read tcp 172.18.0.2:80->[2001:db8::7]:40022: read: connection reset by peer"\x1b[0m',
        cause: 'early-close',
        ip: '2001:db8::7',
        port: 40022,
        note: 'v3 in colour, as it writes to a container\'s stdout by default',
      },
      { text: `time="${T}" level=debug msg="Error while reading client hello: peeking first byte: read tcp 10.0.0.2:443->10.0.0.9:5000: read: connection reset by peer"`, cause: 'early-close', ip: '10.0.0.9', note: 'v2.11' },
      { text: REQ_DUMP, match: false, note: 'inject: a debug dump of a request whose path and RemoteAddr the client chose' },
      { text: `time="${T}" level=error msg="Error while Peeking first byte: read tcp 10.0.0.2:80->6.6.6.6:1: use of closed network connection"`, match: false, note: 'Traefik closed it itself (shutdown): not a client\'s failure' },
    ],
  },
  {
    id: 'traefik/peek-timeout',
    desc: 'a TCP connection sent nothing before the entry point\'s read timeout (v2.0–3.1 logged it; later versions do not)',
    source: `${ROUTER}; https://github.com/traefik/traefik/issues/11120`,
    needle: ['while Peeking ', 'while peeking ', 'while reading client hello'],
    pattern: `${OPEN}${PEEK}(?<detail>${READ_TCP}i/o timeout)${CLOSE}`,
    complete: true,
    cause: 'timeout',
    samples: [
      {
        text: '2024-09-24T08:10:22Z ERR github.com/traefik/traefik/v3/pkg/server/router/tcp/postgres.go:32 > Error while Peeking first byte error="read tcp 100.111.28.246:8443->100.117.198.128:28318: i/o timeout"',
        cause: 'timeout',
        ip: '100.117.198.128',
        port: 28318,
        time: '2024-09-24T08:10:22Z',
        note: 'https://github.com/traefik/traefik/issues/11120',
      },
      { text: '{"level":"error","msg":"Error while Peeking first byte: read tcp 10.0.0.2:80-\\u003e10.0.0.8:41000: i/o timeout","time":"2026-12-02T10:00:00Z"}', cause: 'timeout', ip: '10.0.0.8', note: 'logrus JSON (v2 --log.format=json)' },
      { text: `${T} ERR Error while Peeking first byte error="read tcp 10.0.0.2:80->10.0.0.8:41000: i/o timeout" path=/6.6.6.6:1`, cause: 'timeout', ip: '10.0.0.8', note: 'inject: an address in a field after the message is not read' },
    ],
  },
  tlsRule('invalid-http', 'not TLS on a TLS entry point (plain HTTP is answered 400 without a word; binary bytes, SSLv2, too old a hello)', [
    { text: 'time="2025-09-17T13:01:21+02:00" level=debug msg="http: TLS handshake error from 192.0.2.44:46790: tls: first record does not look like a TLS handshake"', cause: 'invalid-http', ip: '192.0.2.44', port: 46790, time: '2025-09-17T13:01:21+02:00' },
    { text: `${T} DBG log/log.go:245 > http: TLS handshake error from [2001:db8::5]:42832: tls: client offered only unsupported versions: [302 301]`, cause: 'invalid-http', ip: '2001:db8::5', note: 'v3, https://github.com/traefik/traefik/issues/11028' },
    { text: `time="${T}" level=debug msg="http: TLS handshake error from 192.0.2.44:46788: tls: client requested unsupported application protocols ([h2])"`, match: false, note: 'ALPN: a TLS option of this server, not noise' },
  ]),
  tlsRule('early-close', 'the client closed during the TLS handshake (TCP health checks, scans)', [
    { text: 'time="2025-09-17T13:01:20+02:00" level=debug msg="http: TLS handshake error from 192.0.2.45:51980: EOF"', cause: 'early-close', ip: '192.0.2.45', port: 51980, note: 'https://github.com/traefik/traefik/issues/12081' },
    { text: '{"level":"debug","msg":"http: TLS handshake error from 192.0.2.45:24564: read tcp 10.0.0.2:443-\\u003e192.0.2.45:24564: read: connection reset by peer","time":"2026-12-02T10:00:00Z"}', cause: 'early-close', ip: '192.0.2.45', note: 'logrus JSON, which escapes > as \\u003e' },
    { text: `${T} DBG log/log.go:245 > http: TLS handshake error from 6.6.6.6:1 EOF`, match: false, note: 'inject: not the shape net/http writes' },
  ]),
  tlsRule('timeout', 'a ClientHello and then nothing until the entry point\'s timeout', [
    { text: `${T} DBG log/log.go:245 > http: TLS handshake error from 192.0.2.46:40400: read tcp 10.0.0.2:443->192.0.2.46:40400: i/o timeout`, cause: 'timeout', ip: '192.0.2.46', port: 40400 },
    { text: `time="${T}" level=debug msg="http: TLS handshake error from 192.0.2.46:40400: read tcp 10.0.0.2:443->6.6.6.6:1: i/o timeout"`, cause: 'timeout', ip: '192.0.2.46', note: 'inject: only the address after from is the client\'s' },
  ]),
  {
    id: 'traefik/oxy-backend-refused',
    desc: 'Traefik 1.x (oxy) dialled the backend with the client\'s WebSocket handshake and the backend answered it without 101, passed on to the client: the status says why (2xx: the backend does not speak WebSocket there, every client fails)',
    source: `${OXY}:327 "vulcand/oxy/forward/websocket: Error dialing %q: %v with resp: %d %s"; https://longhorn.io/kb/troubleshooting-traefik-2.x-as-ingress-controller/ (Traefik 1.7 JSON)`,
    needle: 'vulcand/oxy/forward/websocket: Error dialing ',
    pattern: `${OPEN}vulcand/oxy/forward/websocket: Error dialing ${Q}: (?<detail>websocket: bad handshake) with resp: (?<status>\\d{3}) \\d{3} [A-Za-z' -]{0,60}${CLOSE}`,
    complete: true,
    noAddress: true,
    cause: 'unknown-handshake',
    byStatus: { '2xx': 'server-error', '3xx': 'rejected', '400': 'bad-request', '401': 'rejected', '403': 'forbidden', '404': 'rejected', '426': 'upgrade-required', '5xx': 'server-error' },
    samples: [
      { text: '{"level":"error","msg":"vulcand/oxy/forward/websocket: Error dialing \\"10.17.1.246\\": websocket: bad handshake with resp: 200 200 OK","time":"2021-03-09T08:29:03Z"}', cause: 'server-error', ip: null, status: 200, note: 'Longhorn UI behind Traefik 1.7' },
      { text: `time="${T}" level=error msg="vulcand/oxy/forward/websocket: Error dialing \\"chat:8080\\": websocket: bad handshake with resp: 403 403 Forbidden"`, cause: 'forbidden', status: 403, time: T },
      { text: `time="${T}" level=error msg="vulcand/oxy/forward/websocket: Error dialing \\"10.0.0.5:8080\\": websocket: bad handshake with resp: 400 400 Bad Request"`, cause: 'bad-request', ip: null, note: 'the backend\'s address is not the client\'s' },
    ],
  },
  {
    id: 'traefik/oxy-proxy-broken',
    desc: 'Traefik 1.x (oxy) could not reach the WebSocket backend, or could not take the client\'s connection over: the proxy or the backend is broken, kept',
    source: `${OXY}:330 "%s can not be hijack", :337 "Failed to hijack responseWriter"; oxy before 4ce46c1 (2017, Traefik ≤1.4) "Error dialing \`%v\`: %v", "Unable to hijack the connection: does not implement http.Hijacker. ResponseWriter implementation type: %v"`,
    needle: 'vulcand/oxy/forward/websocket: ',
    pattern: `${OPEN}vulcand/oxy/forward/websocket: (?<detail>Error dialing \`[^\`\\n]{1,300}\`: [^"\\n]{1,500}|Unable to hijack the connection: [^"\\n]{1,300}|[^\\s"]{1,200} can not be hijack|Failed to hijack responseWriter)${CLOSE}`,
    complete: true,
    noAddress: true,
    cause: 'server-error',
    samples: [
      { text: `time="${T}" level=error msg="vulcand/oxy/forward/websocket: Error dialing \`172.17.0.4:8080\`: dial tcp 172.17.0.4:8080: getsockopt: connection refused"`, cause: 'server-error', ip: null },
      { text: `time="${T}" level=error msg="vulcand/oxy/forward/websocket: *middlewares.ResponseRecorder can not be hijack"`, cause: 'server-error' },
      { text: `time="${T}" level=debug msg="vulcand/oxy/forward/websocket: completed ServeHttp on request" Request="{\\"RemoteAddr\\":\\"6.6.6.6:1\\"}"`, match: false, note: 'the debug trace of a good session' },
      { text: `time="${T}" level=error msg="vulcand/oxy/forward/websocket: Error when copying from backend to client: websocket: close 1006 (abnormal closure): unexpected EOF"`, match: false, note: 'a session that ended badly, after the handshake' },
    ],
  },
  upgradeRule('version', 'unsupported-version', "unsupported version: 13 not found in 'Sec-Websocket-Version' header", "unsupported version: 13 not found in 'Sec-Websocket-Version' header"),
  upgradeRule('key', 'bad-key', "not a websocket handshake: (?:'Sec-WebSocket-Key' header is missing or blank|`Sec-Websocket-Key' header is missing or blank)", "not a websocket handshake: 'Sec-WebSocket-Key' header is missing or blank"),
  upgradeRule('method', 'bad-method', '(?:the client is not using the websocket protocol|not a websocket handshake): request method is not GET', 'the client is not using the websocket protocol: request method is not GET'),
  upgradeRule('early-data', 'invalid-http', 'client sent data before handshake is complete', 'client sent data before handshake is complete'),
  {
    id: 'traefik/proxy-upgrade-backend',
    desc: 'Traefik 2/3 (Go\'s ReverseProxy): the backend answered the upgrade wrongly (another protocol, a body it cannot write to), or the response could not be taken over: a backend or middleware bug, kept',
    source: PROXY,
    needle: [' switch protocol', 'switching protocols response', 'Hijack failed on protocol switch'],
    pattern:
      `${OPEN}'?(?<status>\\d{3}) [A-Z][A-Za-z ]{1,40}${STATUS_SEP}(?<detail>backend tried to switch (?:protocol ${Q} when ${Q} was requested|to invalid protocol ${Q})` +
      "|can't switch protocols using non-Hijacker ResponseWriter type [^\\s\"]{1,200}|internal error: 101 switching protocols response with non-writable body|Hijack failed on protocol switch: [^\"\\n]{1,500})" +
      CLOSE,
    complete: true,
    noAddress: true,
    cause: 'server-error',
    samples: [
      { text: `time="${T}" level=debug msg="'500 Internal Server Error' caused by: backend tried to switch protocol \\"h2c\\" when \\"websocket\\" was requested"`, cause: 'server-error', status: 500, detail: 'backend tried to switch protocol \\"h2c\\" when \\"websocket\\" was requested' },
      { text: `${T} DBG github.com/traefik/traefik/v3/pkg/proxy/httputil/proxy.go:181 > 500 Internal Server Error error="can't switch protocols using non-Hijacker ResponseWriter type *gzhttp.GzipResponseWriter"`, cause: 'server-error', status: 500 },
      { text: `${T} DBG github.com/traefik/traefik/v3/pkg/proxy/httputil/proxy.go:181 > 502 Bad Gateway error="dial tcp 10.0.0.5:8080: connect: connection refused"`, match: false, note: 'a backend down: the line does not say it was a WebSocket' },
    ],
  },
  {
    id: 'traefik/proxy-upgrade-client',
    desc: 'Traefik 2/3 (Go\'s ReverseProxy): the client asked to upgrade to a protocol name with control bytes (a fuzzer)',
    source: `${PROXY}; reverseproxy.go ServeHTTP "client tried to switch to invalid protocol %q"`,
    needle: 'client tried to switch to invalid protocol ',
    pattern: `${OPEN}'?(?<status>\\d{3}) [A-Z][A-Za-z ]{1,40}${STATUS_SEP}(?<detail>client tried to switch to invalid protocol \\\\?"[^"\\n]{0,200}")${CLOSE}`,
    complete: true,
    noAddress: true,
    cause: 'bad-upgrade-header',
    samples: [
      { text: `time="${T}" level=debug msg="'500 Internal Server Error' caused by: client tried to switch to invalid protocol \\"web\\\\x01socket\\""`, cause: 'bad-upgrade-header', status: 500 },
      { text: `${T} DBG log/log.go:245 > GET /'400 Bad Request' caused by: client tried to switch to invalid protocol "6.6.6.6"`, match: false, note: 'inject: the message inside a logged request line' },
    ],
  },
];
