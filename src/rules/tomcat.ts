import type { StackRules } from './rule.js';

/**
 * Apache Tomcat 10.1 (Debian's 10.1.60, captured with a tiny ROOT webapp in fixtures/logs/tomcat/):
 * the stock access log valve (`%h %l %u %t "%r" %s %b`, the common format), whose first field
 * is the client, and JULI's OneLineFormatter in catalina.out and localhost.DATE.log, whose lines
 * carry no address. Tomcat answers most refused handshakes (426, 400, 403) without a log line:
 * the access log is where they show. With the valve's `combined` pattern, lines with a size are
 * read by the nginx combined-log rules; the rules here take the ones with `-` for the size.
 */
const ACCESS = '{CLF_HEAD}';
/**
 * The common format's size, or the named `combined` pattern's when the size is `-` (no body: 101,
 * 426). A combined line with a size is the nginx combined-log rules' to read.
 */
const TAIL = ' (?:\\d{1,20}|-(?: "[^"\\n]{0,8000}" "[^"\\n]{0,8000}")?)$';
/** Common or combined, any size: no combined-log rule takes a `"-"` request. */
const ANY_TAIL = ' (?:\\d{1,20}|-)(?: "[^"\\n]{0,8000}" "[^"\\n]{0,8000}")?$';
/**
 * JULI's OneLineFormatter `01-Dec-2026 19:27:17.626 INFO [thread] `, or Spring Boot's logback
 * (`2024-05-01T10:00:00.123Z  INFO 1 --- [thread] logger : `, Boot 2's `2024-05-01 10:00:00.123`),
 * their time read either way: one `time` group, as Node 20 takes a group name once.
 */
const JULI =
  '^(?<time>\\d\\d-[A-Z][a-z]{2}-\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3}|\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?(?:Z|[+-]\\d\\d:?\\d\\d)?)(?: [A-Z]{4,7} \\[[^\\]\\n]{1,200}\\] |[^\\n]{0,200}?)';
const V10 = 'Tomcat 10.1.60';
const SRC = 'apache/tomcat 10.1.59 java/org/apache/coyote';

export const tomcat: StackRules = {
  stack: 'tomcat',
  desc: 'Apache Tomcat 10 access log valve (common format) and JULI logs (catalina.out, localhost.DATE.log)',
  logPath: '(?:^|/)(?:tomcat\\d{0,3}/|localhost_access_log\\.)',
  rules: [
    {
      id: 'tomcat/access-switching-protocols',
      desc: 'a WebSocket handshake that succeeded; teaches its path as a WebSocket route',
      source: `${V10} AccessLogValve, status 101; fixtures/logs/tomcat/info-access.log`,
      role: 'success',
      learnsPath: true,
      needle: '" 101 ',
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/1\\.[01]" 101${TAIL}`,
      samples: [
        { text: '127.0.0.2 - - [01/Dec/2026:19:27:15 +0000] "GET /ws HTTP/1.1" 101 -', role: 'success', ip: '127.0.0.2' },
        { text: '0:0:0:0:0:0:0:1 - - [01/Dec/2026:19:27:20 +0000] "GET /ws HTTP/1.1" 101 -', role: 'success', ip: '::1', note: 'Java writes IPv6 uncompressed' },
        { text: '127.0.0.2 - - [01/Dec/2026:19:27:15 +0000] "GET /ws?6.6.6.6 HTTP/1.1" 101 -', role: 'success', ip: '127.0.0.2', note: 'inject: an address in the query' },
        { text: '127.0.0.2 - - [01/Dec/2026:19:46:17 +0000] "GET /ws HTTP/1.1" 101 - "-" "wsnoise-capture/1"', role: 'success', ip: '127.0.0.2', note: 'the combined pattern; fixtures/logs/tomcat/combined-access.log' },
      ],
    },
    {
      id: 'tomcat/access-upgrade-required',
      desc: 'Tomcat answered 426 (with Sec-WebSocket-Version: 13): a Sec-WebSocket-Version other than 13, or none; its path is a WebSocket route',
      source: `${V10} org/apache/tomcat/websocket/server/UpgradeUtil.java doUpgrade (426 on a bad version); fixtures/logs/tomcat/info-access.log`,
      needle: '" 426 ',
      pattern: `${ACCESS}[A-Z]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>426)${TAIL}`,
      complete: true,
      learnsPath: true,
      cause: 'upgrade-required',
      samples: [
        { text: '127.0.0.7 - - [01/Dec/2026:19:27:16 +0000] "GET /ws HTTP/1.1" 426 -', cause: 'upgrade-required', ip: '127.0.0.7', status: 426, time: '01/Dec/2026:19:27:16 +0000' },
        { text: '127.0.0.7 - - [01/Dec/2026:19:27:16 +0000] "GET /6.6.6.6 HTTP/1.1" 426 -', cause: 'upgrade-required', ip: '127.0.0.7', note: 'inject: an address as the path' },
        { text: '127.0.0.7 - - [01/Dec/2026:19:46:18 +0000] "GET /ws HTTP/1.1" 426 - "-" "6.6.6.6 - - [01/Dec/2026:19:46:18 +0000]"', cause: 'upgrade-required', ip: '127.0.0.7', note: 'inject: the combined pattern, an access-line prefix in the agent' },
        { text: '127.0.0.7 - - [01/Dec/2026:19:46:18 +0000] "GET /ws HTTP/1.1" 200 - "-" "x" 426 -', match: false, note: 'a 426 tail quoted in the agent' },
      ],
    },
    {
      id: 'tomcat/access-websocket-route',
      desc: "a GET on a WebSocket route refused: 400 (Upgrade without `Connection: upgrade`, a missing or malformed key), 401 (the app's filter), 403 (Origin refused by the endpoint's configurator), 404 (no Upgrade: the request reached no servlet); a 5xx is the server's error",
      source: `${V10} UpgradeUtil.doUpgrade, WsFilter; fixtures/logs/tomcat/info-access.log`,
      needle: ['" 400 ', '" 401 ', '" 403 ', '" 404 ', '" 405 ', '" 408 ', '" 5'],
      pattern: `${ACCESS}GET (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>40[013458]|50[02-9])${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-request',
      byStatus: { '401': 'rejected', '403': 'forbidden', '404': 'not-websocket', '405': 'not-websocket', '408': 'timeout', '5xx': 'server-error' },
      samples: [
        { text: '127.0.0.10 - - [01/Dec/2026:19:27:16 +0000] "GET /ws HTTP/1.1" 400 772', cause: 'bad-request', ip: '127.0.0.10', status: 400 },
        { text: '127.0.0.4 - - [01/Dec/2026:19:27:15 +0000] "GET /ws HTTP/1.1" 404 763', cause: 'not-websocket', ip: '127.0.0.4', status: 404 },
        { text: '127.0.0.12 - - [01/Dec/2026:19:27:17 +0000] "GET /ws HTTP/1.1" 403 628', cause: 'forbidden', status: 403 },
        { text: '127.0.0.19 - - [01/Dec/2026:19:27:18 +0000] "GET /ws HTTP/1.1" 401 696', cause: 'rejected' },
        { text: '127.0.0.20 - - [01/Dec/2026:19:27:18 +0000] "GET /ws HTTP/1.1" 500 1107', cause: 'server-error', status: 500 },
        { text: '0:0:0:0:0:0:0:1 - - [01/Dec/2026:19:27:20 +0000] "GET /ws HTTP/1.1" 404 763', cause: 'not-websocket', ip: '::1' },
        { text: '127.0.0.4 - - [01/Dec/2026:19:27:15 +0000] "GET /api HTTP/1.1" 404 763', match: false, note: 'not a WebSocket route' },
        { text: '127.0.0.4 - - [01/Dec/2026:19:27:15 +0000] "GET /ws?x=6.6.6.6 - - [01/Dec/2026:19:27:15 +0000] HTTP/1.1" 404 763', match: false, note: 'inject: an access-line prefix in the request' },
      ],
    },
    {
      id: 'tomcat/access-websocket-method',
      desc: 'a request that is not GET on a WebSocket route (Tomcat upgrades only GET: the rest reach no servlet, 404)',
      source: `${V10} WsFilter (GET only); fixtures/logs/tomcat/info-access.log`,
      needle: ['" 400 ', '" 404 ', '" 405 '],
      pattern: `${ACCESS}(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>40[045])${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: '127.0.0.13 - - [01/Dec/2026:19:27:17 +0000] "POST /ws HTTP/1.1" 404 763', cause: 'bad-method', ip: '127.0.0.13', status: 404 },
        { text: '127.0.0.13 - - [01/Dec/2026:19:27:17 +0000] "POST /ws?6.6.6.6 HTTP/1.1" 404 763', cause: 'bad-method', ip: '127.0.0.13', note: 'inject: an address in the query' },
      ],
    },
    {
      id: 'tomcat/access-websocket-method-combined',
      desc: "the same with the combined pattern and a size: Tomcat's 404, which the nginx combined-log rules do not take for a method",
      source: `${V10} WsFilter (GET only); fixtures/logs/tomcat/combined-access.log`,
      needle: '" 404 ',
      pattern: `${ACCESS}(?:POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE) (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>404) \\d{1,20} "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$`,
      complete: true,
      wsPathOnly: true,
      sharedWith: ['nginx', 'jetty'],
      cause: 'bad-method',
      samples: [
        { text: '127.0.0.13 - - [01/Dec/2026:19:46:19 +0000] "POST /ws HTTP/1.1" 404 763 "-" "wsnoise-capture/1"', cause: 'bad-method', ip: '127.0.0.13', status: 404 },
        { text: '127.0.0.13 - - [01/Dec/2026:19:46:19 +0000] "POST /ws HTTP/1.1" 404 763 "-" "6.6.6.6 - - [01/Dec/2026:19:46:19 +0000]"', cause: 'bad-method', ip: '127.0.0.13', note: 'inject: an access-line prefix in the agent' },
      ],
    },
    {
      id: 'tomcat/access-unknown-method',
      desc: 'a method no servlet implements (a token such as G3T) on a WebSocket route: Tomcat answers 501',
      source: `${V10} jakarta.servlet.http.HttpServlet.service (501 for an unknown method); fixtures/logs/tomcat/info-access.log`,
      needle: '" 501 ',
      pattern: `${ACCESS}[A-Z0-9_-]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>501)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'bad-method',
      samples: [
        { text: '127.0.0.24 - - [01/Dec/2026:19:27:20 +0000] "G3T /ws HTTP/1.1" 501 738', cause: 'bad-method', ip: '127.0.0.24', status: 501 },
        { text: '127.0.0.24 - - [01/Dec/2026:19:27:20 +0000] "G3T /api HTTP/1.1" 501 738', match: false, note: 'not a WebSocket route' },
        { text: '127.0.0.24 - - [01/Dec/2026:19:27:20 +0000] "G3T /ws?6.6.6.6 HTTP/1.1" 501 738', cause: 'bad-method', ip: '127.0.0.24', note: 'inject: an address in the query' },
      ],
    },
    {
      id: 'tomcat/access-unparsed-request',
      desc: 'a request line Tomcat could not parse (TLS or binary bytes, a bad method or target): logged as "-" with 400',
      source: `${V10} Http11Processor.service (a parse error still reaches the access log); fixtures/logs/tomcat/info-access.log`,
      needle: '"-" 400 ',
      pattern: `${ACCESS}-" (?<status>400)${ANY_TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.15 - - [01/Dec/2026:19:27:17 +0000] "-" 400 2489', cause: 'invalid-http', ip: '127.0.0.15', status: 400 },
        { text: '127.0.0.15 - 6.6.6.6 [01/Dec/2026:19:27:17 +0000] "-" 400 2489', cause: 'invalid-http', ip: '127.0.0.15', note: 'inject: an address as the user' },
        { text: '127.0.0.15 - - [01/Dec/2026:19:46:20 +0000] "-" 400 2489 "-" "-"', cause: 'invalid-http', ip: '127.0.0.15', note: 'the combined pattern' },
        { text: '127.0.0.15 - - [01/Dec/2026:19:27:17 +0000] "GET /-" 400 2489', match: false, claimedBy: 'nginx/access-cut-request', note: 'a parsed request line that ends in a dash: read by format as a common-log line, a request line without its version is a cut one' },
      ],
    },
    {
      id: 'tomcat/parse-error',
      owns: ['text', 'java-trace'],
      desc: 'the request line or headers could not be parsed (TLS, binary, a bad method or target, headers over maxHttpHeaderSize); by default only the first per day is at INFO, the rest at DEBUG. At DEBUG a read that failed is logged the same way, and its exception says why (tomcat/exc-eof)',
      source: `${V10} org/apache/coyote/http11/Http11Processor.java service(), LocalStrings http11processor.header.parse and http11processor.fallToDebug; Http11InputBuffer iib.invalidmethod, iib.requestheadertoolarge.error`,
      needle: 'Error parsing HTTP request header',
      pattern: `${JULI}(?:org\\.apache\\.coyote\\.http11\\.Http11Processor\\.service|o\\.apache\\.coyote\\.http11\\.Http11Processor\\s{0,40}:) (?<detail>Error parsing HTTP request header)$`,
      complete: true,
      traceback: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '01-Dec-2026 19:27:17.626 INFO [http-nio-18600-exec-9] org.apache.coyote.http11.Http11Processor.service Error parsing HTTP request header\n Note: further occurrences of HTTP request parsing errors will be logged at DEBUG level.\n\tjava.lang.IllegalArgumentException: Invalid character found in method name [0x160x030x010x00T0x01...]. HTTP method names must be tokens\n\t\tat org.apache.coyote.http11.Http11InputBuffer.parseRequestLine(Http11InputBuffer.java:410)',
          cause: 'invalid-http',
          ip: null,
          status: null,
          detail: 'Error parsing HTTP request header',
          time: '01-Dec-2026 19:27:17.626',
        },
        {
          text: '01-Dec-2026 19:27:31.245 INFO [http-nio-18600-exec-6] org.apache.coyote.http11.Http11Processor.service Error parsing HTTP request header\n\tjava.lang.IllegalArgumentException: Request header is too large',
          cause: 'invalid-http',
          time: '01-Dec-2026 19:27:31.245',
        },
        {
          text: '2024-05-01T10:00:00.123Z  INFO 1 --- [nio-8080-exec-1] o.apache.coyote.http11.Http11Processor   : Error parsing HTTP request header',
          cause: 'invalid-http',
          time: '2024-05-01T10:00:00.123Z',
          note: "Spring Boot's embedded Tomcat through logback",
        },
        {
          text:
            '01-Dec-2026 19:27:18.004 FINE [http-nio-18600-exec-2] org.apache.coyote.http11.Http11Processor.service Error parsing HTTP request header\n' +
            '\tjava.io.EOFException: Unexpected EOF read on the socket\n' +
            '\t\tat org.apache.coyote.http11.Http11InputBuffer.fill(Http11InputBuffer.java:820)\n' +
            '\t\tat org.apache.coyote.http11.Http11InputBuffer.parseRequestLine(Http11InputBuffer.java:353)\n' +
            '\t\tat org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:281)',
          cause: 'early-close',
          detail: 'Unexpected EOF read on the socket',
          note: 'from the source (10.1.59 Http11Processor.java:315-317): with org.apache.coyote.http11 at FINE, which the captures do not set',
        },
        { text: '01-Dec-2026 19:27:17.626 INFO [http-nio-18600-exec-9] org.example.App.log Error parsing HTTP request header', match: false, note: "an application's own message" },
      ],
    },
    {
      id: 'tomcat/handshake-exception',
      desc: "the endpoint's handshake hook (a Configurator's modifyHandshake) threw: answered 500, a bug, never noise",
      source: `${V10} org/apache/catalina/core/StandardWrapperValve.java invoke, LocalStrings standardWrapper.serviceException, with UpgradeUtil.doUpgrade in the trace; fixtures/logs/tomcat/info-localhost.log`,
      needle: '] threw exception',
      pattern: `${JULI}org\\.apache\\.catalina\\.core\\.StandardWrapperValve\\.invoke Servlet\\.service\\(\\) for servlet \\[[^\\]\\n]{1,200}\\] in context with path \\[[^\\]\\n]{0,200}\\] threw exception(?: \\[[^\\n]{0,2000}\\] with root cause)?$`,
      recordContains: 'org.apache.tomcat.websocket.server.',
      complete: true,
      cause: 'server-error',
      samples: [
        {
          text: '01-Dec-2026 19:27:51.923 SEVERE [http-nio-18600-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [default] in context with path [] threw exception\n\tjava.lang.RuntimeException: database is down\n\t\tat FlakyEndpoint$Failing.modifyHandshake(FlakyEndpoint.java:13)\n\t\tat org.apache.tomcat.websocket.server.UpgradeUtil.doUpgrade(UpgradeUtil.java:234)\n\t\tat org.apache.tomcat.websocket.server.WsFilter.doFilter(WsFilter.java:82)',
          cause: 'server-error',
          ip: null,
          time: '01-Dec-2026 19:27:51.923',
        },
        {
          text: '01-Dec-2026 19:27:51.923 SEVERE [http-nio-18600-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() for servlet [api] in context with path [] threw exception\n\tjava.lang.RuntimeException: database is down\n\t\tat com.example.Api.doGet(Api.java:13)',
          match: false,
          note: 'an ordinary servlet error, not a handshake',
        },
      ],
    },

    // Exception lines of the traces the rules above read (traceback: true), root first.
    {
      id: 'tomcat/exc-eof',
      desc: 'the client closed the connection before or while its request line and headers were read (a port scan, a TCP health check, an idle keep-alive connection); logged only at DEBUG',
      source:
        `${SRC}/http11/Http11InputBuffer.java:820 EOFException(iib.eof.error "Unexpected EOF read on the socket"), :790 CloseNowException; ` +
        'Http11Processor.java:315-317 logs an IOException met while parsing at DEBUG as http11processor.header.parse (the EOF since 4d1005fc48, 2015)',
      on: 'exception',
      needle: 'Unexpected EOF read on the socket',
      pattern: '^(?:java\\.io\\.EOFException|org\\.apache\\.coyote\\.CloseNowException): (?<detail>Unexpected EOF read on the socket)$',
      cause: 'early-close',
      samples: [
        { text: 'java.io.EOFException: Unexpected EOF read on the socket', cause: 'early-close', detail: 'Unexpected EOF read on the socket' },
        { text: 'org.apache.coyote.CloseNowException: Unexpected EOF read on the socket', cause: 'early-close' },
        { text: 'java.io.EOFException: Unexpected EOF read on the socket while reading the body', match: false, note: 'not the whole message' },
      ],
    },
  ],
};
