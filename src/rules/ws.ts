import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { LEADING_TIME } from './common.js';

/**
 * Node's `ws` (8.23 captured in fixtures/logs/ws/) and the `http` server under it. `ws` logs
 * nothing itself: these are its `wsClientError` messages and Node's `clientError` codes as apps
 * log them, in two shapes. A console line: a time, any words, the peer as ` from|client|peer|ip
 * IP:PORT` (after a space), then the message at the end of the line (`console.error(…, err)` adds the stack
 * below it). A pino JSON line: `remoteAddress` (and `remotePort`) among the fields before the
 * serialised `err`; only camelCase names, since Node lowercases request header names and a
 * logged `headers` object must not lend its `ip` to the pattern. The request's path and headers, which a client writes, come after the message
 * or inside JSON strings, where `"` is escaped: a pattern never takes an address from them.
 */
const PEER = ' (?:from|client|peer|remote(?:Address)?|ip)(?:[=:] ?| )(?<conn>{HOSTPORT})';
const CONSOLE = `^${LEADING_TIME}[^\\n]{0,300}?(?:${PEER}[^\\n]{0,200}?)?`;
const PINO_PEER = '"(?:remoteAddress|remoteAddr|clientIp)":"(?<conn>{IP}"(?:,"remotePort":(?<port>\\d{1,5}))?)';
const PINO = `^\\{"level":(?:\\d{1,3}|"[a-z]{1,10}"),"time":(?:\\d{1,16}|"[^"\\n]{1,40}"),(?:[^\\n]{0,1000}?${PINO_PEER})?[^\\n]{0,2000}?"err":\\{"type":"Error","message":`;
const WS = 'ws 8.23.0 lib/websocket-server.js';
const NODE = 'node 20 lib/_http_server.js (clientError; llhttp codes)';

const T = '2026-12-01T19:29:36.598Z';
const consoleLine = (ip: string, port: number, text: string, kind = 'websocket client error'): string => `${T} WARN ${kind} from ${ip}:${port}: ${text}`;
const pinoLine = (ip: string, port: number, err: string, msg = 'websocket client error'): string =>
  `{"level":40,"time":1796153383195,"pid":20335,"hostname":"vm","remoteAddress":"${ip}","remotePort":${port},"err":{"type":"Error",${err}},"msg":"${msg}"}`;
const wsErr = (message: string, line: number): string =>
  `"message":"${message}","stack":"Error: ${message}\\n    at WebSocketServer.handleUpgrade (/tmp/wsnoise-node/node_modules/ws/lib/websocket-server.js:${line}:7)\\n    at Server.onUpgrade (file:///tmp/wsnoise-node/ws_server.mjs:86:11)"`;

/** The two rules (console, pino) for one `wsClientError` message of ws's handleUpgrade. */
function clientError(name: string, message: string, cause: Cause, line: number, desc: string): RuleSpec[] {
  const literal = message.replace(/[.-]/g, '\\$&');
  const source = `${WS}:${line} abortHandshakeOrEmitwsClientError(…, '${message}')`;
  const consoleSamples: RuleSample[] = [
    { text: consoleLine('127.0.0.6', 52583, message), cause, ip: '127.0.0.6', port: 52583, detail: message, time: T },
    { text: `${T} ERROR ws client error from ::ffff:127.0.0.8:36365 Error: ${message}\n    at WebSocketServer.handleUpgrade (/srv/node_modules/ws/lib/websocket-server.js:${line}:7)`, cause, ip: '127.0.0.8', port: 36365, note: 'console.error(msg, err): the stack follows; a dual-stack listener writes ::ffff:' },
    { text: consoleLine('127.0.0.12', 39415, `https://6.6.6.6 from 6.6.6.6:1: ${message}`, 'websocket origin rejected'), cause, ip: '127.0.0.12', note: 'inject: an Origin ending in the message: the address is still the first, the server\'s' },
    { text: `${T} INFO GET /from 6.6.6.6:1: ${message} 404`, match: false, note: 'a path quoting the message' },
  ];
  const pinoSamples: RuleSample[] = [
    { text: pinoLine('127.0.0.6', 37271, wsErr(message, line)), cause, ip: '127.0.0.6', port: 37271, detail: message },
    { text: `{"level":"warn","time":"2026-12-01T19:29:36.598Z","remoteAddress":"::1","err":{"type":"Error",${wsErr(message, line)}},"msg":"ws"}`, cause, ip: '::1', port: null, note: 'level label and ISO time formatters, no port' },
    {
      text: `{"level":40,"time":1796153383195,"req":{"method":"GET","url":"/ws","headers":{"host":"localhost","ip":"6.6.6.6","remoteaddress":"6.6.6.6"}},"err":{"type":"Error",${wsErr(message, line)}},"msg":"websocket client error"}`,
      cause,
      ip: null,
      note: 'inject: request headers named ip or remoteaddress (Node lowercases header names; the fields read are camelCase)',
    },
    {
      text: `{"level":30,"time":1796153383195,"pid":1,"hostname":"vm","url":"/\\",\\"remoteAddress\\":\\"6.6.6.6\\",\\"err\\":{\\"type\\":\\"Error\\",\\"message\\":\\"${message}\\"","msg":"request"}`,
      match: false,
      note: 'inject: a path that quotes the fields: its quotes are escaped',
    },
  ];
  return [
    { id: `ws/${name}`, desc: `${desc} (console line)`, source, needle: message, pattern: `${CONSOLE}(?:Error: )?(?<detail>${literal})$`, complete: true, owns: ['frames'], cause, samples: consoleSamples },
    { id: `ws/json-${name}`, desc: `${desc} (pino JSON)`, source, needle: message, pattern: `${PINO}"(?<detail>${literal})"`, complete: true, cause, samples: pinoSamples },
  ];
}

/** llhttp's codes for a request it cannot parse (not the end of input: that is early-close). */
const HPE = 'HPE_(?:INVALID_METHOD|INVALID_URL|INVALID_CONSTANT|INVALID_VERSION|INVALID_HEADER_TOKEN|INVALID_CONTENT_LENGTH|INVALID_CHUNK_SIZE|INVALID_TRANSFER_ENCODING|UNEXPECTED_CONTENT_LENGTH|HEADER_OVERFLOW|CHUNK_EXTENSIONS_OVERFLOW|CR_EXPECTED|LF_EXPECTED|STRICT|INVALID_STATUS|UNEXPECTED_SPACE|CLOSED_CONNECTION)';
/** What ends a console line after the code: nothing, or text that does not continue the code. */
const CODE_END = '(?:[^A-Z_\\n][^\\n]{0,300})?$';

const http: RuleSpec[] = [
  {
    id: 'ws/http-parse-error',
    desc: 'Node\'s http parser refused the request (TLS or binary bytes, a bad method, headers too large): clientError with an HPE_ code (console line)',
    source: `${NODE}; fixtures/logs/ws/console.log`,
    needle: 'HPE_',
    pattern: `${CONSOLE}[ :=](?<detail>${HPE})${CODE_END}`,
    complete: true,
    cause: 'invalid-http',
    samples: [
      { text: consoleLine('127.0.0.15', 51357, 'Parse Error: Invalid method encountered: HPE_INVALID_METHOD', 'http client error'), cause: 'invalid-http', ip: '127.0.0.15', port: 51357, detail: 'HPE_INVALID_METHOD' },
      { text: consoleLine('127.0.0.23', 40913, 'Parse Error: Header overflow: HPE_HEADER_OVERFLOW', 'http client error'), cause: 'invalid-http', detail: 'HPE_HEADER_OVERFLOW' },
      { text: `${T} clientError HPE_INVALID_CONSTANT client=[::1]:40979`, cause: 'invalid-http', ip: '::1', port: 40979, detail: 'HPE_INVALID_CONSTANT', note: 'the pattern takes no address after the code: the address finder reads client=' },
      { text: `${T} clientError HPE_INVALID_CONSTANT GET /x?client=6.6.6.6:1`, cause: 'invalid-http', ip: null, note: 'inject: client= inside a query is not at the start of a word' },
      { text: consoleLine('127.0.0.18', 35373, 'Parse Error: HPE_INVALID_EOF_STATE', 'http client error'), match: false, claimedBy: 'ws/http-early-close', note: 'the end of input is early-close' },
      { text: `${T} INFO GET /x?from=6.6.6.6:1: HPE_INVALID_METHOD`, cause: 'invalid-http', ip: null, note: 'inject: an address in a query is not after a space and a keyword' },
    ],
  },
  {
    id: 'ws/http-early-close',
    owns: ['frames'],
    desc: 'the client closed in the middle of its request (HPE_INVALID_EOF_STATE) or reset the connection (console line)',
    source: `${NODE} socketOnEnd; fixtures/logs/ws/console.log`,
    needle: ['HPE_INVALID_EOF_STATE', 'ECONNRESET'],
    pattern: `${CONSOLE}[ :=](?<detail>HPE_INVALID_EOF_STATE|ECONNRESET)${CODE_END}`,
    complete: true,
    cause: 'early-close',
    samples: [
      { text: consoleLine('127.0.0.18', 35373, 'Parse Error: HPE_INVALID_EOF_STATE', 'http client error'), cause: 'early-close', ip: '127.0.0.18', port: 35373, detail: 'HPE_INVALID_EOF_STATE' },
      { text: consoleLine('127.0.0.17', 35374, 'read ECONNRESET: ECONNRESET', 'http client error'), cause: 'early-close', detail: 'ECONNRESET' },
      { text: `${T} WARN http client error from ::1:49971 Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:218:20) {\n  errno: -104,\n  code: 'ECONNRESET',\n  syscall: 'read'\n}`, cause: 'early-close', ip: '::1', port: 49971, note: 'the error handed to console.error' },
      { text: `${T} WARN upstream from 10.0.0.1:80: ECONNRESETTING`, match: false, note: 'not the code' },
    ],
  },
  {
    id: 'ws/http-parse-error-inspect',
    desc: 'Node\'s http parser refused the request, the error handed to console.error: `[Error: Parse Error: <reason>] {` and its properties over lines',
    source: `${NODE}; fixtures/logs/ws/inspect.log`,
    needle: 'Parse Error',
    pattern: `${CONSOLE}\\[Error: (?<detail>Parse Error: [A-Za-z][A-Za-z ]{0,80})\\] \\{$`,
    complete: true,
    cause: 'invalid-http',
    samples: [
      {
        text: `${T} WARN http client error from 127.0.0.15:32797 [Error: Parse Error: Invalid method encountered] {\n  bytesParsed: 0,\n  code: 'HPE_INVALID_METHOD',\n  reason: 'Invalid method encountered',\n  rawPacket: <Buffer 16 03 01 00 54 01 00 00 50 03 03 10 54 b3 fd ef ... 39 more bytes>\n}`,
        cause: 'invalid-http',
        ip: '127.0.0.15',
        port: 32797,
        detail: 'Parse Error: Invalid method encountered',
      },
      { text: `${T} INFO GET /x?from=6.6.6.6:1 [Error: Parse Error: x] {`, cause: 'invalid-http', ip: null, note: 'inject: an address in a query is not after a space and a keyword' },
    ],
  },
  {
    id: 'ws/http-early-close-inspect',
    owns: ['frames'],
    desc: 'the client closed mid-request (a bare `Error: Parse Error` from socketOnEnd), the error handed to console.error (its stack and code HPE_INVALID_EOF_STATE follow)',
    source: `${NODE} socketOnEnd; fixtures/logs/ws/inspect.log`,
    needle: 'Parse Error',
    pattern: `${CONSOLE}(?<detail>Error: Parse Error)$`,
    complete: true,
    cause: 'early-close',
    samples: [
      {
        text: `${T} WARN http client error from 127.0.0.18:49971 Error: Parse Error\n    at socketOnEnd (node:_http_server:802:22)\n    at process.processTicksAndRejections (node:internal/process/task_queues:82:21) {\n  bytesParsed: 0,\n  code: 'HPE_INVALID_EOF_STATE',\n  reason: 'Invalid EOF state'\n}`,
        cause: 'early-close',
        ip: '127.0.0.18',
        port: 49971,
        detail: 'Error: Parse Error',
      },
      { text: `${T} INFO GET /x?from=6.6.6.6:1 Error: Parse Error`, cause: 'early-close', ip: null, note: 'inject: an address in a query is not after a space and a keyword' },
    ],
  },
  {
    id: 'ws/http-timeout',
    owns: ['frames'],
    desc: 'the client sent no whole request within headersTimeout/requestTimeout (answered 408); its end of input follows (console line, or `Error [ERR_HTTP_REQUEST_TIMEOUT]: Request timeout` handed to console.error)',
    source: `${NODE} onRequestTimeout; fixtures/logs/ws/console.log, inspect.log`,
    needle: 'ERR_HTTP_REQUEST_TIMEOUT',
    pattern: `${CONSOLE}(?:[ :=]|Error \\[)(?<detail>ERR_HTTP_REQUEST_TIMEOUT)(?:\\]: Request timeout$|[^A-Z_\\]\\n][^\\n]{0,300}$|$)`,
    cause: 'timeout',
    claims: ['ws/http-early-close', 'ws/http-early-close-inspect'],
    samples: [
      { text: consoleLine('127.0.0.22', 45465, 'Request timeout: ERR_HTTP_REQUEST_TIMEOUT', 'http client error'), cause: 'timeout', ip: '127.0.0.22', port: 45465, detail: 'ERR_HTTP_REQUEST_TIMEOUT' },
      {
        text: `${T} WARN http client error from 127.0.0.22:56741 Error [ERR_HTTP_REQUEST_TIMEOUT]: Request timeout\n    at onRequestTimeout (node:_http_server:829:30) {\n  code: 'ERR_HTTP_REQUEST_TIMEOUT'\n}`,
        cause: 'timeout',
        ip: '127.0.0.22',
        port: 56741,
      },
      { text: `${T} INFO GET /?from=6.6.6.6:1 ERR_HTTP_REQUEST_TIMEOUT 200`, cause: 'timeout', ip: null, note: 'inject: an address after ? is not after a keyword and a space' },
    ],
  },
  {
    id: 'ws/json-http-parse-error',
    desc: 'Node\'s http parser refused the request: clientError, err.message "Parse Error: <reason>" (pino JSON)',
    source: `${NODE}; fixtures/logs/ws/pino.log`,
    needle: 'Parse Error',
    pattern: `${PINO}"(?<detail>Parse Error: [A-Za-z][^"\\\\\\n]{0,100})"`,
    complete: true,
    cause: 'invalid-http',
    samples: [
      {
        text: pinoLine('127.0.0.15', 54645, '"message":"Parse Error: Invalid method encountered","stack":"Error: Parse Error: Invalid method encountered","bytesParsed":0,"code":"HPE_INVALID_METHOD","reason":"Invalid method encountered","rawPacket":{"type":"Buffer","data":[22,3,1,0,84]}', 'http client error'),
        cause: 'invalid-http',
        ip: '127.0.0.15',
        port: 54645,
        detail: 'Parse Error: Invalid method encountered',
      },
      {
        text: '{"level":30,"time":1796153383195,"pid":1,"hostname":"vm","url":"/\\",\\"remoteAddress\\":\\"6.6.6.6\\",\\"err\\":{\\"type\\":\\"Error\\",\\"message\\":\\"Parse Error: x\\"","msg":"request"}',
        match: false,
        note: 'inject: the fields quoted in a path',
      },
    ],
  },
  {
    id: 'ws/json-http-early-close',
    desc: 'the client closed in the middle of its request or reset the connection (pino JSON)',
    source: `${NODE} socketOnEnd; fixtures/logs/ws/pino.log`,
    needle: ['"code":"HPE_INVALID_EOF_STATE"', '"code":"ECONNRESET"'],
    pattern: `${PINO}"(?:Parse Error|read ECONNRESET)"[^\\n]{0,4000}?"code":"(?<detail>HPE_INVALID_EOF_STATE|ECONNRESET)"`,
    complete: true,
    cause: 'early-close',
    samples: [
      {
        text: pinoLine('127.0.0.18', 33501, '"message":"Parse Error","stack":"Error: Parse Error\\n    at socketOnEnd (node:_http_server:802:22)\\n    at Socket.emit (node:events:536:35)","bytesParsed":0,"code":"HPE_INVALID_EOF_STATE","reason":"Invalid EOF state"', 'http client error'),
        cause: 'early-close',
        ip: '127.0.0.18',
        port: 33501,
        detail: 'HPE_INVALID_EOF_STATE',
      },
      {
        text: pinoLine('6.6.6.6', 1, '"message":"Parse Error","code":"X"', 'x","url":"\\"code\\":\\"ECONNRESET\\""'),
        match: false,
        note: 'inject: the code quoted in a string',
      },
    ],
  },
  {
    id: 'ws/json-http-timeout',
    desc: 'the client sent no whole request in time (pino JSON); its end of input follows',
    source: `${NODE} onRequestTimeout; fixtures/logs/ws/pino.log`,
    needle: '"code":"ERR_HTTP_REQUEST_TIMEOUT"',
    pattern: `${PINO}"Request timeout"[^\\n]{0,4000}?"code":"(?<detail>ERR_HTTP_REQUEST_TIMEOUT)"`,
    cause: 'timeout',
    claims: ['ws/json-http-early-close'],
    samples: [
      {
        text: pinoLine('127.0.0.22', 47767, '"message":"Request timeout","stack":"Error [ERR_HTTP_REQUEST_TIMEOUT]: Request timeout\\n    at onRequestTimeout (node:_http_server:829:30)","code":"ERR_HTTP_REQUEST_TIMEOUT"', 'http client error'),
        cause: 'timeout',
        ip: '127.0.0.22',
        port: 47767,
        detail: 'ERR_HTTP_REQUEST_TIMEOUT',
      },
      { text: '{"level":30,"time":1,"url":"\\"remoteAddress\\":\\"6.6.6.6\\",\\"err\\":{\\"type\\":\\"Error\\",\\"message\\":\\"Request timeout\\",\\"code\\":\\"ERR_HTTP_REQUEST_TIMEOUT\\"","msg":"x"}', match: false, note: 'inject: quoted in a path' },
    ],
  },
];

export const ws: StackRules = {
  stack: 'ws',
  desc: 'Node ws (wsClientError) and the http server under it (clientError), console lines or pino JSON',
  rules: [
    ...clientError('invalid-method', 'Invalid HTTP method', 'bad-method', 256, 'an upgrade request that is not GET (ws answers 405)'),
    ...clientError('invalid-upgrade', 'Invalid Upgrade header', 'bad-upgrade-header', 262, 'an Upgrade header other than websocket (h2c)'),
    ...clientError('invalid-key', 'Missing or invalid Sec-WebSocket-Key header', 'bad-key', 268, 'no Sec-WebSocket-Key, or not 16 bytes in base64'),
    ...clientError('invalid-version', 'Missing or invalid Sec-WebSocket-Version header', 'unsupported-version', 274, 'no Sec-WebSocket-Version, or not 13 or 8'),
    ...clientError('invalid-protocol', 'Invalid Sec-WebSocket-Protocol header', 'subprotocol', 293, 'a Sec-WebSocket-Protocol header that is not a list of tokens'),
    ...clientError('invalid-extensions', 'Invalid or unacceptable Sec-WebSocket-Extensions header', 'bad-request', 321, 'a Sec-WebSocket-Extensions offer ws cannot parse or accept (with perMessageDeflate on)'),
    ...http,
  ],
};
