import type { StackRules } from './rule.js';

/**
 * Spring Framework WebSocket (spring-websocket's AbstractHandshakeHandler behind Tomcat, Jetty or
 * Undertow, and spring-webflux's HandshakeWebSocketService). No server of it runs here: the
 * messages are quoted from the sources (spring-framework @91eb426) and the lines users paste
 * into issues. From 5.3.14 the handler's messages are wrapped in double quotes
 * (LogFormatUtils.formatValue); up to 7.0.1 they are at ERROR, from 7.0.2 at DEBUG. None of them
 * names the client: the address is in the server's access log, if anywhere.
 */
const SRC = 'spring-framework @91eb426 spring-websocket/src/main/java/org/springframework/web/socket';
const HANDLER = `${SRC}/server/support/AbstractHandshakeHandler.java`;
const FLUX = 'spring-framework @91eb426 spring-webflux/src/main/java/org/springframework/web/reactive/socket/server/support/HandshakeWebSocketService.java';
/** Whatever the layout puts first (Boot's `time LEVEL pid --- [thread] logger : `, logback's `[LEVEL] time logger - `). */
const HEAD = '^{PREFIX}';
/** webflux logs its refusals through HandshakeWebSocketService, with the exchange's log prefix (`[5f3a2c1b-2] `). */
const FLUX_HEAD = '^{PREFIX}HandshakeWebSocketService {0,10}: \\[[0-9a-f]{1,16}(?:-\\d{1,10})?\\] ';
const FAILED = `${HEAD}"?Handshake failed due to `;

export const spring: StackRules = {
  stack: 'spring',
  desc: 'Spring Framework WebSocket (spring-websocket DefaultHandshakeHandler, OriginHandshakeInterceptor, SockJS; spring-webflux)',
  rules: [
    {
      id: 'spring/upgrade-missing',
      desc: 'a GET without an Upgrade header on a WebSocket endpoint (a browser, a health check, a proxy that drops Upgrade)',
      source: `${HANDLER}:235 "Handshake failed due to invalid Upgrade header: " + getUpgrade(); https://github.com/thingsboard/thingsboard/issues/1251`,
      needle: 'Handshake failed due to invalid Upgrade header: null',
      pattern: `${FAILED}invalid Upgrade header: (?<detail>null)"?$`,
      complete: true,
      cause: 'not-websocket',
      samples: [
        {
          text: '2018-11-15 17:06:46,187 [http-nio-0.0.0.0-8080-exec-9] ERROR o.s.w.s.s.s.DefaultHandshakeHandler - Handshake failed due to invalid Upgrade header: null',
          cause: 'not-websocket',
          ip: null,
          detail: 'null',
          time: '2018-11-15 17:06:46,187',
        },
        {
          text: '2026-06-01T14:50:58.056Z ERROR 10 --- [nio-8080-exec-1] o.s.w.s.s.s.DefaultHandshakeHandler      : "Handshake failed due to invalid Upgrade header: null"',
          cause: 'not-websocket',
          time: '2026-06-01T14:50:58.056Z',
          note: 'Spring Boot 3 layout; quoted since 5.3.14',
        },
        {
          text: '[ERROR] 2019-06-17 12:25:56,877 org.springframework.web.socket.server.support.DefaultHandshakeHandler - Handshake failed due to invalid Upgrade header: null',
          cause: 'not-websocket',
          note: 'https://github.com/steve-community/steve/issues/146',
        },
      ],
    },
    {
      id: 'spring/upgrade-invalid',
      desc: 'an Upgrade header that is not websocket (h2c, a typo)',
      source: `${HANDLER}:235`,
      needle: 'Handshake failed due to invalid Upgrade header: ',
      pattern: `${FAILED}invalid Upgrade header: (?<detail>(?:[^n"\\n]|n[^u"\\n]|nu[^l"\\n]|nul[^l"\\n]|null[^"\\n])[^"\\n]{0,200})"?$`,
      complete: true,
      cause: 'bad-upgrade-header',
      samples: [
        {
          text: '2026-06-01T14:51:03.524Z DEBUG 10 --- [nio-8080-exec-5] o.s.w.s.s.s.DefaultHandshakeHandler      : "Handshake failed due to invalid Upgrade header: h2c"',
          cause: 'bad-upgrade-header',
          detail: 'h2c',
        },
        { text: '2026-06-01 14:51:03.524 ERROR 10 --- [nio-8080-exec-5] o.s.w.s.s.s.DefaultHandshakeHandler      : Handshake failed due to invalid Upgrade header: nullx', cause: 'bad-upgrade-header', detail: 'nullx' },
        { text: '2026-06-01 14:51:03.524 INFO 10 --- [nio-8080-exec-5] c.e.AuditFilter : request header X-Note="Handshake failed due to invalid Upgrade header: "', match: false, note: 'an empty value is never written by Spring: a header value quoted by the application' },
      ],
    },
    {
      id: 'spring/connection-invalid',
      desc: 'Upgrade: websocket arrived but Connection lacks upgrade: a proxy replaced it (keep-alive)',
      source: `${HANDLER}:244 "Handshake failed due to invalid Connection header" + getConnection() (a space before the list up to 5.3.13)`,
      needle: 'Handshake failed due to invalid Connection header',
      pattern: `${FAILED}invalid Connection header ?\\[(?<detail>[^\\]\\n]{0,200})\\]"?$`,
      complete: true,
      cause: 'bad-connection-header',
      samples: [
        {
          text: '2026-06-01T14:52:10.101Z ERROR 10 --- [nio-8080-exec-3] o.s.w.s.s.s.DefaultHandshakeHandler      : "Handshake failed due to invalid Connection header[keep-alive]"',
          cause: 'bad-connection-header',
          detail: 'keep-alive',
        },
        { text: '2019-03-20 10:48:40.322 ERROR 1 --- [nio-8080-exec-2] o.s.w.s.s.s.DefaultHandshakeHandler      : Handshake failed due to invalid Connection header [close]', cause: 'bad-connection-header', detail: 'close', note: 'up to 5.3.13' },
      ],
    },
    {
      id: 'spring/version-unsupported',
      desc: 'Sec-WebSocket-Version missing or not 13 (answered 426)',
      source: `${HANDLER}:269 "Handshake failed due to unsupported WebSocket version: " + version + ". Supported versions: " + …`,
      needle: 'Handshake failed due to unsupported WebSocket version: ',
      pattern: `${FAILED}unsupported WebSocket version: (?<detail>[^"\\n]{0,100})\\. Supported versions: \\[[^\\]\\n]{0,100}\\]"?$`,
      complete: true,
      cause: 'unsupported-version',
      samples: [
        { text: '2026-06-01T14:53:00.001Z ERROR 10 --- [nio-8080-exec-4] o.s.w.s.s.s.DefaultHandshakeHandler      : "Handshake failed due to unsupported WebSocket version: 8. Supported versions: [13]"', cause: 'unsupported-version', detail: '8' },
        { text: '2019-03-20 10:48:40.322 ERROR 1 --- [nio-8080-exec-2] o.s.w.s.s.s.DefaultHandshakeHandler      : Handshake failed due to unsupported WebSocket version: null. Supported versions: [13]', cause: 'unsupported-version', detail: 'null' },
      ],
    },
    {
      id: 'spring/method-unexpected',
      desc: 'a method other than GET (or CONNECT for HTTP/2) on a WebSocket endpoint (answered 405, DEBUG)',
      source: `${HANDLER}:182 "Handshake failed due to unexpected HTTP method: " + httpMethod`,
      needle: 'Handshake failed due to unexpected HTTP method: ',
      pattern: `${FAILED}unexpected HTTP method: (?<detail>[A-Z]{1,20})"?$`,
      complete: true,
      cause: 'bad-method',
      samples: [{ text: '2026-06-01T14:54:00.001Z DEBUG 10 --- [nio-8080-exec-6] o.s.w.s.s.s.DefaultHandshakeHandler      : Handshake failed due to unexpected HTTP method: POST', cause: 'bad-method', detail: 'POST' }],
    },
    {
      id: 'spring/key-missing',
      desc: 'no Sec-WebSocket-Key (answered 400, DEBUG; webflux prefixes its exchange id)',
      source: `${HANDLER}:199 and ${FLUX}:208 'Missing "Sec-WebSocket-Key" header'`,
      needle: 'Missing "Sec-WebSocket-Key" header',
      pattern: `${HEAD}Missing "Sec-WebSocket-Key" header$`,
      complete: true,
      cause: 'bad-key',
      samples: [
        { text: '2026-06-01T14:55:00.001Z DEBUG 10 --- [nio-8080-exec-7] o.s.w.s.s.s.DefaultHandshakeHandler      : Missing "Sec-WebSocket-Key" header', cause: 'bad-key' },
        { text: '2026-06-01T14:55:00.001Z DEBUG 10 --- [ctor-http-nio-3] o.s.w.r.s.s.s.HandshakeWebSocketService  : [5f3a2c1b-1] Missing "Sec-WebSocket-Key" header', cause: 'bad-key', note: 'webflux' },
      ],
    },
    {
      id: 'spring/webflux-upgrade-invalid',
      desc: 'webflux: Upgrade missing or not websocket (the log does not say which)',
      source: `${FLUX}:198 'Can "Upgrade" only to "WebSocket".'`,
      needle: 'Can "Upgrade" only to "WebSocket".',
      pattern: `${FLUX_HEAD}Can "Upgrade" only to "WebSocket"\\.$`,
      complete: true,
      cause: 'bad-upgrade-header',
      samples: [{ text: '2026-06-01T14:56:00.001Z DEBUG 10 --- [ctor-http-nio-2] o.s.w.r.s.s.s.HandshakeWebSocketService  : [5f3a2c1b-2] Can "Upgrade" only to "WebSocket".', cause: 'bad-upgrade-header' }],
    },
    {
      id: 'spring/webflux-connection-invalid',
      desc: 'webflux: Connection lacks upgrade',
      source: `${FLUX}:203 '"Connection" must be "upgrade".'`,
      needle: '"Connection" must be "upgrade".',
      pattern: `${FLUX_HEAD}"Connection" must be "upgrade"\\.$`,
      complete: true,
      cause: 'bad-connection-header',
      samples: [{ text: '2026-06-01T14:56:01.001Z DEBUG 10 --- [ctor-http-nio-2] o.s.w.r.s.s.s.HandshakeWebSocketService  : [5f3a2c1b-3] "Connection" must be "upgrade".', cause: 'bad-connection-header' }],
    },
    {
      id: 'spring/origin-rejected',
      desc: 'OriginHandshakeInterceptor refused the Origin (answered 403, DEBUG); the chain then says the interceptor precluded the handshake',
      source: `${SRC}/server/support/OriginHandshakeInterceptor.java:136 "Handshake request rejected, Origin header value " + origin + " not allowed"`,
      needle: 'Handshake request rejected, Origin header value ',
      pattern: `${HEAD}Handshake request rejected, Origin header value (?<detail>[^\\n]{0,2000}) not allowed$`,
      cause: 'origin-rejected',
      claims: ['spring/interceptor-refused'],
      samples: [
        { text: '2026-06-01T14:57:00.001Z DEBUG 10 --- [nio-8080-exec-8] o.s.w.s.s.s.OriginHandshakeInterceptor   : Handshake request rejected, Origin header value https://evil.example not allowed', cause: 'origin-rejected', detail: 'https://evil.example' },
      ],
    },
    {
      id: 'spring/interceptor-refused',
      desc: 'a HandshakeInterceptor returned false (the origin check, or an application\'s own, e.g. authentication)',
      source: `${SRC}/server/support/HandshakeInterceptorChain.java:62 interceptor + " returns false from beforeHandshake - precluding handshake"`,
      needle: ' returns false from beforeHandshake - precluding handshake',
      pattern: `${HEAD}(?<detail>[A-Za-z_$][\\w.$]{0,200}(?:@[0-9a-f]{1,16})?) returns false from beforeHandshake - precluding handshake$`,
      complete: true,
      cause: 'rejected',
      samples: [
        { text: '2026-06-01T14:57:00.002Z DEBUG 10 --- [nio-8080-exec-8] o.s.w.s.s.s.HandshakeInterceptorChain    : org.springframework.web.socket.server.support.OriginHandshakeInterceptor@5b2f9d1e returns false from beforeHandshake - precluding handshake', cause: 'rejected' },
        { text: '2026-06-01T14:57:00.002Z DEBUG 10 --- [nio-8080-exec-9] o.s.w.s.s.s.HandshakeInterceptorChain    : com.example.ws.TokenInterceptor@1a2b3c returns false from beforeHandshake - precluding handshake', cause: 'rejected', detail: 'com.example.ws.TokenInterceptor@1a2b3c' },
      ],
    },
    {
      id: 'spring/sockjs-origin-rejected',
      desc: 'SockJS refused the Origin (answered 403, WARN)',
      source: `${SRC}/sockjs/support/AbstractSockJsService.java:533 "Origin header value '" + origin + "' not allowed."`,
      needle: "' not allowed.",
      pattern: `${HEAD}Origin header value '(?<detail>[^\\n]{0,2000})' not allowed\\.$`,
      complete: true,
      cause: 'origin-rejected',
      samples: [
        { text: "2026-06-01T14:58:00.001Z  WARN 10 --- [nio-8080-exec-1] o.s.w.s.s.t.h.DefaultSockJsService       : Origin header value 'https://evil.example' not allowed.", cause: 'origin-rejected', detail: 'https://evil.example' },
        { text: "2026-06-01T14:58:00.001Z  WARN 10 --- [nio-8080-exec-1] o.s.w.s.s.t.h.DefaultSockJsService       : Invalid SockJS path '/info' - required to have 3 path segments", match: false, note: 'another SockJS warning' },
      ],
    },
  ],
};
