import type { StackRules } from './rule.js';

/**
 * Netty (netty @0bb88a3, codec-http websocketx). Its WebSocketServerProtocolHandler answers a
 * failed handshake 400 and logs nothing; the handshake exception reaches the log only when a
 * pipeline built by hand lets it fall off the end, where DefaultChannelPipeline warns and prints
 * it. The exception (`io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException:
 * not a WebSocket request: …`, from 4.1.54) is a continuation of that warning's record, so the
 * warning is what is matched and the exception's words are not read: the cause is left unknown.
 * Messages thrown (WebSocketServerHandshaker13.java:141-158, WebSocketServerHandshaker00.java:136,
 * WebSocketServerProtocolHandshakeHandler.java:156): "Invalid WebSocket handshake method: …",
 * "not a WebSocket request: a |Connection| header must includes a token 'Upgrade'", "… a |Upgrade|
 * header must containing the value 'websocket'", "… missing key", "not a WebSocket handshake
 * request: missing upgrade", "handshake timed out". No server of it runs here, and the warning
 * names no client.
 */
export const netty: StackRules = {
  stack: 'netty',
  desc: 'Netty WebSocket handshake exceptions left unhandled at the tail of the pipeline',
  rules: [
    {
      id: 'netty/unhandled-handshake-exception',
      desc: 'a WebSocketServerHandshakeException no handler caught: a client that did not send a valid upgrade (the exception line below says which)',
      source:
        'netty @0bb88a3 transport/src/main/java/io/netty/channel/DefaultChannelPipeline.java:1174 "An exceptionCaught() event was fired, and it reached at the tail of the pipeline. …"; ' +
        'codec-http/src/main/java/io/netty/handler/codec/http/websocketx/WebSocketServerHandshaker13.java:147; https://github.com/teamprocess/clash-server/issues/692',
      needle: 'An exceptionCaught() event was fired',
      pattern: '^{PREFIX}An exceptionCaught\\(\\) event was fired, and it reached at the tail of the pipeline\\. It usually means the last handler in the pipeline did not handle the exception\\.$',
      recordContains: '.websocketx.WebSocketServerHandshakeException: ',
      complete: true,
      cause: 'unknown-handshake',
      samples: [
        {
          text:
            '2026-12-02 10:00:00.123  WARN 1 --- [ntLoopGroup-3-1] io.netty.channel.DefaultChannelPipeline  : An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            "io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException: not a WebSocket request: a |Connection| header must includes a token 'Upgrade'\n" +
            '\tat io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13.newHandshakeResponse(WebSocketServerHandshaker13.java:147) ~[netty-codec-http-4.1.130.Final.jar!/:4.1.130.Final]\n' +
            '\tat io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker.handshake(WebSocketServerHandshaker.java:202) ~[netty-codec-http-4.1.130.Final.jar!/:4.1.130.Final]',
          cause: 'unknown-handshake',
          ip: null,
          time: '2026-12-02 10:00:00.123',
        },
        {
          text:
            '09:24:21.885 [nioEventLoopGroup-3-1] WARN  i.n.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            'java.lang.IllegalStateException: request is not null\n' +
            '\tat com.google.common.base.Preconditions.checkState(Preconditions.java:510)',
          match: false,
          note: 'another unhandled exception, https://github.com/chhsiao90/nitmproxy/issues/61',
        },
        {
          text:
            '2026-12-02 10:00:00.123  WARN 1 --- [ntLoopGroup-3-1] io.netty.channel.DefaultChannelPipeline  : An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            'javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_unknown',
          match: false,
          note: 'a TLS handshake, not a WebSocket one',
        },
      ],
    },
  ],
};
