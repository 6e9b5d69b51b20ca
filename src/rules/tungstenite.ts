import type { RuleSpec, StackRules } from './rule.js';

/**
 * Rust: tungstenite / tokio-tungstenite, which log nothing of their own: the application prints
 * the error `accept_async` returned, as tokio-tungstenite's examples do ("Error during the
 * websocket handshake occurred: {}" with Display, or `.expect(…)`, a panic with Debug); and axum's
 * `WebSocketUpgrade` rejections, traced at TRACE on the `axum::rejection` target by
 * tracing-subscriber's fmt layer. No server of these runs here: the texts are quoted from
 * tungstenite-rs @c292171 src/error.rs, src/handshake/server.rs and axum @3d78036
 * axum/src/extract/ws.rs, axum-core/src/macros.rs. Neither names the client.
 *
 * tungstenite and axum check Connection before Upgrade, so a plain GET (a browser, a scanner, a
 * health check) reads "No Connection: upgrade": that is taken for what it nearly always is.
 */
const ERR = 'tungstenite-rs @c292171 src/error.rs';
const SERVER = 'tungstenite-rs @c292171 src/handshake/server.rs';
/** The application's words before the error, then the error as Display or Debug. */
const HEAD = "^{PREFIX}Error during (?:the )?websocket handshake(?: occurred)?: ";
/** After the error: the end of a pre-1.73 panic message (`', src/main.rs:21:10`), or journald's truncation mark. */
const TAIL = "(?:', [^\\n]{1,300}|>)?$";
const HS = 'websocket handshake';

function handshakeRule(name: string, desc: string, source: string, forms: string, cause: RuleSpec['cause'], samples: RuleSpec['samples']): RuleSpec {
  return { id: `tungstenite/${name}`, desc, source, needle: HS, pattern: `${HEAD}(?<detail>${forms})${TAIL}`, complete: true, cause, samples };
}

const AXUM_SRC = 'axum @3d78036 axum/src/extract/ws.rs (define_rejection! bodies), axum-core/src/macros.rs __log_rejection (target axum::rejection, TRACE, "rejecting request")';
const AXUM = '^{PREFIX}axum::rejection: rejecting request status=(?<status>\\d{3}) body="(?<detail>';
const AXUM_TYPE = ')" rejection_type="axum::extract::ws::rejection::';
const AXUM_NEEDLE = 'axum::extract::ws::rejection::';

function axumRule(name: string, desc: string, body: string, type: string, cause: RuleSpec['cause'], sample: string): RuleSpec {
  return {
    id: `tungstenite/axum-${name}`,
    desc,
    source: `${AXUM_SRC}: ${type}`,
    needle: AXUM_NEEDLE,
    pattern: `${AXUM}${body}${AXUM_TYPE}${type}"$`,
    complete: true,
    cause,
    samples: [{ text: sample, cause, ip: null }],
  };
}

export const tungstenite: StackRules = {
  stack: 'tungstenite',
  desc: 'Rust tungstenite / tokio-tungstenite (as applications print its errors) and axum WebSocketUpgrade rejections',
  rules: [
    handshakeRule(
      'connection-header',
      'no Connection: upgrade: a plain GET (Connection is checked first), or a proxy that dropped the header',
      `${ERR}:180 MissingConnectionUpgradeHeader; ${SERVER}:52`,
      'Protocol\\(MissingConnectionUpgradeHeader\\)|WebSocket protocol error: No "Connection: upgrade" header',
      'not-websocket',
      [
        { text: 'Error during the websocket handshake occurred: WebSocket protocol error: No "Connection: upgrade" header', cause: 'not-websocket', ip: null, detail: 'WebSocket protocol error: No "Connection: upgrade" header', note: "tokio-tungstenite examples/server.rs's println" },
        { text: '2026-03-02T10:00:00.123456Z ERROR chat_server: Error during the websocket handshake occurred: Protocol(MissingConnectionUpgradeHeader)', cause: 'not-websocket', detail: 'Protocol(MissingConnectionUpgradeHeader)', time: '2026-03-02T10:00:00.123456Z' },
        { text: "thread 'tokio-runtime-worker' panicked at 'Error during the websocket handshake occurred: Protocol(MissingConnectionUpgradeHeader)', src/main.rs:21:10", cause: 'not-websocket', note: 'a panic before Rust 1.73' },
      ],
    ),
    handshakeRule(
      'upgrade-header',
      'Connection asks for an upgrade but Upgrade is not websocket (h2c)',
      `${ERR}:183 MissingUpgradeWebSocketHeader; ${SERVER}:62`,
      'Protocol\\(MissingUpgradeWebSocketHeader\\)|WebSocket protocol error: No "Upgrade: websocket" header',
      'bad-upgrade-header',
      [
        {
          text: "Dec 22 02:12:03 mnemosyne polymny[3486278]: thread 'rocket-worker-thread' panicked at 'Error during the websocket handshake occurred: Protocol(MissingUpgradeWebSocketHeader)>",
          cause: 'bad-upgrade-header',
          detail: 'Protocol(MissingUpgradeWebSocketHeader)',
          note: 'https://github.com/polymny/polymny/issues/35 (journalctl cut the line)',
        },
        { text: 'Error during the websocket handshake occurred: WebSocket protocol error: No "Upgrade: websocket" header', cause: 'bad-upgrade-header' },
      ],
    ),
    handshakeRule(
      'version-header',
      'Sec-WebSocket-Version missing or not 13',
      `${ERR}:186 MissingSecWebSocketVersionHeader; ${SERVER}:66`,
      'Protocol\\(MissingSecWebSocketVersionHeader\\)|WebSocket protocol error: No "Sec-WebSocket-Version: 13" header',
      'unsupported-version',
      [{ text: 'Error during the websocket handshake occurred: Protocol(MissingSecWebSocketVersionHeader)', cause: 'unsupported-version' }],
    ),
    handshakeRule(
      'key-header',
      'no Sec-WebSocket-Key',
      `${ERR}:189 MissingSecWebSocketKey; ${SERVER}:72`,
      'Protocol\\(MissingSecWebSocketKey\\)|WebSocket protocol error: No "Sec-WebSocket-Key" header',
      'bad-key',
      [{ text: 'Error during the websocket handshake occurred: WebSocket protocol error: No "Sec-WebSocket-Key" header', cause: 'bad-key' }],
    ),
    handshakeRule(
      'method',
      'a method other than GET',
      `${ERR}:174 WrongHttpMethod; ${SERVER}:38`,
      'Protocol\\(WrongHttpMethod\\)|WebSocket protocol error: Unsupported HTTP method used - only GET is allowed',
      'bad-method',
      [{ text: 'Error during the websocket handshake occurred: Protocol(WrongHttpMethod)', cause: 'bad-method' }],
    ),
    handshakeRule(
      'invalid-http',
      'not HTTP/1.1 tungstenite can read: HTTP/1.0, bytes httparse refuses (TLS on a plaintext port, garbage), bytes after the request, too many or too long headers',
      `${ERR}:177 WrongHttpVersion, :198 JunkAfterRequest, :211 HttparseError, :139 TooManyHeaders`,
      'Protocol\\((?:WrongHttpVersion|JunkAfterRequest|HttparseError\\([A-Za-z]{1,40}\\))\\)|Capacity\\([A-Za-z]{1,40}\\)' +
        '|WebSocket protocol error: (?:HTTP version must be 1\\.1 or higher|Junk after client request|httparse error: [^\\n]{1,100})|Space limit exceeded: [^\\n]{1,100}',
      'invalid-http',
      [
        { text: 'Error during the websocket handshake occurred: Protocol(HttparseError(Token))', cause: 'invalid-http', detail: 'Protocol(HttparseError(Token))' },
        { text: 'Error during the websocket handshake occurred: WebSocket protocol error: httparse error: invalid token', cause: 'invalid-http' },
        { text: 'Error during the websocket handshake occurred: WebSocket protocol error: HTTP version must be 1.1 or higher', cause: 'invalid-http' },
      ],
    ),
    handshakeRule(
      'early-close',
      'the client closed or reset before the request was whole (TCP health checks, port scans)',
      `${ERR}:208 HandshakeIncomplete, :40 Io`,
      'Protocol\\(HandshakeIncomplete\\)|WebSocket protocol error: Handshake not finished' +
        '|Io\\((?:Os \\{ code: \\d{1,5}, kind: (?:ConnectionReset|ConnectionAborted|BrokenPipe|UnexpectedEof)[^\\n]{0,120}|Kind\\((?:UnexpectedEof|ConnectionReset|BrokenPipe)\\))\\)' +
        '|IO error: (?:Connection reset by peer|Broken pipe|unexpected end of file)[^\\n]{0,40}',
      'early-close',
      [
        { text: "thread 'tokio-runtime-worker' panicked at 'Error during the websocket handshake occurred: Protocol(HandshakeIncomplete)', src/main.rs:21:10", cause: 'early-close', detail: 'Protocol(HandshakeIncomplete)' },
        { text: 'Error during the websocket handshake occurred: Protocol(HandshakeIncomplete)', cause: 'early-close', note: "the second line of a panic since Rust 1.73 (\"thread '…' panicked at src/main.rs:21:10:\" comes first)" },
        { text: 'thread \'tokio-rt-worker\' (16288) panicked at src\\main.rs:117:10:', match: false, note: 'the first line of a Rust 1.73+ panic names no error' },
        {
          text: 'Error during the websocket handshake occurred: Io(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" })',
          cause: 'early-close',
          detail: 'Io(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" })',
        },
        { text: 'Error during the websocket handshake occurred: IO error: Connection reset by peer (os error 104)', cause: 'early-close' },
        { text: 'Error during websocket handshake: Protocol(HandshakeIncomplete)', cause: 'early-close', note: 'https://github.com/DoubleUTH/DSP-Seed-Finder/issues/24 (its own wording)' },
      ],
    ),
    {
      id: 'tungstenite/refused',
      desc: "the application's accept_hdr callback answered an error response (401, 403, …)",
      source: `${ERR}:69 "HTTP error: {}" (status); ${SERVER}:284 Error::Http`,
      needle: HS,
      pattern: `${HEAD}(?<detail>(?:HTTP error: |Http\\(Response \\{ status: )(?<status>\\d{3})[^\\n]{0,2000})${TAIL}`,
      complete: true,
      cause: 'rejected',
      byStatus: { '5xx': 'server-error' },
      samples: [
        { text: 'Error during the websocket handshake occurred: HTTP error: 401 Unauthorized', cause: 'rejected', status: 401, detail: 'HTTP error: 401 Unauthorized' },
        { text: 'Error during the websocket handshake occurred: Http(Response { status: 403, version: HTTP/1.1, headers: {}, body: None })', cause: 'rejected' },
      ],
    },
    {
      id: 'tungstenite/other',
      desc: 'another handshake error an application printed (a TLS error, a URL error): clearly a handshake failure, cause unknown',
      source: `${ERR} (Display "…: {0}", Debug Variant(…))`,
      needle: HS,
      pattern: `${HEAD}(?<detail>(?:Tls|Url|Utf8|AttackAttempt|AlreadyClosed|ConnectionClosed)\\b[^\\n]{0,300}|(?:TLS|URL|UTF-8 encoding) error: [^\\n]{1,300})$`,
      complete: true,
      cause: 'unknown-handshake',
      samples: [{ text: 'Error during the websocket handshake occurred: TLS error: native-tls error: unexpected EOF', cause: 'unknown-handshake' }],
    },
    axumRule(
      'connection-header',
      "axum: Connection did not include upgrade (a plain GET, checked before Upgrade)",
      "Connection header did not include 'upgrade'",
      'InvalidConnectionHeader',
      'not-websocket',
      '2026-03-02T10:00:01.000001Z TRACE axum::rejection: rejecting request status=400 body="Connection header did not include \'upgrade\'" rejection_type="axum::extract::ws::rejection::InvalidConnectionHeader"',
    ),
    axumRule(
      'upgrade-header',
      'axum: Upgrade is not websocket',
      "`Upgrade` header did not include 'websocket'",
      'InvalidUpgradeHeader',
      'bad-upgrade-header',
      '2026-03-02T10:00:01.000002Z TRACE axum::rejection: rejecting request status=400 body="`Upgrade` header did not include \'websocket\'" rejection_type="axum::extract::ws::rejection::InvalidUpgradeHeader"',
    ),
    axumRule(
      'version-header',
      'axum: Sec-WebSocket-Version is not 13',
      "`Sec-WebSocket-Version` header did not include '13'",
      'InvalidWebSocketVersionHeader',
      'unsupported-version',
      '2026-03-02T10:00:01.000003Z TRACE axum::rejection: rejecting request status=400 body="`Sec-WebSocket-Version` header did not include \'13\'" rejection_type="axum::extract::ws::rejection::InvalidWebSocketVersionHeader"',
    ),
    axumRule(
      'key-header',
      'axum: no Sec-WebSocket-Key',
      '`Sec-WebSocket-Key` header missing',
      'WebSocketKeyHeaderMissing',
      'bad-key',
      '2026-03-02T10:00:01.000004Z TRACE axum::rejection: rejecting request status=400 body="`Sec-WebSocket-Key` header missing" rejection_type="axum::extract::ws::rejection::WebSocketKeyHeaderMissing"',
    ),
    axumRule(
      'method',
      'axum: not GET (HTTP/1.1) or not CONNECT (HTTP/2), answered 405',
      'Request method must be `(?:GET|CONNECT)`',
      '(?:MethodNotGet|MethodNotConnect)',
      'bad-method',
      '2026-03-02T10:00:01.000005Z TRACE axum::rejection: rejecting request status=405 body="Request method must be `GET`" rejection_type="axum::extract::ws::rejection::MethodNotGet"',
    ),
    axumRule(
      'not-upgradable',
      'axum: the connection cannot be upgraded (HTTP/1.0), answered 426',
      "WebSocket request couldn't be upgraded since no upgrade state was present",
      'ConnectionNotUpgradable',
      'invalid-http',
      '2026-03-02T10:00:01.000006Z TRACE axum::rejection: rejecting request status=426 body="WebSocket request couldn\'t be upgraded since no upgrade state was present" rejection_type="axum::extract::ws::rejection::ConnectionNotUpgradable"',
    ),
  ],
};
