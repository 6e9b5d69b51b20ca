import type { StackRules } from './rule.js';
import { LEADING_TIME } from './common.js';

/**
 * Netty (netty @0bb88a3, codec-http websocketx). Its WebSocketServerProtocolHandler answers a
 * failed handshake 400 and logs nothing; the handshake exception reaches the log only when a
 * pipeline built by hand lets it fall off the end, where DefaultChannelPipeline warns and prints
 * it. The exception (`io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException:
 * not a WebSocket request: …`; before 4.1.54 a WebSocketHandshakeException, which the client side
 * throws too, so only the server's messages count) is a continuation of that warning's record: the
 * warning is what is matched, and the exception lines of its stack trace (the deepest `Caused by`
 * first) say why, read by the exception rules below. Which handshaker throws depends on
 * Sec-WebSocket-Version: 13, 8 and 7 have their own; without the header the factory falls back
 * to the draft-00 (Hixie) one (WebSocketServerHandshakerFactory.java:180). A version it does not
 * know is answered 426 without an exception. The warning names no client.
 *
 * Captured (fixtures/logs/netty/, Debian's 4.1.48): the warning under java.util.logging's
 * SimpleFormatter comes after a line of its own naming the logger and method, which opens the
 * event. At debug the handshaker logs `[id: …, L:… - R:/IP:PORT] WebSocket version V00 server
 * handshake` first, the one line that names the client. WebSocketServerProtocolHandler answers
 * a failed handshake 400 and logs only that debug line.
 */
const SRC = 'netty @0bb88a3 codec-http/src/main/java/io/netty/handler/codec/http/websocketx';
/** The exception as the trace prints it: WebSocketServerHandshakeException from 4.1.54, WebSocketHandshakeException before. */
const EXC = '^io\\.netty\\.handler\\.codec\\.http\\.websocketx\\.WebSocket(?:Server)?HandshakeException: ';
const PKG = 'io.netty.handler.codec.http.websocketx';
const CAPTURED = (log: string): string => `fixtures/logs/netty/${log} (netty 4.1.48)`;
const JUL_TIME = 'Dec 07, 2026 11:58:40 PM';

export const netty: StackRules = {
  stack: 'netty',
  desc: 'Netty WebSocket handshake exceptions left unhandled at the tail of the pipeline',
  rules: [
    {
      id: 'netty/unhandled-handshake-exception',
      desc: 'a WebSocketServerHandshakeException no handler caught: a client that did not send a valid upgrade (the exception lines below say which)',
      source:
        'netty @0bb88a3 transport/src/main/java/io/netty/channel/DefaultChannelPipeline.java:1174 "An exceptionCaught() event was fired, and it reached at the tail of the pipeline. …"; ' +
        `${SRC}/WebSocketServerHandshaker13.java:147; https://github.com/teamprocess/clash-server/issues/692`,
      needle: 'An exceptionCaught() event was fired',
      pattern: '^{PREFIX}An exceptionCaught\\(\\) event was fired, and it reached at the tail of the pipeline\\. It usually means the last handler in the pipeline did not handle the exception\\.$',
      recordContains: [
        '.websocketx.WebSocketServerHandshakeException: ',
        '.websocketx.WebSocketHandshakeException: not a WebSocket ',
        '.websocketx.WebSocketHandshakeException: Missing origin header, got only ',
        '.websocketx.WebSocketHandshakeException: Requested subprotocol(s) not supported: ',
      ],
      complete: true,
      traceback: true,
      cause: 'unknown-handshake',
      samples: [
        {
          text:
            '2026-12-02 10:00:00.123  WARN 1 --- [ntLoopGroup-3-1] io.netty.channel.DefaultChannelPipeline  : An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketServerHandshakeException: not a WebSocket request: a |Connection| header must includes a token 'Upgrade'\n` +
            `\tat ${PKG}.WebSocketServerHandshaker13.newHandshakeResponse(WebSocketServerHandshaker13.java:147) ~[netty-codec-http-4.1.130.Final.jar!/:4.1.130.Final]\n` +
            `\tat ${PKG}.WebSocketServerHandshaker.handshake(WebSocketServerHandshaker.java:202) ~[netty-codec-http-4.1.130.Final.jar!/:4.1.130.Final]`,
          cause: 'bad-connection-header',
          ip: null,
          detail: "not a WebSocket request: a |Connection| header must includes a token 'Upgrade'",
          time: '2026-12-02 10:00:00.123',
          note: 'https://github.com/teamprocess/clash-server/issues/692',
        },
        {
          text:
            '10:00:00.123 [nioEventLoopGroup-3-1] WARN  i.n.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `io.netty.handler.codec.DecoderException: ${PKG}.WebSocketServerHandshakeException: not a WebSocket request: missing key\n` +
            '\tat io.netty.handler.codec.MessageToMessageDecoder.channelRead(MessageToMessageDecoder.java:98)\n' +
            `Caused by: ${PKG}.WebSocketServerHandshakeException: not a WebSocket request: missing key\n` +
            `\tat ${PKG}.WebSocketServerHandshaker13.newHandshakeResponse(WebSocketServerHandshaker13.java:158)\n` +
            '\t... 1 common frames omitted',
          cause: 'bad-key',
          detail: 'not a WebSocket request: missing key',
          note: 'the handshake run inside a decoder, which wraps what it throws: the Caused by decides',
        },
        {
          text:
            '2026-12-02 10:00:01.456  WARN 1 --- [ntLoopGroup-3-2] io.netty.channel.DefaultChannelPipeline  : An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketServerHandshakeException: not a WebSocket handshake request: missing upgrade\n` +
            `\tat ${PKG}.WebSocketServerHandshaker00.newHandshakeResponse(WebSocketServerHandshaker00.java:136)`,
          cause: 'not-websocket',
          detail: 'not a WebSocket handshake request: missing upgrade',
          note: 'a plain GET: no Sec-WebSocket-Version, so the draft-00 handshaker refused it',
        },
        {
          text:
            '2014-01-10 10:00:00,123 WARN  [nioEventLoopGroup-3-4] io.netty.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketHandshakeException: Requested subprotocol(s) not supported: mqtt\n` +
            `\tat ${PKG}.WebSocketServerHandshaker13.newHandshakeResponse(WebSocketServerHandshaker13.java:122)`,
          cause: 'subprotocol',
          detail: 'Requested subprotocol(s) not supported: mqtt',
          time: '2014-01-10 10:00:00,123',
          note: 'up to 4.0.15: WebSocketHandshakeException, and a subprotocol the server does not speak was refused',
        },
        {
          text:
            '2020-05-01 10:00:00.123  WARN 1 --- [ntLoopGroup-3-1] io.netty.channel.DefaultChannelPipeline  : An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketHandshakeException: not a WebSocket request: missing key\n` +
            `\tat ${PKG}.WebSocketServerHandshaker13.newHandshakeResponse(WebSocketServerHandshaker13.java:139)`,
          cause: 'bad-key',
          note: 'before 4.1.54 (netty-4.1.53.Final WebSocketServerHandshaker13.java:139)',
        },
        {
          text:
            '2020-05-01 10:00:00.123  WARN 1 --- [ntLoopGroup-3-1] io.netty.channel.DefaultChannelPipeline  : An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketHandshakeException: Invalid handshake response getStatus: 400 Bad Request\n` +
            `\tat ${PKG}.WebSocketClientHandshaker13.verify(WebSocketClientHandshaker13.java:226)`,
          match: false,
          note: "before 4.1.54 the client's handshake failures are WebSocketHandshakeException too: a server refused this client",
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
        {
          text:
            'WARNING: An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketHandshakeException: Missing origin header, got only [Host, Upgrade, Connection, Sec-WebSocket-Key, User-Agent, content-length]\n` +
            `\tat ${PKG}.WebSocketServerHandshaker00.newHandshakeResponse(WebSocketServerHandshaker00.java:146)`,
          cause: 'unsupported-version',
          time: null,
          note: `java.util.logging's second line (the first opens the event: netty/jul-unhandled-source); ${CAPTURED('tail-jul-info.log')}`,
        },
        {
          text:
            '[nioEventLoopGroup-3-1] WARN io.netty.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            `${PKG}.WebSocketHandshakeException: not a WebSocket handshake request: missing upgrade\n` +
            `\tat ${PKG}.WebSocketServerHandshaker00.newHandshakeResponse(WebSocketServerHandshaker00.java:129)`,
          cause: 'not-websocket',
          note: `slf4j-simple; ${CAPTURED('tail-simple-info.log')}`,
        },
        {
          text:
            '[nioEventLoopGroup-3-1] WARN io.netty.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.\n' +
            'java.lang.RuntimeException: database is down\n' +
            '\tat WsServer$HandshakeHandler.request(WsServer.java:129)',
          match: false,
          note: `the application's own exception on /flaky: kept, an ordinary error; ${CAPTURED('tail-simple-info.log')}`,
        },
      ],
    },

    {
      id: 'netty/jul-unhandled-source',
      desc: "java.util.logging's first line of the tail-of-pipeline warning (SimpleFormatter: the time, the logger, the method): opens the event the warning after it decides; nothing on its own",
      source: `netty @0bb88a3 transport/src/main/java/io/netty/channel/DefaultChannelPipeline.java onUnhandledInboundException; JDK SimpleFormatter "%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n"; ${CAPTURED('tail-jul-info.log')}`,
      role: 'open',
      needle: 'io.netty.channel.DefaultChannelPipeline onUnhandledInboundException',
      pattern: '^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d\\d:\\d\\d (?:AM|PM) io\\.netty\\.channel\\.DefaultChannelPipeline onUnhandledInboundException$',
      samples: [
        { text: `${JUL_TIME} io.netty.channel.DefaultChannelPipeline onUnhandledInboundException`, role: 'open' },
        { text: `${JUL_TIME} io.netty.channel.DefaultChannelPipeline onUnhandledInboundException extra`, match: false, note: 'not the whole line' },
        { text: `${JUL_TIME} io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker handshake`, match: false, note: "the handshaker's debug line: every handshake, good or bad, writes it" },
      ],
    },
    {
      id: 'netty/debug-hixie-handshake',
      desc: "the handshaker's debug line for a request without Sec-WebSocket-Version, which the factory gives the draft-00 (Hixie) handshaker: no client of that draft is left, so a plain GET, an h2c upgrade or a client that left the version out, refused next (the warning after it says which; WebSocketServerProtocolHandler logs nothing more). The one line that names the client",
      source: `${SRC}/WebSocketServerHandshaker.java:190 logger.debug("{} WebSocket version {} server handshake", channel, version()); WebSocketServerHandshakerFactory.java:180; ${CAPTURED('tail-simple-debug.log')}, ${CAPTURED('protocol-simple-debug.log')}`,
      needle: '] WebSocket version V00 server handshake',
      pattern: `^${LEADING_TIME}[^\\n]{0,200}?WebSocketServerHandshaker:? {1,3}(?:- |: )\\[id: 0x[0-9a-f]{8}, L:/[^\\s\\]]{1,60}\\]?:\\d{1,5} - R:/{HOSTPORT}\\] WebSocket version V00 server handshake$`,
      cause: 'unknown-handshake',
      claims: ['netty/unhandled-handshake-exception'],
      samples: [
        {
          text: '2026-12-08 00:00:01.442 [nioEventLoopGroup-3-1] DEBUG io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker - [id: 0xba17e1ad, L:/127.0.0.1:18700 - R:/127.0.0.4:57843] WebSocket version V00 server handshake',
          cause: 'unknown-handshake',
          ip: '127.0.0.4',
          port: 57843,
          time: '2026-12-08 00:00:01.442',
        },
        {
          text: '[nioEventLoopGroup-3-2] DEBUG io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker - [id: 0x1a8795c6, L:/[0:0:0:0:0:0:0:1]:18700 - R:/[0:0:0:0:0:0:0:1]:49085] WebSocket version V00 server handshake',
          cause: 'unknown-handshake',
          ip: '::1',
          port: 49085,
        },
        {
          text: '10:00:00.123 [nioEventLoopGroup-3-1] DEBUG i.n.h.c.h.w.WebSocketServerHandshaker - [id: 0xba17e1ad, L:/127.0.0.1:8080 - R:/10.0.0.4:57843] WebSocket version V00 server handshake',
          cause: 'unknown-handshake',
          ip: '10.0.0.4',
          note: "logback's default pattern abbreviates the logger",
        },
        {
          text: '[nioEventLoopGroup-3-1] DEBUG io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker - [id: 0x19be3d27, L:/127.0.0.1:18700 - R:/127.0.0.2:49701] WebSocket version V13 server handshake',
          match: false,
          note: 'version 13: every good handshake writes it too',
        },
        {
          text: 'FINE: [id: 0x6a5aa583, L:/127.0.0.1:18700 - R:/127.0.0.1:60600] WebSocket version V00 server handshake',
          match: false,
          note: "java.util.logging's second line: the warning's own first line opens that event, and this one would end it",
        },
      ],
    },

    // Exception lines of the traces the rule above reads, root first.
    {
      id: 'netty/exc-connection-header',
      desc: 'Sec-WebSocket-Version 13 but Connection lacks upgrade: a proxy stripped it (checked from 4.1.80)',
      source: `${SRC}/WebSocketServerHandshaker13.java:147 "not a WebSocket request: a |Connection| header must includes a token 'Upgrade'"`,
      on: 'exception',
      needle: "|Connection| header must includes a token 'Upgrade'",
      pattern: `${EXC}(?<detail>not a WebSocket request: a \\|Connection\\| header must includes a token 'Upgrade')$`,
      cause: 'bad-connection-header',
      samples: [
        {
          text: `${PKG}.WebSocketServerHandshakeException: not a WebSocket request: a |Connection| header must includes a token 'Upgrade'`,
          cause: 'bad-connection-header',
          detail: "not a WebSocket request: a |Connection| header must includes a token 'Upgrade'",
        },
        {
          text: "java.lang.IllegalStateException: not a WebSocket request: a |Connection| header must includes a token 'Upgrade'",
          match: false,
          note: "another class quoting Netty's words",
        },
      ],
    },
    {
      id: 'netty/exc-upgrade-header',
      desc: 'Sec-WebSocket-Version 13 and Connection: upgrade, but Upgrade is missing or not websocket (h2c) (checked from 4.1.80)',
      source: `${SRC}/WebSocketServerHandshaker13.java:152 "not a WebSocket request: a |Upgrade| header must containing the value 'websocket'"`,
      on: 'exception',
      needle: "|Upgrade| header must containing the value 'websocket'",
      pattern: `${EXC}(?<detail>not a WebSocket request: a \\|Upgrade\\| header must containing the value 'websocket')$`,
      cause: 'bad-upgrade-header',
      samples: [
        {
          text: `${PKG}.WebSocketServerHandshakeException: not a WebSocket request: a |Upgrade| header must containing the value 'websocket'`,
          cause: 'bad-upgrade-header',
          detail: "not a WebSocket request: a |Upgrade| header must containing the value 'websocket'",
        },
      ],
    },
    {
      id: 'netty/exc-missing-upgrade',
      desc: 'no Sec-WebSocket-Version, and Connection: Upgrade or Upgrade: WebSocket missing: a plain HTTP request (the factory gave it the draft-00 handshaker)',
      source: `${SRC}/WebSocketServerHandshaker00.java:136 "not a WebSocket handshake request: missing upgrade"; WebSocketServerHandshakerFactory.java:180`,
      on: 'exception',
      needle: 'not a WebSocket handshake request: missing upgrade',
      pattern: `${EXC}(?<detail>not a WebSocket handshake request: missing upgrade)$`,
      cause: 'not-websocket',
      samples: [
        { text: `${PKG}.WebSocketServerHandshakeException: not a WebSocket handshake request: missing upgrade`, cause: 'not-websocket', detail: 'not a WebSocket handshake request: missing upgrade' },
        { text: `${PKG}.WebSocketHandshakeException: not a WebSocket handshake request: missing upgrade`, cause: 'not-websocket', note: 'before 4.1.54, https://github.com/netty/netty/issues/656' },
      ],
    },
    {
      id: 'netty/exc-missing-key',
      desc: 'Sec-WebSocket-Key missing (versions 13, 8 and 7)',
      source: `${SRC}/WebSocketServerHandshaker13.java:158, WebSocketServerHandshaker08.java:147, WebSocketServerHandshaker07.java:140 "not a WebSocket request: missing key"`,
      on: 'exception',
      needle: 'not a WebSocket request: missing key',
      pattern: `${EXC}(?<detail>not a WebSocket request: missing key)$`,
      cause: 'bad-key',
      samples: [
        { text: `${PKG}.WebSocketServerHandshakeException: not a WebSocket request: missing key`, cause: 'bad-key', detail: 'not a WebSocket request: missing key' },
        { text: `${PKG}.WebSocketServerHandshakeException: not a WebSocket request: missing keys`, match: false, note: 'not the whole message' },
      ],
    },
    {
      id: 'netty/exc-method',
      desc: 'a method other than GET (checked by the handshakers from 4.1.90; before, the protocol handler answered 403 without an exception)',
      source: `${SRC}/WebSocketServerHandshaker13.java:141, 08:142, 07:135, 00:130 "Invalid WebSocket handshake method: " + method`,
      on: 'exception',
      needle: 'Invalid WebSocket handshake method: ',
      pattern: `${EXC}(?<detail>Invalid WebSocket handshake method: [^\\s]{1,40})$`,
      cause: 'bad-method',
      samples: [{ text: `${PKG}.WebSocketServerHandshakeException: Invalid WebSocket handshake method: POST`, cause: 'bad-method', detail: 'Invalid WebSocket handshake method: POST' }],
    },
    {
      id: 'netty/exc-version-missing',
      desc: 'Connection: Upgrade and Upgrade: WebSocket but no Sec-WebSocket-Version (so the draft-00 handshaker) and neither the Origin of Hixie-75 nor the keys of Hixie-76: a client that left the version out (from 4.1.34)',
      source: `${SRC}/WebSocketServerHandshaker00.java:146 "Missing origin header, got only " + req.headers().names()`,
      on: 'exception',
      needle: 'Missing origin header, got only ',
      pattern: `${EXC}(?<detail>Missing origin header, got only \\[[^\\]\\n]{0,2000}\\])$`,
      cause: 'unsupported-version',
      samples: [
        {
          text: `${PKG}.WebSocketServerHandshakeException: Missing origin header, got only [host, upgrade, connection, sec-websocket-key]`,
          cause: 'unsupported-version',
          detail: 'Missing origin header, got only [host, upgrade, connection, sec-websocket-key]',
        },
      ],
    },
    {
      id: 'netty/exc-subprotocol',
      desc: 'up to 4.0.15: no subprotocol the server speaks among those the client asked for (from 4.0.16 the handshake goes on without one)',
      source:
        'netty-4.0.15.Final codec-http/src/main/java/io/netty/handler/codec/http/websocketx/WebSocketServerHandshaker13.java:122, 08:123, 07:124, 00:139 ' +
        '"Requested subprotocol(s) not supported: " + subprotocols; no longer thrown from 407e12d99b',
      on: 'exception',
      needle: 'Requested subprotocol(s) not supported: ',
      pattern: '^io\\.netty\\.handler\\.codec\\.http\\.websocketx\\.WebSocketHandshakeException: (?<detail>Requested subprotocol\\(s\\) not supported: [^\\n]{1,500})$',
      cause: 'subprotocol',
      samples: [
        { text: `${PKG}.WebSocketHandshakeException: Requested subprotocol(s) not supported: chat, superchat`, cause: 'subprotocol', detail: 'Requested subprotocol(s) not supported: chat, superchat' },
      ],
    },
    {
      id: 'netty/exc-timeout',
      desc: 'the handshake did not complete within handshakeTimeoutMillis (10 s by default); Netty fails the handshake promise with it, and an application may pass it on',
      source: `${SRC}/WebSocketServerProtocolHandshakeHandler.java:156 "handshake timed out" (the client's is a WebSocketClientHandshakeException)`,
      on: 'exception',
      needle: 'HandshakeException: handshake timed out',
      pattern: '^io\\.netty\\.handler\\.codec\\.http\\.websocketx\\.WebSocketServerHandshakeException: (?<detail>handshake timed out)$',
      cause: 'timeout',
      samples: [
        { text: `${PKG}.WebSocketServerHandshakeException: handshake timed out`, cause: 'timeout', detail: 'handshake timed out' },
        { text: `${PKG}.WebSocketClientHandshakeException: handshake timed out`, match: false, note: "the client's timeout, not a client's failure" },
      ],
    },
  ],
};
