import type { StackRules } from './rule.js';
import { aspnetcoreRules, consoleRecord, dotnetLog } from './aspnetcore.js';

/**
 * ASP.NET Core: Kestrel's bad-request log (event 17, category
 * `Microsoft.AspNetCore.Server.Kestrel.BadRequests` from .NET 6, `…Server.Kestrel` before) and
 * SignalR's connection dispatcher and hub handshake. No server of it runs here: the texts are
 * quoted from dotnet/aspnetcore (KestrelTrace.BadRequests.cs @cca91f2, CoreStrings.resx @02555db,
 * HttpConnectionDispatcher.Log.cs @06be561) and the lines users paste into issues. Kestrel names
 * the connection id, never the client address.
 *
 * The default console formatter writes `dbug: Category[17]` and the message on the next,
 * indented line (one record); its single-line mode, systemd's and most file loggers put the
 * message on the line itself, where its detail tells the cause.
 */
const BAD = 'dotnet/aspnetcore @cca91f2 src/Servers/Kestrel/Core/src/Internal/Infrastructure/KestrelTrace.BadRequests.cs:40 (event 17) "Connection id "{ConnectionId}" bad request data: "{message}""';
const STRINGS = 'dotnet/aspnetcore @02555db src/Servers/Kestrel/Core/src/CoreStrings.resx';
const LINE = '^{PREFIX}Connection id "(?<conn>[^"\\s]{1,64})" bad request data: "(?<detail>';
const NEEDLE = '" bad request data: "';

export const kestrel: StackRules = {
  stack: 'kestrel',
  desc: 'ASP.NET Core: Kestrel bad requests, the WebSockets middleware, SignalR connection handshakes',
  rules: [
    {
      id: 'kestrel/bad-request-timeout',
      desc: 'the client sent no whole request line and headers in time (RequestHeadersTimeout, 30 s)',
      source: `${BAD}; ${STRINGS} BadRequest_RequestHeadersTimeout "Reading the request headers timed out."`,
      needle: NEEDLE,
      pattern: `${LINE}Reading the request headers timed out\\.)"$`,
      complete: true,
      cause: 'timeout',
      samples: [
        {
          text: 'dbug: Microsoft.AspNetCore.Server.Kestrel.BadRequests[17] Connection id "0HNOL4SAV25AK" bad request data: "Reading the request headers timed out."',
          cause: 'timeout',
          ip: null,
          detail: 'Reading the request headers timed out.',
          note: 'SimpleConsole with SingleLine = true',
        },
      ],
    },
    {
      id: 'kestrel/bad-request-invalid',
      desc: 'a request Kestrel could not parse: TLS or binary bytes on a plaintext port, a bad request line, header or version, headers too large',
      source: `${BAD}; ${STRINGS} BadRequest_InvalidRequestLine_Detail, _InvalidRequestHeader_Detail, _InvalidRequestTarget_Detail, _UnrecognizedHTTPVersion, _RequestLineTooLong, _HeadersExceedMaxTotalSize, _TooManyHeaders, _MalformedRequestInvalidHeaders, _InvalidRequestHeadersNoCRLF, _MissingHostHeader, _InvalidHostHeader, _MultipleHostHeaders; https://github.com/dotnet/aspnetcore/issues/69374`,
      needle: NEEDLE,
      pattern:
        `${LINE}(?:Invalid request (?:line|header|target): '[^\\n]{0,8000}'|Unrecognized HTTP version: '[^\\n]{0,200}'|Invalid request line\\.` +
        '|Request line too long\\.|Request headers too long\\.|Request contains too many headers\\.|Malformed request: invalid headers\\.' +
        "|Invalid request headers: missing final CRLF in header fields\\.|Request is missing Host header\\.|Invalid Host header(?:\\.|: '[^\\n]{0,2000}')|Multiple Host headers\\.))\"$",
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text: 'info: Microsoft.AspNetCore.Server.Kestrel[17] Connection id "0HLC5IN9VF1PO" bad request data: "Invalid request line: \'\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03\'"',
          cause: 'invalid-http',
          detail: "Invalid request line: '\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03'",
          note: 'TLS on a plaintext port (2.x logged it at Information)',
        },
        { text: '2026-09-18 10:00:00.123 +00:00 [DBG] Connection id "0HNOL4SAV25AJ" bad request data: "Request headers too long."', cause: 'invalid-http', time: '2026-09-18 10:00:00.123 +00:00', note: 'Serilog file sink' },
        { text: 'dbug: Microsoft.AspNetCore.Server.Kestrel.BadRequests[17] Connection id "0HNOL4SAV25AJ" bad request data: "Request body too large. The max request body size is 30000000 bytes."', match: false, note: 'a large upload, not a handshake' },
      ],
    },
    {
      id: 'kestrel/bad-request-event',
      owns: ['text', 'java-trace', 'frames'],
      desc: 'the default console formatter: event 17 heads the record and its message is on the next line; it is nearly always a request Kestrel could not parse',
      source: `${BAD}; https://github.com/dotnet/aspnetcore/issues/69374 (the two-line console form)`,
      needle: 'Kestrel',
      pattern: '^(?:dbug|info): Microsoft\\.AspNetCore\\.Server\\.Kestrel(?:\\.BadRequests)?\\[17\\]$',
      recordContains: NEEDLE,
      complete: true,
      cause: 'invalid-http',
      samples: [
        {
          text:
            'dbug: Microsoft.AspNetCore.Server.Kestrel.BadRequests[17]\n' +
            '      Connection id "0HNOL4SAV25AJ" bad request data: "Invalid request line: \'---------------------------7e13971310878\\x0D\'"\n' +
            "      Microsoft.AspNetCore.Server.Kestrel.Core.BadHttpRequestException: Invalid request line: '---------------------------7e13971310878\\x0D'\n" +
            '         at Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpParser`1.GetUnknownMethodLength(ReadOnlySpan`1 span)',
          cause: 'invalid-http',
          ip: null,
        },
        { text: 'dbug: Microsoft.AspNetCore.Server.Kestrel[26]\n      Connection id "0HNOL4SAV25AJ", Request id "0HNOL4SAV25AJ:00000002": done reading request body.', match: false, note: 'another Kestrel event' },
      ],
    },
    {
      id: 'kestrel/signalr-post-websocket',
      desc: 'SignalR: a POST to a connection that uses WebSockets',
      source: 'dotnet/aspnetcore @06be561 src/SignalR/common/Http.Connections/src/Internal/HttpConnectionDispatcher.Log.cs (event 9) "POST requests are not allowed for websocket connections."',
      needle: ['HttpConnectionDispatcher[', 'POST requests are not allowed for websocket connections.'],
      pattern: dotnetLog('Microsoft\\.AspNetCore\\.Http\\.Connections\\.Internal\\.HttpConnectionDispatcher', '9', 'POST requests are not allowed for websocket connections\\.'),
      recordContains: 'POST requests are not allowed for websocket connections.',
      complete: true,
      cause: 'bad-method',
      samples: [
        { text: 'dbug: Microsoft.AspNetCore.Http.Connections.Internal.HttpConnectionDispatcher[9] POST requests are not allowed for websocket connections.', cause: 'bad-method' },
        { text: consoleRecord('dbug', 'Microsoft.AspNetCore.Http.Connections.Internal.HttpConnectionDispatcher', 9, 'POST requests are not allowed for websocket connections.'), cause: 'bad-method', note: 'the default console formatter' },
      ],
    },
    {
      id: 'kestrel/signalr-handshake-failed',
      desc: "SignalR: the hub handshake after the WebSocket opened failed (the client sent no or an invalid handshake in time): a client that does not speak SignalR",
      source: 'dotnet/aspnetcore @8e677b5 src/SignalR/server/Core/src/HubConnectionContext.Log.cs (event 5 HandshakeFailed) "Failed connection handshake." (Debug; Error in 2.x)',
      needle: 'Failed connection handshake.',
      pattern: '^{PREFIX}Failed connection handshake\\.$',
      complete: true,
      cause: 'unknown-handshake',
      samples: [
        { text: 'dbug: Microsoft.AspNetCore.SignalR.HubConnectionContext[5] Failed connection handshake.', cause: 'unknown-handshake' },
        { text: '2026-09-18T10:00:00.123Z [Error] Failed connection handshake. Retrying in 5 s', match: false, note: "another program's words" },
      ],
    },
    ...aspnetcoreRules,
  ],
};
