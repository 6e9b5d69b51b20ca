import type { StackRules } from './rule.js';

/**
 * Undertow (undertow @c8299de). Its WebSocket handshake handler passes a request that is not an
 * upgrade on to the next handler and logs no handshake failure at all (core/src/main/java/io/
 * undertow/websockets/WebSocketProtocolHandshakeHandler.java; the "UT002001 missing header" and
 * "UT025001 WebSocket handshake failed" messages are commented out of WebSocketMessages.java and
 * WebSocketLogger.java). What it does log, at DEBUG on `io.undertow.request.io`, is a request it
 * could not parse: TLS or binary bytes on a plaintext port, a bad request line. Its access log's
 * `combined` pattern is nginx's and is read by the nginx rules. No server of it runs here, and
 * the message names no client.
 */
export const undertow: StackRules = {
  stack: 'undertow',
  desc: 'Undertow requests it could not parse (io.undertow.request.io at DEBUG)',
  rules: [
    {
      id: 'undertow/failed-to-parse-request',
      owns: ['java-trace'],
      desc: 'a request Undertow could not parse (UT005014, answered 400): TLS or binary bytes on a plaintext port, a bad request line or header',
      source:
        'undertow @c8299de core/src/main/java/io/undertow/UndertowLogger.java:124 "UT005014: Failed to parse request" (DEBUG), HttpReadListener.java:292; https://github.com/opensolon/solon-ai/issues/86',
      needle: 'UT005014: Failed to parse request',
      pattern: '^{PREFIX}UT005014: Failed to parse request(?:: (?<detail>[^\\n]{1,2000}))?$',
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: '16:12:08.994 [XNIO-1 I/O-2] DEBUG io.undertow.request.io -- UT005014: Failed to parse request\nio.undertow.util.BadRequestException: null\n\tat io.undertow.server.protocol.http.HttpRequestParser$$generated.handleHttpVerb(Unknown Source)',
          cause: 'invalid-http',
          ip: null,
          note: 'https://github.com/opensolon/solon-ai/issues/86',
        },
        {
          text: '2026-12-02 10:00:00,123 DEBUG [io.undertow.request.io] (default I/O-3) UT005014: Failed to parse request: io.undertow.util.BadRequestException: UT000163: Invalid character | in request-target',
          cause: 'invalid-http',
          detail: 'io.undertow.util.BadRequestException: UT000163: Invalid character | in request-target',
          time: '2026-12-02 10:00:00,123',
          note: 'constructed: a layout that appends the exception to the message',
        },
        { text: '2026-12-02 10:00:00,123 ERROR [io.undertow.request] (default task-25) UT005071: Undertow request failed HttpServerExchange{ GET /ws}', match: false, note: 'an application error in a request, not a parse failure' },
      ],
    },
  ],
};
