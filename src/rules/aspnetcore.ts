import type { RuleSample, RuleSpec } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { ISO_TIME } from './common.js';

/**
 * ASP.NET Core beyond Kestrel's bad requests: the WebSockets middleware and SignalR's connection
 * dispatcher (Microsoft.AspNetCore.Http.Connections), from dotnet/aspnetcore's source. No .NET
 * runs here and none of these lines turned up in public issues: the samples are the source's
 * message templates in the logger's shapes. None names the client.
 *
 * One message, three shapes: the default console formatter's `dbug: Category[EventId]` with the
 * message on the next, indented line (one record: the head line is matched and the record must
 * hold the message); a one-line prefix (SimpleConsole SingleLine, systemd, Serilog, file
 * loggers); and the JSON console formatter (`{"EventId":7,"LogLevel":…,"Category":…,"Message":…}`,
 * System.Text.Json escaping `'` as `\u0027`).
 */
const DISPATCHER = 'Microsoft\\.AspNetCore\\.Http\\.Connections\\.Internal\\.HttpConnectionDispatcher';
const DISPATCHER_LOG = 'dotnet/aspnetcore @06be561 src/SignalR/common/Http.Connections/src/Internal/HttpConnectionDispatcher.Log.cs';
const MIDDLEWARE = 'Microsoft\\.AspNetCore\\.WebSockets\\.WebSocketMiddleware';
const MIDDLEWARE_SRC = 'dotnet/aspnetcore @9ff6de9 src/Middleware/WebSockets/src/WebSocketMiddleware.cs';
const LEVELS = '(?:trce|dbug|info|warn|fail|crit)';
/** A quote in the message: `'`, or `\u0027` in the JSON formatter's output. */
const QUOTE = "(?:'|\\\\u0027)";
const T = '2026-12-02 10:00:00.123 +00:00';

/** The pattern of one message in its three shapes; `message` is a regex, `event` the EventId. */
export function dotnetLog(category: string, event: string, message: string): string {
  return (
    `^(?:(?:\\[${ISO_TIME}\\] )?${LEVELS}: ${category}\\[${event}\\]$` +
    `|\\{(?:"Timestamp":"[^"\\n]{1,40}",)?"EventId":${event},"LogLevel":"[A-Za-z]{1,12}","Category":"${category}","Message":"${message}"(?:,[^\\n]{0,16000})?\\}$` +
    `|{PREFIX}${message}$)`
  );
}

/** The console head and the indented message under it, as one record. */
export function consoleRecord(level: string, category: string, event: number, message: string): string {
  return `${level}: ${category.replace(/\\/g, '')}[${event}]\n      ${message}`;
}

interface Spec {
  readonly name: string;
  readonly cause: Cause;
  readonly desc: string;
  readonly source: string;
  readonly category: string;
  /** The EventId, or a regex of several. */
  readonly event: string;
  /** The message as the record holds it, and as a regex. */
  readonly text: string;
  readonly message: string;
  readonly samples: readonly RuleSample[];
  readonly noAddress?: boolean;
}

function rule(s: Spec): RuleSpec {
  const head = `${s.category.replace(/\\/g, '').split('.').pop()!}[`;
  return {
    id: `kestrel/${s.name}`,
    desc: s.desc,
    source: `${s.source} (event ${s.event}); from source, no capture`,
    needle: [head, s.text],
    pattern: dotnetLog(s.category, s.event, s.message),
    recordContains: s.text,
    complete: true,
    cause: s.cause,
    ...(s.noAddress === true ? { noAddress: true } : {}),
    samples: s.samples,
  };
}

const UNHANDLED = '(?:Microsoft\\.AspNetCore\\.Server\\.Kestrel|Microsoft\\.AspNetCore\\.Diagnostics\\.(?:DeveloperExceptionPage|ExceptionHandler)Middleware)';
const NOT_WS = 'System.InvalidOperationException: Not a WebSocket request.';
const CANNOT_CHANGE = 'Cannot change transports mid-connection; currently using ';

export const aspnetcoreRules: readonly RuleSpec[] = [
  rule({
    name: 'websocket-origin',
    cause: 'origin-rejected',
    desc: 'UseWebSockets with AllowedOrigins: the Origin of a WebSocket request is not listed, answered 403 (logged at Debug)',
    source: `${MIDDLEWARE_SRC}:72 "Request origin {Origin} is not in the list of allowed origins."`,
    category: MIDDLEWARE,
    event: '0',
    text: ' is not in the list of allowed origins.',
    message: 'Request origin [^\\s"]{1,2000} is not in the list of allowed origins\\.',
    noAddress: true,
    samples: [
      { text: consoleRecord('dbug', MIDDLEWARE, 0, 'Request origin https://evil.example is not in the list of allowed origins.'), cause: 'origin-rejected', ip: null },
      { text: `${T} [DBG] Request origin http://6.6.6.6:8080 is not in the list of allowed origins.`, cause: 'origin-rejected', ip: null, time: T, note: 'inject: the Origin is the client\'s, its address is not read (Serilog file sink)' },
      {
        text: '{"EventId":0,"LogLevel":"Debug","Category":"Microsoft.AspNetCore.WebSockets.WebSocketMiddleware","Message":"Request origin https://evil.example is not in the list of allowed origins.","State":{"Message":"Request origin https://evil.example is not in the list of allowed origins.","Origin":"https://evil.example","{OriginalFormat}":"Request origin {Origin} is not in the list of allowed origins."}}',
        cause: 'origin-rejected',
        note: 'AddJsonConsole',
      },
      { text: consoleRecord('dbug', MIDDLEWARE, 1, "WebSocket compression negotiation accepted with values 'permessage-deflate'."), match: false, note: 'another event of the middleware' },
    ],
  }),
  rule({
    name: 'signalr-websockets-disabled',
    cause: 'subprotocol',
    desc: 'SignalR: a client asked for the WebSockets transport on a hub whose HttpConnectionDispatcherOptions.Transports leave it out, answered 404: the two ends share no transport',
    source: `${DISPATCHER_LOG} "{TransportType} transport not supported by this connection handler."`,
    category: DISPATCHER,
    event: '7',
    text: 'WebSockets transport not supported by this connection handler.',
    message: 'WebSockets transport not supported by this connection handler\\.',
    samples: [
      { text: consoleRecord('dbug', DISPATCHER, 7, 'WebSockets transport not supported by this connection handler.'), cause: 'subprotocol', ip: null },
      { text: `${T} [DBG] WebSockets transport not supported by this connection handler.`, cause: 'subprotocol', time: T },
      { text: consoleRecord('dbug', DISPATCHER, 7, 'LongPolling transport not supported by this connection handler.'), match: false, note: 'long polling, not a WebSocket' },
    ],
  }),
  rule({
    name: 'signalr-change-transport',
    cause: 'bad-request',
    desc: 'SignalR: a WebSocket request for a connection id that another transport already holds, answered 400 (a client that fell back and came back, or replayed an id)',
    source: `${DISPATCHER_LOG} "Cannot change transports mid-connection; currently using {TransportType}, requesting {RequestedTransport}." (Error before .NET 6)`,
    category: DISPATCHER,
    event: '8',
    text: ', requesting WebSockets.',
    message: `${CANNOT_CHANGE}(?:LongPolling|ServerSentEvents), requesting WebSockets\\.`,
    samples: [
      { text: consoleRecord('fail', DISPATCHER, 8, `${CANNOT_CHANGE}LongPolling, requesting WebSockets.`), cause: 'bad-request' },
      { text: consoleRecord('dbug', DISPATCHER, 8, `${CANNOT_CHANGE}WebSockets, requesting LongPolling.`), match: false, note: 'the other way round: a long-polling request' },
    ],
  }),
  rule({
    name: 'signalr-negotiate-version',
    cause: 'subprotocol',
    desc: 'SignalR negotiate: the client speaks a connection protocol version the server does not (a newer or older client), or sent one that is not a number',
    source: `${DISPATCHER_LOG} (event 15) "The client requested version '{clientProtocolVersion}', but the server does not support this version.", (event 16) "The client requested an invalid protocol version '{queryStringVersionValue}'"`,
    category: DISPATCHER,
    event: '1[56]',
    text: 'The client requested ',
    message: `The client requested (?:version ${QUOTE}-?\\d{1,10}${QUOTE}, but the server does not support this version\\.|an invalid protocol version ${QUOTE}[^\\n"]{0,200}${QUOTE})`,
    samples: [
      { text: consoleRecord('dbug', DISPATCHER, 15, "The client requested version '2', but the server does not support this version."), cause: 'subprotocol' },
      {
        text: '{"EventId":15,"LogLevel":"Debug","Category":"Microsoft.AspNetCore.Http.Connections.Internal.HttpConnectionDispatcher","Message":"The client requested version \\u00272\\u0027, but the server does not support this version.","State":{"clientProtocolVersion":2}}',
        cause: 'subprotocol',
        note: 'AddJsonConsole escapes the quotes',
      },
      { text: `${T} [DBG] The client requested an invalid protocol version 'x'`, cause: 'subprotocol' },
      { text: consoleRecord('dbug', DISPATCHER, 16, "The client requested an invalid protocol version 'abc'"), cause: 'subprotocol', note: 'event 16' },
    ],
  }),
  {
    id: 'kestrel/accept-not-websocket',
    owns: ['text', 'java-trace', 'frames'],
    desc: "the application called AcceptWebSocketAsync on a request that is not a WebSocket handshake (a plain GET, a POST) without checking IsWebSocketRequest: an unhandled exception answered 500, a bug to fix whoever sent the request, kept",
    source: `${MIDDLEWARE_SRC}:126 throw new InvalidOperationException("Not a WebSocket request."); Kestrel event 13 "Connection id \"{ConnectionId}\", Request id \"{TraceIdentifier}\": An unhandled exception was thrown by the application."; https://github.com/dotnet/aspnetcore/issues/40977`,
    needle: ['fail: Microsoft.AspNetCore.', '"Exception":"System.InvalidOperationException: Not a WebSocket request.'],
    pattern: `^(?:(?:\\[${ISO_TIME}\\] )?fail: ${UNHANDLED}\\[\\d{1,3}\\]$|\\{(?:"Timestamp":"[^"\\n]{1,40}",)?"EventId":\\d{1,3},"LogLevel":"Error","Category":"${UNHANDLED}","Message":"[^"\\n]{1,400}","Exception":"System\\.InvalidOperationException: Not a WebSocket request\\.[^\\n]{0,16000}\\}$)`,
    recordContains: NOT_WS,
    complete: true,
    cause: 'server-error',
    samples: [
      {
        text:
          'fail: Microsoft.AspNetCore.Server.Kestrel[13]\n' +
          '      Connection id "0HNOL4SAV25AK", Request id "0HNOL4SAV25AK:00000001": An unhandled exception was thrown by the application.\n' +
          `      ${NOT_WS}\n` +
          '         at Microsoft.AspNetCore.WebSockets.WebSocketMiddleware.WebSocketHandshake.AcceptAsync(WebSocketAcceptContext acceptContext)\n' +
          '         at Program.<>c.<<Main>$>b__0_1(HttpContext context) in /src/Program.cs:line 12',
        cause: 'server-error',
        ip: null,
      },
      {
        text: '{"EventId":1,"LogLevel":"Error","Category":"Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware","Message":"An unhandled exception has occurred while executing the request.","Exception":"System.InvalidOperationException: Not a WebSocket request.\\n   at Microsoft.AspNetCore.WebSockets.WebSocketMiddleware.WebSocketHandshake.AcceptAsync(WebSocketAcceptContext acceptContext)","State":{}}',
        cause: 'server-error',
        note: 'AddJsonConsole',
      },
      {
        text: 'fail: Microsoft.AspNetCore.Server.Kestrel[13]\n      Connection id "0HNOL4SAV25AK", Request id "0HNOL4SAV25AK:00000002": An unhandled exception was thrown by the application.\n      System.InvalidOperationException: Sequence contains no elements.\n         at System.Linq.ThrowHelper.ThrowNoElementsException()',
        match: false,
        note: 'another exception of the application: not a handshake',
      },
    ],
  },
];
