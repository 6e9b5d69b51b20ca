import type { StackRules } from './rule.js';

/**
 * Eclipse Jetty 9.4 (Debian's 9.4.57, an embedded server captured in fixtures/logs/jetty/): its
 * default StdErrLog (`2026-12-01 19:28:41.139:WARN:oejws.WebSocketServerFactory:thread: msg`)
 * and the request log. Jetty's extended NCSA request log is the combined format, so the nginx
 * combined-log rules read its lines of their shape (101, 400, 401, 403, 405 on a WebSocket route,
 * POST: `sharedWith`, told to be Jetty's where the input says so, see access-label.ts); the
 * access rules here take what nginx does not write: 431, 501 and `"- - -" 400` for bytes that
 * are not HTTP. Only the version warning carries an address.
 */
const JETTY = '^(?<time>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}):(?:WARN|INFO|DBUG):';
const THREAD = ':[^\\n]{1,200}?: ';
const ACCESS = '{CLF_HEAD}';
const TAIL = '{CLF_TAIL}';
const V94 = 'Jetty 9.4.57';

export const jetty: StackRules = {
  stack: 'jetty',
  desc: 'Eclipse Jetty 9.4 StdErrLog (WARN, and HttpParser at DEBUG) and request log',
  logPath: '(?:^|/)(?:jetty\\d{0,3}/|\\d{4}_\\d\\d_\\d\\d\\.request\\.log)',
  rules: [
    {
      id: 'jetty/unsupported-version',
      desc: 'a Sec-WebSocket-Version other than 13 (-1: none sent); Jetty answers 400',
      source: `${V94} org/eclipse/jetty/websocket/server/WebSocketServerFactory.java acceptWebSocket "Client {} (:{}) User Agent: {} requested WebSocket version [{}], Jetty supports version: [{}]"`,
      needle: 'requested WebSocket version [',
      pattern: `${JETTY}(?:oejws|org\\.eclipse\\.jetty\\.websocket\\.server)\\.WebSocketServerFactory${THREAD}Client {IP} \\(:(?<port>\\d{1,5})\\) User Agent: [^\\n]{0,8000} requested WebSocket version \\[(?<detail>-?\\d{1,10})\\], Jetty supports version: \\[[^\\]\\n]{0,100}\\]$`,
      complete: true,
      cause: 'unsupported-version',
      samples: [
        {
          text: '2026-12-01 19:28:41.139:WARN:oejws.WebSocketServerFactory:qtp596512129-16: Client 127.0.0.7 (:55763) User Agent: "wsnoise-capture/1" requested WebSocket version [8], Jetty supports version: [13]',
          cause: 'unsupported-version',
          ip: '127.0.0.7',
          port: 55763,
          detail: '8',
          time: '2026-12-01 19:28:41.139',
        },
        {
          text: '2026-12-01 19:28:41.294:WARN:oejws.WebSocketServerFactory:qtp596512129-18: Client 127.0.0.8 (:33789) User Agent: "wsnoise-capture/1" requested WebSocket version [-1], Jetty supports version: [13]',
          cause: 'unsupported-version',
          ip: '127.0.0.8',
          detail: '-1',
        },
        {
          text: '2026-12-01 19:28:41.139:WARN:oejws.WebSocketServerFactory:qtp596512129-16: Client 0:0:0:0:0:0:0:1 (:55763) User Agent: "x: Client 6.6.6.6 (:1) User Agent: y" requested WebSocket version [8], Jetty supports version: [13]',
          cause: 'unsupported-version',
          ip: '::1',
          note: 'inject: a second Client field inside the user agent',
        },
      ],
    },
    {
      id: 'jetty/not-http11',
      desc: 'a WebSocket upgrade over HTTP/1.0; Jetty answers 400',
      source: `${V94} WebSocketServerFactory.java acceptWebSocket "Not a 'HTTP/1.1' request (was [{}])"`,
      needle: "Not a 'HTTP/1.1' request",
      pattern: `${JETTY}(?:oejws|org\\.eclipse\\.jetty\\.websocket\\.server)\\.WebSocketServerFactory${THREAD}(?<detail>Not a 'HTTP/1\\.1' request) \\(was \\[[^\\]\\n]{0,40}\\]\\)$`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: "2026-12-01 19:28:42.249:WARN:oejws.WebSocketServerFactory:qtp596512129-18: Not a 'HTTP/1.1' request (was [HTTP/1.0])", cause: 'invalid-http', ip: null, detail: "Not a 'HTTP/1.1' request" },
      ],
    },
    {
      id: 'jetty/missing-key',
      desc: 'a WebSocket upgrade without Sec-WebSocket-Key: the factory throws, HttpChannel answers 400',
      source: `${V94} WebSocketServerFactory (BadMessageException "Missing request header 'Sec-WebSocket-Key'"), org/eclipse/jetty/server/HttpChannel.java handleException`,
      needle: "Missing request header 'Sec-WebSocket-Key'",
      pattern: `${JETTY}(?:oejs|org\\.eclipse\\.jetty\\.server)\\.HttpChannel${THREAD}handleException (?<path>[^\\s]{1,4000}) org\\.eclipse\\.jetty\\.http\\.BadMessageException: (?<status>400): (?<detail>Missing request header 'Sec-WebSocket-Key')$`,
      complete: true,
      cause: 'bad-key',
      samples: [
        {
          text: "2026-12-01 19:28:41.609:WARN:oejs.HttpChannel:qtp596512129-16: handleException /ws org.eclipse.jetty.http.BadMessageException: 400: Missing request header 'Sec-WebSocket-Key'",
          cause: 'bad-key',
          status: 400,
          ip: null,
        },
      ],
    },
    {
      id: 'jetty/handshake-exception',
      desc: 'the WebSocket creator (the handshake hook) threw: answered 500, a bug, never noise',
      source: `${V94} HttpChannel.java handleException (WARN with the URI and the trace), WebSocketServerFactory.acceptWebSocket in it; fixtures/logs/jetty/info-stderr.log`,
      needle: '.HttpChannel:',
      pattern: `${JETTY}(?:oejs|org\\.eclipse\\.jetty\\.server)\\.HttpChannel${THREAD}(?<path>/[^\\s]{0,4000})$`,
      recordContains: 'org.eclipse.jetty.websocket.server.WebSocketServerFactory.acceptWebSocket',
      complete: true,
      cause: 'server-error',
      samples: [
        {
          text: '2026-12-01 19:28:43.241:WARN:oejs.HttpChannel:qtp596512129-16: /flaky\njava.lang.RuntimeException: database is down\n\tat WsServer$FlakyServlet.lambda$configure$0(WsServer.java:63)\n\tat org.eclipse.jetty.websocket.server.WebSocketServerFactory.acceptWebSocket(WebSocketServerFactory.java:275)',
          cause: 'server-error',
          ip: null,
        },
        {
          text: '2026-12-01 19:28:43.241:WARN:oejs.HttpChannel:qtp596512129-16: /api/items\njava.lang.RuntimeException: database is down\n\tat com.example.Api.doGet(Api.java:13)',
          match: false,
          note: 'an ordinary servlet error, not a handshake',
        },
      ],
    },
    {
      id: 'jetty/header-too-large',
      desc: 'request headers over the buffer (8 KiB by default): Jetty answers 431',
      source: `${V94} org/eclipse/jetty/http/HttpParser.java "{} is too large {}>{}"`,
      needle: 'Header is too large ',
      pattern: `${JETTY}(?:oejh|org\\.eclipse\\.jetty\\.http)\\.HttpParser${THREAD}(?<detail>Header is too large) \\d{1,12}>\\d{1,12}$`,
      cause: 'invalid-http',
      claims: ['jetty/parser-exception'],
      samples: [{ text: '2026-12-01 19:28:44.722:WARN:oejh.HttpParser:qtp596512129-16: Header is too large 8193>8192', cause: 'invalid-http', detail: 'Header is too large' }],
    },
    {
      id: 'jetty/parser-illegal-character',
      desc: 'HttpParser at DEBUG: a byte that cannot start or continue a request (TLS, binary)',
      source: `${V94} HttpParser.java IllegalCharacterException "Illegal character {} in state={} for buffer {}"`,
      needle: 'Illegal character ',
      pattern: `${JETTY}(?:oejh|org\\.eclipse\\.jetty\\.http)\\.HttpParser${THREAD}Illegal character (?<detail>[A-Z]{1,10}=0x[0-9a-fA-F]{1,4}) in state=[A-Z_0-9]{1,30} for buffer [^\\n]{0,8000}$`,
      cause: 'invalid-http',
      claims: ['jetty/parser-exception'],
      samples: [
        {
          text: '2026-12-01 19:29:12.618:DBUG:oejh.HttpParser:qtp772777427-13: Illegal character CNTL=0x16 in state=START for buffer HeapByteBuffer@4e9fe8d7[p=1,l=89,c=8192,r=88]={\\x16<<<\\x03\\x01\\x00T\\x01>>>}',
          cause: 'invalid-http',
          detail: 'CNTL=0x16',
        },
      ],
    },
    {
      id: 'jetty/parser-exception',
      owns: ['java-trace'],
      desc: 'HttpParser at DEBUG: the request was refused (its BadMessageException follows); alone, e.g. an Upgrade header without `Connection: upgrade`, it says only 400',
      source: `${V94} HttpParser.java "Parse exception: {} for {}"`,
      needle: 'Parse exception: ',
      pattern: `${JETTY}(?:oejh|org\\.eclipse\\.jetty\\.http)\\.HttpParser${THREAD}Parse exception: HttpParser\\{s=(?<detail>[A-Z_0-9]{1,30}),[^\\n]{0,8000}$`,
      complete: true,
      cause: 'bad-request',
      samples: [
        {
          text: '2026-12-01 19:29:11.039:DBUG:oejh.HttpParser:qtp772777427-16: Parse exception: HttpParser{s=CONTENT,0 of -1} for HttpChannelOverHttp@2612c966{s=HttpChannelState@51c0cb23{s=IDLE}}\norg.eclipse.jetty.http.BadMessageException: 400: null',
          cause: 'bad-request',
          detail: 'CONTENT',
        },
      ],
    },
    {
      id: 'jetty/parser-eof',
      desc: 'HttpParser at DEBUG: the client closed in the middle of its request line or headers',
      source: `${V94} HttpParser.java "{} EOF in {}"`,
      needle: ' EOF in ',
      pattern: `${JETTY}(?:oejh|org\\.eclipse\\.jetty\\.http)\\.HttpParser${THREAD}HttpParser\\{s=[A-Z_0-9]{1,30},[^\\n]{0,200}\\} EOF in (?<detail>METHOD|URI|SPACE1|SPACE2|REQUEST_VERSION|HEADER|[A-Z_]{1,20}_VALUE|IN_NAME|IN_VALUE|FIELD)$`,
      complete: true,
      cause: 'early-close',
      samples: [
        { text: '2026-12-01 19:29:13.128:DBUG:oejh.HttpParser:qtp772777427-16: HttpParser{s=REQUEST_VERSION,0 of -1} EOF in REQUEST_VERSION', cause: 'early-close', detail: 'REQUEST_VERSION' },
        { text: '2026-12-01 19:29:13.128:DBUG:oejh.HttpParser:qtp772777427-16: HttpParser{s=CONTENT,0 of -1} EOF in CONTENT', match: false, note: 'a body cut short: not a handshake' },
      ],
    },
    {
      id: 'jetty/access-header-too-large',
      desc: 'the request log line of a WebSocket request whose headers were too large (431)',
      source: `${V94} CustomRequestLog EXTENDED_NCSA_FORMAT, status 431; fixtures/logs/jetty/info-request.log`,
      needle: '" 431 ',
      pattern: `${ACCESS}[A-Z]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>431)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.23 - - [01/Dec/2026:19:28:44 +0000] "GET /ws HTTP/1.1" 431 74 "-" "wsnoise-capture/1"', cause: 'invalid-http', ip: '127.0.0.23', status: 431 },
        { text: '127.0.0.23 - - [01/Dec/2026:19:28:44 +0000] "GET /ws HTTP/1.1" 431 74 "-" "6.6.6.6 - - [01/Dec/2026:19:28:44 +0000]"', cause: 'invalid-http', ip: '127.0.0.23', note: 'inject: an access-line prefix in the agent' },
      ],
    },
    {
      id: 'jetty/access-unknown-method',
      desc: 'a method Jetty does not implement (a token such as G3T) on a WebSocket route: 501 (Tomcat\'s with the combined pattern is the same line)',
      source: `${V94} CustomRequestLog EXTENDED_NCSA_FORMAT, status 501; fixtures/logs/jetty/info-request.log`,
      needle: '" 501 ',
      pattern: `${ACCESS}[A-Z0-9_-]{1,20} (?<path>[^"\\s]{1,4000}) HTTP/\\d\\.\\d" (?<status>501)${TAIL}`,
      complete: true,
      wsPathOnly: true,
      sharedWith: ['tomcat'],
      cause: 'bad-method',
      samples: [
        { text: '127.0.0.24 - - [01/Dec/2026:19:28:44 +0000] "G3T /ws HTTP/1.1" 501 0 "-" "wsnoise-capture/1"', cause: 'bad-method', ip: '127.0.0.24', status: 501 },
        { text: '127.0.0.24 - - [01/Dec/2026:19:28:44 +0000] "G3T /ws HTTP/1.1" 501 0 "-" "6.6.6.6"', cause: 'bad-method', ip: '127.0.0.24', note: 'inject: an address as the agent' },
        { text: '127.0.0.24 - - [01/Dec/2026:19:46:22 +0000] "G3T /ws HTTP/1.1" 501 738 "-" "wsnoise-capture/1"', cause: 'bad-method', ip: '127.0.0.24', note: 'Tomcat with the combined pattern; fixtures/logs/tomcat/combined-access.log' },
      ],
    },
    {
      id: 'jetty/access-unparsed-request',
      desc: 'a request Jetty could not parse (TLS or binary bytes, a request cut short): its request log writes the method, the URI and the version as `-` each, `"- - -"` (Tomcat writes `"-"`, nginx the bytes it read)',
      source: `${V94} CustomRequestLog EXTENDED_NCSA_FORMAT ("%r" is "%m %U%q %H", each "-" when unknown), status 400; fixtures/logs/jetty/info-request.log`,
      needle: '"- - -" 400 ',
      pattern: `${ACCESS}- - -" (?<status>400)${TAIL}`,
      complete: true,
      cause: 'invalid-http',
      samples: [
        { text: '127.0.0.15 - - [01/Dec/2026:19:37:53 +0000] "- - -" 400 70 "-" "-"', cause: 'invalid-http', ip: '127.0.0.15', status: 400 },
        { text: '127.0.0.15 - - [01/Dec/2026:19:37:53 +0000] "- - -" 400 70 "-" "6.6.6.6 - - [01/Dec/2026:19:37:53 +0000]"', cause: 'invalid-http', ip: '127.0.0.15', note: 'inject: an access-line prefix in the agent' },
        { text: '127.0.0.15 - - [01/Dec/2026:19:37:53 +0000] "GET /- - -" 400 70 "-" "-"', match: false, note: 'a request line that ends in dashes' },
      ],
    },
  ],
};
