import type { RuleSample, RuleSpec, StackRules } from './rule.js';
import type { Cause } from '../classify/causes.js';
import { LEADING_TIME } from './common.js';

/**
 * socket.io (4.8.4 over engine.io 6.6.13, captured in fixtures/logs/socketio/): engine.io's
 * `connection_error` event, which carries the request, a code 0–5, its message and a context.
 * Two shapes: socket.io's documented `console.log(err.req.socket.remoteAddress, err.code,
 * err.message, err.context)` (address first, maybe after a time or words without quotes or
 * braces), and a pino JSON line with `remoteAddress`, `code` and `context`, the message as `msg`.
 * The context holds the client's transport, sid, method or origin: it comes after the message,
 * or inside escaped JSON strings, so no address is taken from it. engine.io logs nothing itself
 * (only `debug`), and refusals made by the `ws` inside it (a bad key or version) log nothing.
 */
const CONSOLE = `^${LEADING_TIME}(?:[^\\n'"{}]{0,120}?[ :])?(?:(?:{IP}|undefined):? )?`;
/**
 * The code and message as applications print the pair: `3 Bad request` (socket.io's docs),
 * `code 3 (Bad request)`, `code=3 message=Bad request`, `code: 3, message: Bad request`.
 */
const pair = (code: number, message: string): string => `(?:code[=:]? ?)?${code}(?: \\(|,? (?:message[=:] ?)?)${message}\\)?`;
const CONTEXT = '(?: \\{[^\\n]{0,8000})?$';
const PINO = '^\\{"level":(?:\\d{1,3}|"[a-z]{1,10}"),"time":(?:\\d{1,16}|"[^"\\n]{1,40}"),(?:[^\\n]{0,1000}?"(?:remoteAddress|remoteAddr|clientIp)":"{IP}")?[^\\n]{0,2000}?"code":';
const EIO = 'engine.io 6.6.13 build/server.js';

interface Code {
  readonly name: string;
  readonly code: number;
  readonly message: string;
  /** engine.io's context name for code 3, which tells its causes apart. */
  readonly names?: readonly string[];
  readonly cause: Cause;
  readonly desc: string;
  readonly source: string;
  /** A context as the console prints it, and as JSON, from the capture. */
  readonly context: readonly [string, string];
}

function rules(c: Code): RuleSpec[] {
  const names = c.names?.join('|');
  // The context as console.log prints it (`{ name: 'X' }`) or as JSON (`{"name":"X"}`).
  const consoleTail = names === undefined ? CONTEXT : ` \\{ ?(?:name|"name"): ?['"](?<detail>${names})['"][^\\n]{0,8000}$`;
  const pinoTail = names === undefined ? '' : `[^\\n]{0,8000}?"name":"(?<detail>${names})"`;
  const [consoleContext, jsonContext] = c.context;
  const consoleSamples: RuleSample[] = [
    { text: `127.0.0.27 ${c.code} ${c.message} ${consoleContext}`, cause: c.cause, ip: '127.0.0.27', port: null },
    { text: `2026-12-07T20:54:22.636Z warn: socket.io handshake failed from 127.0.0.13: code ${c.code} (${c.message}) ${jsonContext}`, cause: c.cause, ip: '127.0.0.13', note: "the application's own words and the pair as code N (message), the context as JSON: the address where the application wrote it" },
    { text: `connection_error from 203.0.113.9: code=${c.code} message=${c.message} ${jsonContext}`, cause: c.cause, ip: '203.0.113.9' },
    { text: `2026-12-01T19:29:36.598Z connection_error ::ffff:127.0.0.4 ${c.code} ${c.message} ${consoleContext}`, cause: c.cause, ip: '127.0.0.4', time: '2026-12-01T19:29:36.598Z', note: 'a time and a word before; a dual-stack listener writes ::ffff:' },
    ...(names === undefined ? [{ text: `127.0.0.27 ${c.code} ${c.message} {\n  context: 'wider than eighty columns, so console.log breaks it over lines ........'\n}`, cause: c.cause, ip: '127.0.0.27', note: 'a context console.log breaks over lines' }] : []),
    {
      text: `127.0.0.27 0 Transport unknown { transport: '6.6.6.6 ${c.code} ${c.message} {' }`,
      ...(c.code === 0 ? { cause: c.cause, ip: '127.0.0.27', note: 'inject: a transport that reads like a line: the address is the first field' } : { match: false, claimedBy: 'socketio/transport-unknown', note: 'inject: a transport that reads like this line' }),
    },
  ];
  const pinoSamples: RuleSample[] = [
    { text: `{"level":40,"time":1796153232054,"pid":16165,"hostname":"vm","remoteAddress":"127.0.0.27","code":${c.code},"context":${jsonContext},"msg":"${c.message}"}`, cause: c.cause, ip: '127.0.0.27', port: null },
    { text: `{"level":"warn","time":"2026-12-01T19:29:36.598Z","code":${c.code},"context":${jsonContext},"msg":"${c.message}"}`, cause: c.cause, ip: null, note: 'no address logged; level label and ISO time' },
    {
      text: `{"level":40,"time":1796153232054,"headers":{"ip":"6.6.6.6","remoteaddress":"6.6.6.6"},"code":${c.code},"context":${jsonContext},"msg":"${c.message}"}`,
      cause: c.cause,
      ip: null,
      note: 'inject: request headers named ip or remoteaddress (Node lowercases header names; the fields read are camelCase)',
    },
    {
      text: `{"level":40,"time":1796153232054,"remoteAddress":"127.0.0.27","code":0,"context":{"transport":"\\",\\"remoteAddress\\":\\"6.6.6.6\\",\\"code\\":${c.code},\\"msg\\":\\"${c.message}\\"}"},"msg":"Transport unknown"}`,
      ...(c.code === 0 ? { cause: c.cause, ip: '127.0.0.27', note: 'inject: fields quoted in the transport are escaped' } : { match: false, claimedBy: 'socketio/json-transport-unknown', note: 'inject: fields quoted in the transport are escaped' }),
    },
  ];
  const needle = names === undefined ? c.message : 'Bad request';
  return [
    {
      id: `socketio/${c.name}`,
      desc: `${c.desc} (console.log of connection_error)`,
      source: c.source,
      needle: c.code === 4 ? 'Forbidden' : needle,
      pattern: `${CONSOLE}${pair(c.code, names === undefined ? `(?<detail>${c.message})` : c.message)}${consoleTail}`,
      complete: true,
      cause: c.cause,
      samples: consoleSamples,
    },
    {
      id: `socketio/json-${c.name}`,
      desc: `${c.desc} (pino JSON)`,
      source: c.source,
      needle: c.code === 4 ? 'Forbidden' : needle,
      pattern: `${PINO}${c.code}[,}]${pinoTail}[^\\n]{0,8000}"msg":"${names === undefined ? `(?<detail>${c.message})` : c.message}"\\}$`,
      complete: true,
      cause: c.cause,
      samples: pinoSamples,
    },
  ];
}

const CODES: readonly Code[] = [
  {
    name: 'transport-unknown',
    code: 0,
    message: 'Transport unknown',
    cause: 'bad-request',
    desc: 'a request for a transport the server does not offer, or none (probes; also a client that polls when the server allows only websocket)',
    source: `${EIO}:117 verify() UNKNOWN_TRANSPORT`,
    context: ["{ transport: 'carrier-pigeon' }", '{"transport":"carrier-pigeon"}'],
  },
  {
    name: 'session-unknown',
    code: 1,
    message: 'Session ID unknown',
    cause: 'bad-request',
    desc: 'a sid the server does not know: a client of a restarted server, or several servers without sticky sessions',
    source: `${EIO}:135 verify() UNKNOWN_SID`,
    context: ["{ sid: 'AAAAAAAAAAAAAAAAAAAA' }", '{"sid":"AAAAAAAAAAAAAAAAAAAA"}'],
  },
  {
    name: 'bad-handshake-method',
    code: 2,
    message: 'Bad handshake method',
    cause: 'bad-method',
    desc: 'a handshake that is not GET (POST with Upgrade, PUT on polling)',
    source: `${EIO}:162 verify() BAD_HANDSHAKE_METHOD`,
    context: ["{ method: 'POST' }", '{"method":"POST"}'],
  },
  {
    name: 'websocket-without-upgrade',
    code: 3,
    message: 'Bad request',
    names: ['TRANSPORT_HANDSHAKE_ERROR'],
    cause: 'upgrade-required',
    desc: 'transport=websocket asked for by a plain request: no Upgrade, or a Connection header a proxy stripped (answered 400)',
    source: `${EIO}:168 verify() BAD_REQUEST TRANSPORT_HANDSHAKE_ERROR`,
    context: ["{ name: 'TRANSPORT_HANDSHAKE_ERROR' }", '{"name":"TRANSPORT_HANDSHAKE_ERROR"}'],
  },
  {
    name: 'bad-request',
    code: 3,
    message: 'Bad request',
    names: ['INVALID_ORIGIN', 'TRANSPORT_MISMATCH', 'PROTOCOL_MISMATCH'],
    cause: 'bad-request',
    desc: 'an Origin with invalid characters, or a sid used with another transport or protocol revision',
    source: `${EIO}:125,143,152 verify() BAD_REQUEST`,
    context: ["{ name: 'TRANSPORT_MISMATCH', transport: 'websocket', previousTransport: 'polling' }", '{"name":"TRANSPORT_MISMATCH","transport":"websocket","previousTransport":"polling"}'],
  },
  {
    name: 'server-failure',
    code: 3,
    message: 'Bad request',
    names: ['MIDDLEWARE_FAILURE', 'ID_GENERATION_ERROR'],
    cause: 'server-error',
    desc: 'an engine.io middleware (io.engine.use) failed, or generateId threw: the server\'s error, answered as 400',
    source: `${EIO}:561,598 _applyMiddlewares MIDDLEWARE_FAILURE; :271 ID_GENERATION_ERROR`,
    context: ["{ name: 'MIDDLEWARE_FAILURE' }", '{"name":"MIDDLEWARE_FAILURE"}'],
  },
  {
    name: 'forbidden',
    code: 4,
    message: 'Forbidden',
    cause: 'rejected',
    desc: 'the application\'s allowRequest refused the handshake (origin, token): 403 to polling, 400 to an upgrade',
    source: `${EIO}:176 verify() FORBIDDEN (allowRequest)`,
    context: ["{ message: 'origin not allowed' }", '{"message":"origin not allowed"}'],
  },
  {
    name: 'unsupported-protocol',
    code: 5,
    message: 'Unsupported protocol version',
    cause: 'unsupported-version',
    desc: 'an Engine.IO 3 client (socket.io 2) and allowEIO3 off: the client library is too old',
    source: `${EIO}:251 handshake() UNSUPPORTED_PROTOCOL_VERSION`,
    context: ['{ protocol: 3 }', '{"protocol":3}'],
  },
];

/**
 * console.log breaks a context wider than 80 columns over lines: the name is then on the second
 * line. TRANSPORT_MISMATCH always is; a multi-line code 3 with another name (a long invalid
 * Origin, or an `error:` the server threw) is left unclassified, so a server's error is never
 * filtered out as noise.
 */
const MISMATCH_MULTILINE: RuleSpec = {
  id: 'socketio/mismatch-multiline',
  desc: 'a sid used with another transport or protocol revision, its context printed over several lines (console.log)',
  source: `${EIO}:143,152 verify() BAD_REQUEST TRANSPORT_MISMATCH, PROTOCOL_MISMATCH; node util.inspect breakLength 80`,
  needle: 'Bad request',
  pattern: `${CONSOLE}3 Bad request \\{$`,
  recordContains: "_MISMATCH',",
  complete: true,
  cause: 'bad-request',
  samples: [
    {
      text: "127.0.0.29 3 Bad request {\n  name: 'TRANSPORT_MISMATCH',\n  transport: 'websocket',\n  previousTransport: 'polling'\n}",
      cause: 'bad-request',
      ip: '127.0.0.29',
    },
    {
      text: "127.0.0.29 3 Bad request {\n  name: 'ID_GENERATION_ERROR',\n  error: Error: store is down\n      at Server.generateId (file:///srv/app.mjs:12:11)\n}",
      match: false,
      note: 'a server error over several lines: not taken for noise',
    },
    {
      text: "127.0.0.29 3 Bad request {\n  name: 'INVALID_ORIGIN',\n  origin: 'https://6.6.6.6/TRANSPORT_MISMATCH\\',\\n'\n}",
      match: false,
      note: 'inject: an origin quoting the name is escaped by inspect',
    },
  ],
};

export const socketio: StackRules = {
  stack: 'socketio',
  desc: "socket.io / engine.io connection_error, as socket.io's docs log it or as pino JSON",
  rules: [...CODES.flatMap(rules), MISMATCH_MULTILINE],
};
