import type { RuleSpec, StackRules } from './rule.js';

/**
 * Cowboy and Phoenix on top of it (phoenix @167c469, cowboy @5c8535f). Cowboy answers a bad
 * upgrade (400, or 426 without Upgrade) without a word (src/cowboy_websocket.erl:166-180); what
 * reaches the log is Phoenix's: a refused Origin or subprotocol, a transport version it cannot
 * serve, a connect/3 that returned :error; and Ranch's report of a connection process that
 * crashed, which for a WebSocket handler's init is a bug. No server of these runs here.
 * Phoenix's console format is `time [level] message` (`time request_id=… [level]`); none of these
 * lines names the client. The origin message goes on for a paragraph of unindented lines (the
 * origin itself among them), claimed line by line; its blank lines and indented list pass.
 * Cowboy logs no `WebSocket connection failed`: that is the browser's console (phoenix.js).
 */
const TRANSPORT = 'phoenix @167c469 lib/phoenix/socket/transport.ex';
const SOCKET = 'phoenix @167c469 lib/phoenix/socket.ex';
/** The unindented lines of the origin refusal's paragraph, as Phoenix 1.4+ writes them after its first line. */
const ADVICE = [
  'This happens when you are attempting a socket connection to',
  'a different host than the one configured in your config/',
  'files. For example, in development the host is configured',
  'to "localhost" but you may be trying to access it from',
  '"127.0.0.1". To fix this issue, you may either:',
];
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The paragraph's lines, one record each, each claimed once by the refusal (a claim takes one
 * record of a rule, so each line has its own). Its blank lines and the indented list under them
 * (records whose first line is empty, which no rule can take) pass.
 */
const ORIGIN_PARAGRAPH: readonly RuleSpec[] = [
  {
    id: 'cowboy/phoenix-origin-request',
    desc: 'the refused Origin, in the paragraph after the origin refusal (Phoenix 1.4+)',
    source: `${TRANSPORT}:362 "Origin of the request: #{origin}"`,
    role: 'part',
    needle: 'Origin of the request: ',
    pattern: '^Origin of the request: [^\\n]{0,2000}$',
    samples: [
      { text: 'Origin of the request: https://some-domain.io', role: 'part' },
      { text: '10:00:00.000 [info] Origin of the request: https://6.6.6.6', match: false, note: "an application's own line" },
    ],
  },
  ...ADVICE.map(
    (line, i): RuleSpec => ({
      id: `cowboy/phoenix-origin-advice-${i + 1}`,
      desc: `line ${i + 1} of the advice after the origin refusal`,
      source: `${TRANSPORT}:${364 + i}; https://github.com/phoenixframework/phoenix/issues/2232`,
      role: 'part',
      needle: line,
      pattern: `^${escape(line)}$`,
      samples: [{ text: line, role: 'part' }],
    }),
  ),
];

export const cowboy: StackRules = {
  stack: 'cowboy',
  desc: 'Phoenix sockets on Cowboy (origin, subprotocol, transport version, refused connect) and Ranch crash reports of WebSocket handlers',
  rules: [
    {
      id: 'cowboy/phoenix-origin',
      desc: 'Phoenix refused the Origin (403): check_origin does not list the host the page came from (a misconfigured host, or a foreign page)',
      source: `${TRANSPORT}:360 "Could not check origin for Phoenix.Socket transport."; https://github.com/phoenixframework/phoenix/issues/2232`,
      needle: 'Could not check ',
      pattern: '^{PREFIX}\\[error\\] Could not check origin for Phoenix\\.Socket transport\\.$',
      claims: ORIGIN_PARAGRAPH.map((r) => r.id),
      cause: 'origin-rejected',
      samples: [
        { text: '07:26:06.498 [error] Could not check origin for Phoenix.Socket transport.', cause: 'origin-rejected', ip: null, note: 'https://github.com/phoenixframework/phoenix/issues/2232' },
        { text: 'claper-app  |  [error] Could not check origin for Phoenix.Socket transport.', cause: 'origin-rejected', note: 'under docker compose, https://github.com/ClaperCo/Claper/issues/22' },
        { text: '2026-12-02T10:00:00.123Z [error] Could not check origin for Phoenix.Socket transport.', cause: 'origin-rejected', time: '2026-12-02T10:00:00.123Z' },
        { text: '07:26:06.498 [info] GET /socket/websocket?vsn=2.0.0 Could not check origin for Phoenix.Socket transport.', match: false, note: 'the message inside a logged request' },
      ],
    },
    ...ORIGIN_PARAGRAPH,
    {
      id: 'cowboy/phoenix-subprotocols',
      desc: 'Phoenix refused the Sec-WebSocket-Protocol the client asked for (403)',
      source: `${TRANSPORT}:431 "Could not check Websocket subprotocols for Phoenix.Socket transport."`,
      needle: 'Could not check ',
      pattern: '^{PREFIX}\\[error\\] Could not check Websocket subprotocols for Phoenix\\.Socket transport\\.$',
      complete: true,
      cause: 'subprotocol',
      samples: [{ text: '10:00:01.002 [error] Could not check Websocket subprotocols for Phoenix.Socket transport.', cause: 'subprotocol' }],
    },
    {
      id: 'cowboy/phoenix-transport-version',
      desc: 'the client speaks a Phoenix socket protocol version (vsn) the server has no serializer for: an old or foreign client',
      source: `${SOCKET}:624 "The client's requested transport version \\"#{vsn}\\" does not match server's version requirements of …", :632 and :638 "Client sent invalid transport version \\"#{vsn}\\""`,
      needle: ' transport version "',
      pattern: `^{PREFIX}\\[(?:warn|warning)\\] (?:The client's requested transport version "(?<detail>[^"\\n]{0,100})" does not match server's version requirements of [^\\n]{1,500}|Client sent invalid transport version "(?<detail2>[^"\\n]{0,100})")$`,
      complete: true,
      cause: 'subprotocol',
      samples: [
        { text: '10:00:02.003 [warning] The client\'s requested transport version "3.0.0" does not match server\'s version requirements of %{"~> 1.0.0" => Phoenix.Socket.V1.JSONSerializer, "~> 2.0.0" => Phoenix.Socket.V2.JSONSerializer}', cause: 'subprotocol', detail: '3.0.0' },
        { text: '10:00:02.004 [warn] Client sent invalid transport version "abc"', cause: 'subprotocol' },
      ],
    },
    {
      id: 'cowboy/phoenix-refused',
      desc: "the socket's connect/3 returned :error over WebSocket: the application refused (a missing or bad token)",
      source: 'phoenix @167c469 lib/phoenix/logger.ex:354 connect_result(:error) "REFUSED CONNECTION TO ", "\\n  Transport: " …; https://github.com/jfro/fuzzy_catalog/issues/30 (the CONNECTED TO form)',
      needle: 'REFUSED CONNECTION TO ',
      pattern: '^{PREFIX}\\[(?:info|debug|warning|warn|error)\\] REFUSED CONNECTION TO (?<detail>[A-Z][\\w.]{0,200}) in [^\\n]{1,20}$',
      recordContains: '\n  Transport: :websocket',
      complete: true,
      cause: 'rejected',
      samples: [
        {
          text: '10:00:03.005 [info] REFUSED CONNECTION TO MyAppWeb.UserSocket in 132µs\n  Transport: :websocket\n  Serializer: Phoenix.Socket.V2.JSONSerializer\n  Parameters: %{"token" => "[FILTERED]", "vsn" => "2.0.0"}',
          cause: 'rejected',
          detail: 'MyAppWeb.UserSocket',
        },
        {
          text: '10:00:03.005 [info] REFUSED CONNECTION TO MyAppWeb.UserSocket in 132µs\n  Transport: :longpoll\n  Serializer: Phoenix.Socket.V2.JSONSerializer\n  Parameters: %{"vsn" => "2.0.0"}',
          match: false,
          note: 'long polling, not a WebSocket',
        },
      ],
    },
    {
      id: 'cowboy/phoenix-connect-invalid',
      desc: "the socket's connect returned something Phoenix cannot use, or id/1 an invalid identifier: the connection is refused by a bug in the application's socket, kept",
      source: `${SOCKET}:696 "#{inspect(handler)}. #{connect_arity} returned invalid value #{inspect(invalid)}. Expected {:ok, socket}, {:error, reason} or :error", :678 "#{inspect(handler)}.id/1 returned invalid identifier #{inspect(invalid)}. Expected nil or a string."; from source`,
      needle: [' returned invalid value ', '.id/1 returned invalid identifier '],
      pattern:
        '^{PREFIX}\\[(?:error|warning|warn)\\] (?<detail>[A-Z][\\w.]{0,200}(?:\\. connect/[23] returned invalid value [^\\n]{1,2000}\\. Expected \\{:ok, socket\\}, \\{:error, reason\\} or :error' +
        '|\\.id/1 returned invalid identifier [^\\n]{1,2000}\\. Expected nil or a string\\.))$',
      complete: true,
      cause: 'server-error',
      samples: [
        { text: '10:00:04.006 [error] MyAppWeb.UserSocket. connect/3 returned invalid value {:ok, %{}}. Expected {:ok, socket}, {:error, reason} or :error', cause: 'server-error', ip: null },
        { text: '10:00:04.007 request_id=F1x2y3z4 [warning] MyAppWeb.UserSocket.id/1 returned invalid identifier 42. Expected nil or a string.', cause: 'server-error', note: 'with request_id metadata' },
        { text: '10:00:04.008 [error] GenServer MyApp.Worker returned invalid value :ok. Expected {:ok, socket}, {:error, reason} or :error in 6.6.6.6', match: false, note: 'not the socket message' },
      ],
    },
    {
      id: 'cowboy/ranch-websocket-init-crash',
      desc: "a WebSocket handler crashed while starting (init or websocket_init): the connection process exited, a bug",
      source: 'ranch src/ranch_conns_sup.erl "Ranch listener ~p had connection process started with ~p:start_link/4 at ~p exit with reason: ~0p~n"; https://github.com/nitrogen/simple_bridge/issues/66',
      needle: ' had connection process started with ',
      pattern: '^{PREFIX}Ranch listener [^\\n]{1,300} had connection process started with cowboy_(?:clear|tls|protocol):start_link/[34] at <[\\d.]{5,40}> exit with reason: (?<detail>[^\\n]{0,16000}(?:,websocket_init,|\\{cowboy_websocket,(?:handler_init|upgrade|websocket_handshake),)[^\\n]{0,16000})$',
      complete: true,
      cause: 'server-error',
      samples: [
        {
          text: 'Ranch listener http had connection process started with cowboy_protocol:start_link/4 at <0.1501.0> exit with reason: {[{reason,function_clause},{mfa,{cowboy_simple_bridge_anchor,websocket_init,3}},{stacktrace,[{simple_bridge,inner_make,2,[]},{cowboy_simple_bridge_anchor,websocket_init,3,[]},{cowboy_websocket,handler_init,3,[{file,"src/cowboy_websocket.erl"},{line,131}]}]}]}',
          cause: 'server-error',
        },
        {
          text: "2024-09-03T02:50:49.307145+02:00 [error] Ranch listener 'ws:default' had connection process started with cowboy_clear:start_link/4 at <0.3508.0> exit with reason: {{badmatch,41217},[{emqx_ws_connection,handle_outgoing,2,[]},{emqx_ws_connection,websocket_info,2,[]},{cowboy_websocket,handler_call,6,[{file,\"cowboy_websocket.erl\"},{line,487}]}]}",
          match: false,
          note: 'a crash of an established WebSocket (websocket_info), https://github.com/emqx/emqx/issues/13744',
        },
      ],
    },
  ],
};
