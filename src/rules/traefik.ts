import type { StackRules } from './rule.js';
import { traefikLogRules } from './traefik-log.js';

/**
 * Traefik's access log (traefik @fd5a576 pkg/middlewares/accesslog): the default `common`
 * format, which is CLF plus the request count, router, service URL and duration, and the `json`
 * format (logrus' JSONFormatter: keys sorted, so `ClientAddr` and `ClientHost` come first). No
 * server of it runs here. Traefik proxies: the status is the backend's, or its own 499 (client
 * gone), 502/504 (backend down or slow). `ClientHost` is the peer's address, or the
 * X-Forwarded-For that a trusted proxy sent (forwardedHeaders.trustedIPs; untrusted ones are
 * stripped unless `insecure`): of a list, the last entry is the one the trusted proxy wrote.
 * The `genericCLF` format is nginx's combined log and is read by the nginx rules.
 *
 * Learned routes are looked for as ` /path`, so on JSON lines the WebSocket-route rules need
 * the routes declared with --ws-path; 101 and 426 need nothing.
 */
const SRC = 'traefik @fd5a576 pkg/middlewares/accesslog/logger_formatters.go:37 CommonLogFormatter "%s - %s [%s] \\"%s %s %s\\" %v %v %s %s %v %s %s %dms"';
const JSON_SRC = 'traefik @fd5a576 pkg/middlewares/accesslog/logger.go:97 logrus.JSONFormatter; logdata.go ClientHost, DownstreamStatus, RequestPath; logger.go:263 ClientHost from RemoteAddr or X-Forwarded-For';
/** ClientHost: an address, or a forwarded list whose last entry is the trusted proxy's word. */
const HOST = '(?:[0-9A-Fa-f.:]{1,45}, ){0,20}{IP}';
const CLF = `^${HOST} - [^\\s]{1,200} \\[(?<time>{NGINX_ACCESS_TIME})\\] "`;
const CLF_TAIL = ' (?:\\d{1,20}|-) (?:"[^"\\n]{0,8000}"|-) (?:"[^"\\n]{0,8000}"|-) \\d{1,20} "[^"\\n]{0,500}" "[^"\\n]{0,2000}" \\d{1,10}ms$';
const JSON_HEAD = `^\\{(?:"ClientAddr":"[^"\\n]{1,80}",)?"ClientHost":"${HOST}",[^\\n]{0,8000}?"DownstreamStatus":(?<status>`;
const JSON_PATH = '),[^\\n]{0,8000}?"RequestMethod":"GET","RequestPath":"(?<path>[^"\\s]{1,4000})",[^\\n]{0,16000}\\}$';
const ROUTE_STATUS = { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '405': 'not-websocket', '408': 'timeout', '499': 'early-close', '5xx': 'server-error' } as const;

export const traefik: StackRules = {
  stack: 'traefik',
  desc: 'Traefik access log, common and json formats, and its own log (peeking, TLS handshakes, WebSocket proxying)',
  proxy: true,
  rules: [
    {
      id: 'traefik/clf-switching-protocols',
      desc: 'a WebSocket handshake that succeeded; teaches its path as a WebSocket route',
      source: SRC,
      role: 'success',
      learnsPath: true,
      needle: '" 101 ',
      pattern: `${CLF}GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.1" 101${CLF_TAIL}`,
      samples: [
        { text: '127.0.0.2 - - [02/Dec/2026:10:00:00 +0000] "GET /ws HTTP/1.1" 101 0 "-" "Mozilla/5.0" 12 "chat@docker" "http://172.18.0.3:8080" 3ms', role: 'success', ip: '127.0.0.2' },
        { text: '127.0.0.2 - - [02/Dec/2026:10:00:00 +0000] "GET /ws?6.6.6.6 HTTP/1.1" 101 0 "-" "6.6.6.6 - -" 12 "chat@docker" "http://172.18.0.3:8080" 3ms', role: 'success', ip: '127.0.0.2', note: 'inject: addresses in the path and agent' },
      ],
    },
    {
      id: 'traefik/clf-upgrade-required',
      desc: 'the backend answered 426: a plain request, or a Connection header lost on the way; its path is a WebSocket route',
      source: SRC,
      needle: '" 426 ',
      pattern: `${CLF}[A-Z]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d(?:\\.\\d)?" (?<status>426)${CLF_TAIL}`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        { text: '127.0.0.4 - - [02/Dec/2026:10:00:01 +0000] "GET /ws HTTP/1.1" 426 16 "-" "curl/8.5.0" 13 "chat@docker" "http://172.18.0.3:8080" 1ms', cause: 'upgrade-required', ip: '127.0.0.4', status: 426, time: '02/Dec/2026:10:00:01 +0000' },
        { text: '6.6.6.6, 127.0.0.4 - - [02/Dec/2026:10:00:01 +0000] "GET /ws HTTP/1.1" 426 16 "-" "curl/8.5.0" 13 "chat@docker" "http://172.18.0.3:8080" 1ms', cause: 'upgrade-required', ip: '127.0.0.4', note: 'inject: a forwarded list; the client wrote its first entry, the trusted proxy the last' },
        { text: '127.0.0.4 - - [02/Dec/2026:10:00:01 +0000] "GET /ws HTTP/1.1" 426 16 "-" "curl/8.5.0"', match: false, note: 'no Traefik tail: nginx\'s combined log (an nginx rule takes it)', claimedBy: 'nginx/access-upgrade-required' },
      ],
    },
    {
      id: 'traefik/clf-websocket-route',
      desc: 'a GET on a WebSocket route answered with an error: 499 the client left, 502/504 the backend is down or slow',
      source: `${SRC}; pkg/proxy/httputil/proxy.go:26 StatusClientClosedRequest = 499`,
      needle: ['" 4', '" 5'],
      pattern: `${CLF}GET (?<path>[^"\\s]{1,4000}) HTTP/\\d(?:\\.\\d)?" (?<status>40[013458]|499|5\\d\\d)${CLF_TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: ROUTE_STATUS,
      samples: [
        { text: '127.0.0.7 - - [02/Dec/2026:10:00:02 +0000] "GET /ws HTTP/1.1" 400 12 "-" "-" 14 "chat@docker" "http://172.18.0.3:8080" 0ms', cause: 'bad-request', ip: '127.0.0.7', status: 400 },
        { text: '127.0.0.8 - - [02/Dec/2026:10:00:02 +0000] "GET /ws HTTP/1.1" 499 21 "-" "-" 15 "chat@docker" "http://172.18.0.3:8080" 5002ms', cause: 'early-close', status: 499 },
        { text: '::1 - - [02/Dec/2026:10:00:02 +0000] "GET /ws HTTP/1.1" 502 11 "-" "-" 16 "chat@docker" "http://172.18.0.3:8080" 0ms', cause: 'server-error', ip: '::1' },
        { text: '127.0.0.7 - - [02/Dec/2026:10:00:02 +0000] "GET /api HTTP/1.1" 502 11 "-" "-" 17 "api@docker" "http://172.18.0.4:8080" 0ms', match: false, note: 'not a WebSocket route' },
        { text: '127.0.0.7 - - [02/Dec/2026:10:00:02 +0000] "GET /ws HTTP/1.1" 400 12 "-" "6.6.6.6 - - [x]" 14 "chat@docker" "http://172.18.0.3:8080" 0ms', cause: 'bad-request', ip: '127.0.0.7', note: 'inject: an access-line prefix in the agent' },
      ],
    },
    {
      id: 'traefik/json-switching-protocols',
      desc: 'json: a WebSocket handshake that succeeded; teaches its path',
      source: JSON_SRC,
      role: 'success',
      learnsPath: true,
      needle: '"DownstreamStatus":',
      pattern: `${JSON_HEAD}101${JSON_PATH}`,
      samples: [
        {
          text: '{"ClientAddr":"127.0.0.2:41234","ClientHost":"127.0.0.2","ClientPort":"41234","ClientUsername":"-","DownstreamContentSize":0,"DownstreamStatus":101,"Duration":3120000,"RequestHost":"chat.example","RequestMethod":"GET","RequestPath":"/ws","RequestPort":"-","RequestProtocol":"HTTP/1.1","RouterName":"chat@docker","ServiceURL":"http://172.18.0.3:8080","level":"info","msg":"","time":"2026-12-02T10:00:00Z"}',
          role: 'success',
          ip: '127.0.0.2',
        },
        {
          text: '{"ClientAddr":"127.0.0.2:41234","ClientHost":"127.0.0.2","ClientUsername":"6.6.6.6","DownstreamStatus":101,"RequestHost":"6.6.6.6","RequestMethod":"GET","RequestPath":"/ws?ip=6.6.6.6","level":"info","request_User-Agent":"6.6.6.6"}',
          role: 'success',
          ip: '127.0.0.2',
          note: 'inject: addresses in the user name, Host, path and agent',
        },
      ],
    },
    {
      id: 'traefik/json-upgrade-required',
      desc: 'json: the backend answered 426 to a GET; its path is a WebSocket route',
      source: JSON_SRC,
      needle: '"DownstreamStatus":',
      pattern: `${JSON_HEAD}426${JSON_PATH}`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        {
          text: '{"ClientAddr":"127.0.0.4:41240","ClientHost":"127.0.0.4","ClientPort":"41240","ClientUsername":"-","DownstreamContentSize":16,"DownstreamStatus":426,"Duration":900000,"RequestHost":"chat.example","RequestMethod":"GET","RequestPath":"/ws","RequestPort":"-","RequestProtocol":"HTTP/1.1","RouterName":"chat@docker","level":"info","msg":"","time":"2026-12-02T10:00:01Z"}',
          cause: 'upgrade-required',
          ip: '127.0.0.4',
          status: 426,
        },
        {
          text: '{"ClientAddr":"127.0.0.4:41240","ClientHost":"127.0.0.4","ClientPort":"41240","ClientUsername":"\\"ClientHost\\":\\"6.6.6.6\\"","DownstreamStatus":426,"RequestHost":"\\"DownstreamStatus\\":426,","RequestMethod":"GET","RequestPath":"/ws","level":"info"}',
          cause: 'upgrade-required',
          ip: '127.0.0.4',
          note: 'inject: JSON-escaped keys in the user name and Host header',
        },
        {
          text: '{"ClientAddr":"127.0.0.4:41240","ClientHost":"127.0.0.4","DownstreamStatus":200,"RequestHost":"x","RequestMethod":"GET","RequestPath":"/ws?\\"DownstreamStatus\\":426,","level":"info"}',
          match: false,
          note: 'inject: a status key inside the path',
        },
      ],
    },
    {
      id: 'traefik/json-websocket-route',
      desc: 'json: a GET on a WebSocket route (declared with --ws-path) answered with an error',
      source: JSON_SRC,
      needle: '"DownstreamStatus":',
      pattern: `${JSON_HEAD}40[013458]|499|5\\d\\d${JSON_PATH}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: ROUTE_STATUS,
      samples: [
        {
          text: '{"ClientAddr":"[::1]:41250","ClientHost":"::1","ClientPort":"41250","DownstreamContentSize":21,"DownstreamStatus":499,"Duration":5002000000,"RequestHost":"chat.example","RequestMethod":"GET","RequestPath":"/ws","RequestProtocol":"HTTP/1.1","level":"info","msg":"","time":"2026-12-02T10:00:03Z"}',
          cause: 'early-close',
          ip: '::1',
          status: 499,
        },
        {
          text: '{"ClientHost":"127.0.0.9","DownstreamStatus":502,"RequestMethod":"GET","RequestPath":"/ws","level":"info"}',
          cause: 'server-error',
          ip: '127.0.0.9',
          note: 'ClientAddr dropped by fields.names',
        },
        { text: '{"ClientHost":"127.0.0.9","DownstreamStatus":502,"RequestMethod":"GET","RequestPath":"/api","level":"info"}', match: false, note: 'not a WebSocket route' },
      ],
    },
    ...traefikLogRules,
  ],
};
