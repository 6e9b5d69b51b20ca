import type { StackRules } from './rule.js';

/**
 * Caddy (Debian's 2.6.2 captured with reverse_proxy in front of a websockets server in
 * fixtures/logs/caddy/): one JSON object per line, fields in the order Caddy writes them. The
 * address is `request.remote_ip` (2.6), or `request.client_ip` where 2.7+ writes it (the client
 * as Caddy determined it, through trusted proxies); never a header. Everything the client sent
 * (host, uri, headers) is inside JSON strings, where a bare `"` cannot occur, so the structural
 * parts the patterns anchor on (`"},"user_id":"`, `,"Upgrade":[`) cannot be forged. A request
 * is a WebSocket attempt when its headers hold `"Upgrade":["websocket"]`: Caddy does not log a
 * path as a WebSocket route, and the log has no other mark of one.
 */
/** zap's time: epoch seconds as `time` (the default); other encodings are matched, not read. */
const TS = '(?:(?<time>\\d{9,11}(?:\\.\\d{1,9})?)|[0-9.e+-]{1,30}|"[^"\\n]{1,60}")';
const REQUEST = '"request":\\{"remote_ip":"(?:[^"\\n]{1,60}","remote_port":"\\d{1,5}","client_ip":")?{IP}"(?:,"remote_port":"(?<port>\\d{1,5})")?,"proto":"[^"\\n]{1,20}","method":"';
const ACCESS = `^\\{"level":"(?:debug|info|warn|error)","ts":${TS},"logger":"http\\.log\\.access(?:\\.[^"\\n]{1,100})?","msg":"handled request",${REQUEST}`;
const TARGET = '","host":"[^"\\n]{0,1000}","uri":"(?<path>(?:[^"\\\\\\n]|\\\\[^\\n]){1,4000})","headers":\\{';
/** The client's headers hold `Upgrade: websocket` (any case Caddy does not canonicalise away). */
const WS_UPGRADE = '(?:[^\\n]{0,8000}?,)?"Upgrade":\\["[Ww][Ee][Bb][Ss][Oo][Cc][Kk][Ee][Tt]"\\]';
/** From the rest of the request to the response's status. */
const TO_STATUS = '[^\\n]{0,8000}?\\},(?:"bytes_read":\\d{1,20},)?"user_id":"[^"\\n]{0,200}","duration":[0-9.e-]{1,30},"size":\\d{1,20},"status":';
const NOT_GET = '(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE|[A-Z]{0,20}[a-z0-9_-][A-Za-z0-9_-]{0,20})';
const V262 = 'Caddy 2.6.2';
const SRC = `${V262} JSON access log (caddyhttp LoggableHTTPRequest); fixtures/logs/caddy/upgrade-access.log`;

/** A Caddy 2.6 access line, as the capture wrote it, with the parts a sample changes. */
function line(o: { level?: string; ip?: string; port?: string; method?: string; uri?: string; headers: string; status: number; resp?: string }): string {
  return `{"level":"${o.level ?? 'error'}","ts":1796153392.7590482,"logger":"http.log.access.log0","msg":"handled request","request":{"remote_ip":"${o.ip ?? '127.0.0.7'}","remote_port":"${o.port ?? '49855'}","proto":"HTTP/1.1","method":"${o.method ?? 'GET'}","host":"localhost:18510","uri":"${o.uri ?? '/ws'}","headers":{${o.headers}}},"user_id":"","duration":0.001781848,"size":80,"status":${o.status},"resp_headers":{${o.resp ?? '"Server":["Caddy","Python/3.11 websockets/10.4"],"Content-Type":["text/plain"]'}}}`;
}
const WS_HEADERS = '"Connection":["Upgrade"],"Sec-Websocket-Key":["4bSWQCDm8oPmT5awjRPg4A=="],"Sec-Websocket-Version":["13"],"User-Agent":["wsnoise-capture/1"],"Upgrade":["websocket"]';
const PLAIN_HEADERS = '"Connection":["keep-alive"],"User-Agent":["Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"]';
/** A header value that imitates the structure around it; JSON escapes its quotes. */
const FORGED = '"User-Agent":["\\",\\"Upgrade\\":[\\"websocket\\"]}},\\"remote_ip\\":\\"6.6.6.6\\""],"X-Forwarded-For":["6.6.6.6"]';

export const caddy: StackRules = {
  stack: 'caddy',
  desc: 'Caddy JSON access log and its own (error) log',
  proxy: true,
  rules: [
    {
      id: 'caddy/access-switching-protocols',
      desc: 'a WebSocket handshake the upstream accepted (Caddy 2.6 logs the hijacked connection with status 0, later versions 101); teaches its path as a WebSocket route',
      source: `${SRC}, status 0 with the upstream's Upgrade: websocket`,
      role: 'success',
      learnsPath: true,
      needle: ['"status":0,', '"status":101,'],
      pattern: `${ACCESS}GET${TARGET}${TO_STATUS}(?:0|101),"resp_headers":\\{(?:[^\\n]{0,8000}?,)?"Upgrade":\\["websocket"\\]`,
      samples: [
        { text: line({ level: 'info', ip: '127.0.0.2', port: '46453', headers: WS_HEADERS, status: 0, resp: '"Server":["Caddy","Python/3.11 websockets/10.4"],"Upgrade":["websocket"],"Connection":["Upgrade"]' }), role: 'success', ip: '127.0.0.2', port: 46453 },
        { text: line({ level: 'info', ip: '127.0.0.2', headers: WS_HEADERS, status: 0, resp: '"Server":["Caddy"]' }), match: false, note: 'status 0 without an upgraded response' },
      ],
    },
    {
      id: 'caddy/access-upgrade-required',
      desc: 'the upstream answered 426: a plain request, a missing Upgrade, or a Connection header stripped on the way; its path is a WebSocket route',
      source: `${SRC}, status 426 from the upstream`,
      needle: '"status":426,',
      pattern: `${ACCESS}[^"\\n]{1,20}${TARGET}${TO_STATUS}(?<status>426),`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        { text: line({ ip: '127.0.0.4', port: '54561', headers: PLAIN_HEADERS, status: 426 }), cause: 'upgrade-required', ip: '127.0.0.4', port: 54561, status: 426 },
        { text: line({ ip: '::1', port: '54665', headers: PLAIN_HEADERS, status: 426 }), cause: 'upgrade-required', ip: '::1', port: 54665 },
        {
          text: line({ ip: '10.0.0.5', port: '443', headers: PLAIN_HEADERS, status: 426 }).replace('"remote_port":"443",', '"remote_port":"443","client_ip":"203.0.113.9",'),
          cause: 'upgrade-required',
          ip: '203.0.113.9',
          port: null,
          note: 'Caddy 2.7+: client_ip (through trusted proxies) is the client',
        },
        { text: line({ ip: '127.0.0.4', uri: '/ws?\\"remote_ip\\":\\"6.6.6.6\\"', headers: FORGED, status: 426 }), cause: 'upgrade-required', ip: '127.0.0.4', note: 'inject: addresses in the uri, a forged structure and X-Forwarded-For in headers' },
      ],
    },
    {
      id: 'caddy/access-websocket-refused',
      desc: 'a GET with Upgrade: websocket refused by the upstream or by Caddy: 400 bad request, 401/404 and other 4xx the application, 403 forbidden, 408 timeout, 5xx the upstream failed or is down',
      source: `${SRC}; fixtures/logs/caddy/backend-down-access.log (502)`,
      needle: '"status":',
      pattern: `${ACCESS}GET${TARGET}${WS_UPGRADE}${TO_STATUS}(?<status>4(?:[013-9]\\d|2[0-57-9])|5\\d\\d),`,
      complete: true,
      cause: 'rejected',
      byStatus: { '400': 'bad-request', '403': 'forbidden', '408': 'timeout', '5xx': 'server-error' },
      samples: [
        { text: line({ headers: WS_HEADERS, status: 400 }), cause: 'bad-request', ip: '127.0.0.7', port: 49855, status: 400, time: '1796153392.7590482' },
        { text: line({ ip: '127.0.0.12', headers: WS_HEADERS, status: 403 }), cause: 'forbidden', ip: '127.0.0.12', status: 403 },
        { text: line({ ip: '127.0.0.19', uri: '/private', headers: WS_HEADERS, status: 401 }), cause: 'rejected', status: 401 },
        { text: line({ ip: '127.0.0.20', uri: '/flaky', headers: WS_HEADERS, status: 500 }), cause: 'server-error', status: 500 },
        { text: line({ ip: '127.0.0.2', headers: WS_HEADERS, status: 502, resp: '"Server":["Caddy"]' }), cause: 'server-error', status: 502, note: 'the upstream is down' },
        { text: line({ headers: WS_HEADERS.replace('"Upgrade":["websocket"]', '"Upgrade":["WebSocket"]'), status: 400 }), cause: 'bad-request', note: 'the value in another case' },
        { text: line({ headers: PLAIN_HEADERS, status: 502 }), match: false, note: 'not a WebSocket attempt' },
        { text: line({ headers: FORGED, status: 400 }), match: false, note: 'inject: a header value imitating an Upgrade header and an address' },
        { text: line({ headers: WS_HEADERS, status: 200 }), match: false, note: 'answered' },
      ],
    },
    {
      id: 'caddy/access-websocket-method',
      desc: 'a request with Upgrade: websocket whose method is not GET (POST, or a token such as G3T), refused (a 5xx is still the server\'s error)',
      source: SRC,
      needle: ['"status":400,', '"status":405,', '"status":5'],
      pattern: `${ACCESS}${NOT_GET}${TARGET}${WS_UPGRADE}${TO_STATUS}(?<status>40[05]|5\\d\\d),`,
      complete: true,
      cause: 'bad-method',
      byStatus: { '5xx': 'server-error' },
      samples: [
        { text: line({ ip: '127.0.0.13', port: '56261', method: 'POST', headers: WS_HEADERS, status: 400 }), cause: 'bad-method', ip: '127.0.0.13', port: 56261 },
        { text: line({ ip: '127.0.0.24', method: 'G3T', headers: WS_HEADERS, status: 400 }), cause: 'bad-method', ip: '127.0.0.24' },
        { text: line({ ip: '127.0.0.13', method: 'POST', headers: WS_HEADERS, status: 502, resp: '"Server":["Caddy"]' }), cause: 'server-error', status: 502, note: 'the upstream is down' },
        { text: line({ ip: '127.0.0.13', method: 'POST', uri: '/ws?6.6.6.6', headers: FORGED, status: 400 }), match: false, note: 'inject: forged structure, no real Upgrade header' },
      ],
    },
    {
      id: 'caddy/error-websocket-upstream',
      desc: 'Caddy\'s error log: the upstream failed a request with Upgrade: websocket (down, refused, timed out): the server\'s error',
      source: `${V262} http.log.error (caddyhttp server.go errLogger) "dial tcp …: connect: connection refused", status 502; fixtures/logs/caddy/backend-down-caddy.log`,
      needle: '"status":5',
      pattern: `^\\{"level":"error","ts":${TS},"logger":"http\\.log\\.error(?:\\.[^"\\n]{1,100})?","msg":"(?<detail>(?:[^"\\\\\\n]|\\\\[^\\n]){1,500})",${REQUEST}[^"\\n]{1,20}${TARGET}${WS_UPGRADE}[^\\n]{0,8000}?\\},"duration":[0-9.e-]{1,30},"status":(?<status>5\\d\\d),`,
      complete: true,
      cause: 'server-error',
      samples: [
        {
          text: '{"level":"error","ts":1796153366.274038,"logger":"http.log.error.log0","msg":"dial tcp 127.0.0.1:18511: connect: connection refused","request":{"remote_ip":"127.0.0.2","remote_port":"60507","proto":"HTTP/1.1","method":"GET","host":"localhost:18510","uri":"/ws","headers":{"Upgrade":["websocket"],"Connection":["Upgrade"],"Sec-Websocket-Key":["HnRrechClevaPGxRM/RviA=="],"Sec-Websocket-Version":["13"],"User-Agent":["wsnoise-capture/1"]}},"duration":0.000504882,"status":502,"err_id":"tnjp1rc9m","err_trace":"reverseproxy.statusError (reverseproxy.go:1272)"}',
          cause: 'server-error',
          ip: '127.0.0.2',
          port: 60507,
          status: 502,
          detail: 'dial tcp 127.0.0.1:18511: connect: connection refused',
        },
        {
          text: '{"level":"error","ts":1796153366.4273388,"logger":"http.log.error.log0","msg":"dial tcp 127.0.0.1:18511: connect: connection refused","request":{"remote_ip":"127.0.0.3","remote_port":"36635","proto":"HTTP/1.1","method":"GET","host":"localhost:18510","uri":"/","headers":{"User-Agent":["6.6.6.6"],"Connection":["keep-alive"]}},"duration":0.000406245,"status":502,"err_id":"x","err_trace":"reverseproxy.statusError (reverseproxy.go:1272)"}',
          match: false,
          note: 'inject: not a WebSocket attempt, an address as the agent',
        },
      ],
    },
  ],
};
