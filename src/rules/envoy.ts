import type { StackRules } from './rule.js';

/**
 * Envoy's text access log: its default format (docs/root/configuration/observability/access_log/
 * usage.rst), which names no client, and Istio's (pilot/pkg/model/telemetry_logging.go
 * EnvoyTextLogFormat), which adds the response code details and, after the upstream host, the
 * cluster, local addresses and DOWNSTREAM_REMOTE_ADDRESS. No server of it runs here. Header
 * values in the quoted fields are the client's and Envoy does not escape their quotes: the
 * address is read from the unquoted fields after the last quoted one, whose characters a
 * client cannot bring in (the SNI is held to host-name characters).
 *
 * Response flags (source/common/stream_info/utility.cc): DC downstream closed, UC upstream
 * closed, UF/UH/URX/UO/NC/UT/UR/LR the upstream failed, NR no route, DPE a request Envoy could
 * not parse. A WebSocket on a route without `upgrade_configs` is refused 403 `upgrade_failed`
 * (source/common/http/conn_manager_impl.cc, ResponseCodeDetails::UpgradeFailed); an upstream
 * that answers an upgrade with anything but 101 is `websocket_handshake_unsuccessful`.
 */
const DOCS = 'envoy docs/root/configuration/observability/access_log/usage.rst (default format)';
const ISTIO = 'istio pilot/pkg/model/telemetry_logging.go EnvoyTextLogFormat';
const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?Z';
const START = `^\\[(?<time>${TIME})\\] "`;
/** Method, path, protocol; `-` for each when the request could not be read. */
const REQUEST = '(?:[A-Z]{1,20}|-) (?<path>[^"\\s]{1,4000}|-) (?:HTTP/[0-9.]{1,3}|-)" ';
/** Istio's RESPONSE_CODE_DETAILS CONNECTION_TERMINATION_DETAILS "UPSTREAM_TRANSPORT_FAILURE_REASON", when there. */
const DETAILS = '(?: (?<detail>[A-Za-z0-9_.{}:=,+-]{1,300}) [^\\s"]{1,300} "[^"\\n]{0,1000}")?';
const DETAILS_AS = (detail: string): string => ` (?<detail>${detail}) [^\\s"]{1,300} "[^"\\n]{0,1000}"`;
const COUNTS = ' \\d{1,20} \\d{1,20} (?:\\d{1,20}|-) (?:\\d{1,20}|-)';
const QUOTED = ' "[^"\\n]{0,8000}" "[^"\\n]{0,8000}" "[^"\\n]{0,200}" "[^"\\n]{0,4000}" "[^"\\n]{0,300}"';
/** Istio's tail: cluster, upstream local, downstream local, downstream remote, SNI, route. */
const TAIL = `(?: [^\\s"]{1,300} [^\\s"]{1,100} [^\\s"]{1,100} {HOSTPORT} (?:[A-Za-z0-9._*-]{1,253}|-) [^\\s"]{1,300})?$`;
const ROUTE_STATUS = { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '405': 'not-websocket', '408': 'timeout', '426': 'upgrade-required', '5xx': 'server-error' } as const;

export const envoy: StackRules = {
  stack: 'envoy',
  desc: "Envoy access log, default and Istio's text formats",
  proxy: true,
  rules: [
    {
      id: 'envoy/switching-protocols',
      desc: 'a WebSocket handshake that succeeded; teaches its path as a WebSocket route',
      source: `${DOCS}; ${ISTIO}`,
      role: 'success',
      learnsPath: true,
      needle: '" 101 ',
      pattern: `${START}GET (?<path>[^"\\s]{1,4000}) HTTP/[0-9.]{1,3}" 101 [A-Z,-]{1,60}${DETAILS}${COUNTS}${QUOTED}${TAIL}`,
      samples: [
        { text: '[2026-12-02T10:00:00.123Z] "GET /ws HTTP/1.1" 101 - 0 0 5012 - "-" "Mozilla/5.0" "9b1c6f0e-1a2b-4c3d-9e8f-001122334455" "chat.example" "127.0.0.1:8080"', role: 'success', ip: null },
        {
          text: '[2026-12-02T10:00:00.123Z] "GET /ws HTTP/1.1" 101 - via_upstream - "-" 0 0 5012 - "6.6.6.6" "6.6.6.6:1 - -" "9b1c" "chat.example" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local 10.44.1.23:37652 10.44.1.23:8080 127.0.0.2:46520 - default',
          role: 'success',
          ip: '127.0.0.2',
          port: 46520,
          note: "inject: an address as X-Forwarded-For; Istio's downstream remote address is read",
        },
      ],
    },
    {
      id: 'envoy/upgrade-failed',
      desc: 'Envoy refused the upgrade (403): the route has no upgrade_configs for websocket (every client fails: a misconfiguration), or an Upgrade to something else',
      source: `${ISTIO}; envoy source/common/http/conn_manager_impl.cc sendLocalReply(Code::Forbidden, …, ResponseCodeDetails::get().UpgradeFailed) "upgrade_failed"`,
      needle: ' upgrade_failed ',
      pattern: `${START}${REQUEST}(?<status>403) -${DETAILS_AS('upgrade_failed')}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      cause: 'rejected',
      samples: [
        {
          text: '[2026-12-02T10:00:01.001Z] "GET /ws HTTP/1.1" 403 - upgrade_failed - "-" 0 0 0 - "-" "Mozilla/5.0" "0a1b2c3d" "chat.example" "-" - - 10.44.1.23:8080 127.0.0.3:46522 - -',
          cause: 'rejected',
          ip: '127.0.0.3',
          status: 403,
          detail: 'upgrade_failed',
          time: '2026-12-02T10:00:01.001Z',
        },
        {
          text: '[2026-12-02T10:00:01.001Z] "GET /ws HTTP/1.1" 403 - upgrade_failed - "-" 0 0 0 - "-" "a - - 1.1.1.1:1 6.6.6.6:2 - -" "0a1b" "chat.example" "-" - - 10.44.1.23:8080 127.0.0.3:46522 - -',
          cause: 'rejected',
          ip: '127.0.0.3',
          note: 'inject: a forged Istio tail inside the user agent',
        },
        { text: '[2026-12-02T10:00:01.001Z] "GET /upgrade_failed HTTP/1.1" 403 - rbac_access_denied - "-" 0 0 0 - "-" "-" "0a1b" "x" "-" - - 10.44.1.23:8080 127.0.0.3:46522 - -', match: false, note: 'another 403; the word in the path' },
      ],
    },
    {
      id: 'envoy/handshake-unsuccessful',
      desc: 'the upstream answered the upgrade with something other than 101 (its status tells why); the path is a WebSocket route',
      source: `${ISTIO}; envoy source/common/router/upstream_request.cc ResponseCodeDetails::get().WebsocketHandshakeUnsuccessful "websocket_handshake_unsuccessful"`,
      needle: ' websocket_handshake_unsuccessful ',
      pattern: `${START}${REQUEST}(?<status>\\d{3}) [A-Z,-]{1,60}${DETAILS_AS('websocket_handshake_unsuccessful')}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      learnsPath: true,
      cause: 'unknown-handshake',
      byStatus: { '400': 'bad-request', ...ROUTE_STATUS },
      samples: [
        {
          text: '[2026-12-02T10:00:02.002Z] "GET /ws HTTP/1.1" 401 - websocket_handshake_unsuccessful - "-" 0 12 3 2 "-" "Mozilla/5.0" "0a1c" "chat.example" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local 10.44.1.23:37654 10.44.1.23:8080 [::1]:46524 - default',
          cause: 'rejected',
          ip: '::1',
          status: 401,
        },
        {
          text: '[2026-12-02T10:00:02.002Z] "GET /ws?6.6.6.6:1 HTTP/1.1" 401 - websocket_handshake_unsuccessful - "-" 0 12 3 2 "6.6.6.6" "x y z 6.6.6.6:1 - -" "0a1c" "6.6.6.6:1" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local 10.44.1.23:37654 10.44.1.23:8080 127.0.0.4:46524 - default',
          cause: 'rejected',
          ip: '127.0.0.4',
          note: 'inject: addresses in the path, X-Forwarded-For, agent and authority',
        },
      ],
    },
    {
      id: 'envoy/upgrade-required',
      desc: 'the backend (or Envoy, to HTTP/1.0) answered 426; its path is a WebSocket route',
      source: `${DOCS}; ${ISTIO}`,
      needle: '" 426 ',
      pattern: `${START}${REQUEST}(?<status>426) [A-Z,-]{1,60}${DETAILS}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        { text: '[2026-12-02T10:00:03.003Z] "GET /ws HTTP/1.1" 426 - 0 16 2 1 "-" "curl/8.5.0" "0a1d" "chat.example" "127.0.0.1:8080"', cause: 'upgrade-required', status: 426, ip: null },
        { text: '[2026-12-02T10:00:03.003Z] "GET /ws HTTP/1.1" 200 - 0 16 2 1 "-" "\\" 426 - 0 1 2 3 \\"" "0a1d" "chat.example" "127.0.0.1:8080"', match: false, note: 'an access line quoted in the user agent' },
      ],
    },
    {
      id: 'envoy/websocket-route-downstream-close',
      desc: 'on a WebSocket route, the client closed before any response (status 0, DC)',
      source: `${DOCS} RESPONSE_FLAGS DC (DownstreamConnectionTermination)`,
      needle: '" 0 ',
      pattern: `${START}${REQUEST}(?<status>0) (?:[A-Z]{1,4},){0,8}DC(?:,[A-Z]{1,4}){0,8}${DETAILS}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'early-close',
      samples: [
        { text: '[2026-12-02T10:00:04.004Z] "GET /ws HTTP/1.1" 0 DC 0 0 9500 - "-" "-" "0a1e" "chat.example" "127.0.0.1:8080"', cause: 'early-close', ip: null },
        {
          text: '[2026-12-02T10:00:04.004Z] "GET /ws HTTP/1.1" 0 DC downstream_remote_disconnect - "-" 0 0 9500 - "-" "-" "0a1e" "chat.example" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local 10.44.1.23:37656 10.44.1.23:8080 127.0.0.5:46526 - default',
          cause: 'early-close',
          ip: '127.0.0.5',
        },
        { text: '[2026-12-02T10:00:04.004Z] "GET /api HTTP/1.1" 0 DC 0 0 9500 - "-" "-" "0a1e" "x" "127.0.0.1:8080"', match: false, note: 'not a WebSocket route' },
        { text: '[2026-12-02T10:00:04.004Z] "GET /ws HTTP/1.1" 101 DC 0 0 9500 - "-" "-" "0a1e" "chat.example" "127.0.0.1:8080"', match: false, note: 'an upgraded connection the client later closed: not a handshake failure' },
      ],
    },
    {
      id: 'envoy/websocket-route-upstream-failure',
      desc: 'on a WebSocket route, the upstream was unreachable, overloaded, timed out or reset (5xx with UF, UH, URX, UC, UO, NC, UT, UR, LR): a server-side error',
      source: `${DOCS} RESPONSE_FLAGS UF UH URX UC UO NC UT UR LR`,
      needle: '" 5',
      pattern: `${START}${REQUEST}(?<status>5\\d\\d) (?:[A-Z]{1,4},){0,8}(?:UF|UH|URX|UC|UO|NC|UT|UR|LR)(?:,[A-Z]{1,4}){0,8}${DETAILS}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'server-error',
      samples: [
        { text: '[2026-12-02T10:00:05.005Z] "GET /ws HTTP/1.1" 503 UH 0 19 0 - "-" "-" "0a1f" "chat.example" "-"', cause: 'server-error', status: 503 },
        { text: '[2026-12-02T10:00:05.005Z] "GET /ws HTTP/1.1" 503 UC,URX upstream_reset_before_response_started{connection_termination} - "-" 0 95 1 - "-" "-" "0a1f" "chat.example" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local - 10.44.1.23:8080 127.0.0.6:46528 - default', cause: 'server-error', ip: '127.0.0.6' },
        { text: '[2026-12-02T10:00:05.005Z] "GET /ws HTTP/1.1" 503 UF - - "-" 0 95 1 - "-" "-" "0a1f" "chat.example 1.2.3.4:5" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local - 10.44.1.23:8080 127.0.0.6:46528 - default', cause: 'server-error', ip: '127.0.0.6', note: 'inject: an address in the authority' },
      ],
    },
    {
      id: 'envoy/websocket-route-no-route',
      desc: 'on a WebSocket route, Envoy found no route (404 NR): the route table lacks it',
      source: `${DOCS} RESPONSE_FLAGS NR (NoRouteFound)`,
      needle: '" 404 NR',
      pattern: `${START}${REQUEST}(?<status>404) NR${DETAILS}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'rejected',
      samples: [{ text: '[2026-12-02T10:00:06.006Z] "GET /ws HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "-" "-" "0a20" "chat.example" "-" - - 10.44.1.23:8080 127.0.0.7:46530 - -', cause: 'rejected', ip: '127.0.0.7', detail: 'route_not_found' },
        { text: '[2026-12-02T10:00:06.006Z] "GET /ws HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "6.6.6.6" "-" "0a20" "6.6.6.6:80" "-" - - 10.44.1.23:8080 127.0.0.7:46530 - -', cause: 'rejected', ip: '127.0.0.7', note: 'inject: addresses in X-Forwarded-For and the authority' },
      ],
    },
    {
      id: 'envoy/websocket-route-status',
      desc: 'a GET on a WebSocket route that the backend answered with an error (no Envoy flag)',
      source: `${DOCS}; ${ISTIO}`,
      needle: ['" 4', '" 5'],
      pattern: `${START}GET (?<path>[^"\\s]{1,4000}) HTTP/[0-9.]{1,3}" (?<status>40[013458]|5\\d\\d) -(?:${DETAILS_AS('via_upstream')})?${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: ROUTE_STATUS,
      samples: [
        { text: '[2026-12-02T10:00:07.007Z] "GET /ws HTTP/1.1" 403 - via_upstream - "-" 0 9 2 2 "-" "-" "0a21" "chat.example" "10.44.1.27:8080" outbound|8080||chat.default.svc.cluster.local 10.44.1.23:37660 10.44.1.23:8080 127.0.0.8:46532 - default', cause: 'forbidden', ip: '127.0.0.8', status: 403 },
        { text: '[2026-12-02T10:00:07.007Z] "GET /ws HTTP/1.1" 400 - 0 12 1 1 "-" "-" "0a21" "chat.example" "127.0.0.1:8080"', cause: 'bad-request' },
        { text: '[2026-12-02T10:00:07.007Z] "GET /ws HTTP/1.1" 400 - 0 12 1 1 "6.6.6.6" "- - 1.1.1.1:2 6.6.6.6:3 - -" "0a21" "chat.example" "127.0.0.1:8080"', cause: 'bad-request', ip: null, note: 'inject: an Istio tail in the agent of a default-format line' },
      ],
    },
    {
      id: 'envoy/downstream-protocol-error',
      desc: 'a request Envoy could not parse (400 DPE): TLS or binary bytes on a plaintext listener, a bad request line or header',
      source: `${DOCS} RESPONSE_FLAGS DPE (DownstreamProtocolError); details http1.codec_error`,
      needle: '" 400 DPE',
      pattern: `${START}${REQUEST}(?<status>400) DPE${DETAILS}${COUNTS}${QUOTED}${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '[2026-12-02T10:00:08.008Z] "- - HTTP/1.1" 400 DPE http1.codec_error - "-" 0 11 0 - "-" "-" "-" "-" "-" - - 10.44.1.23:8080 127.0.0.9:46534 - -', cause: 'invalid-http', ip: '127.0.0.9', detail: 'http1.codec_error' },
        { text: '[2026-12-02T10:00:08.008Z] "- - HTTP/1.1" 400 DPE 0 11 0 - "-" "-" "-" "-" "-"', cause: 'invalid-http', ip: null },
        { text: '[2026-12-02T10:00:08.008Z] "- - HTTP/1.1" 400 DPE http1.codec_error - "-" 0 11 0 - "-" "-" "-" "6.6.6.6:1" "-" - - 10.44.1.23:8080 127.0.0.9:46534 - -', cause: 'invalid-http', ip: '127.0.0.9', note: 'inject: an address as the authority' },
      ],
    },
  ],
};
