import { normalizeIp } from './ip.js';

/**
 * A structured JSON log line (pino, bunyan, structlog, zap, logrus, slog …): the texts a rule may
 * recognise (the error, the message, both), the client's address from the fields loggers and
 * their request serializers write it in, and the time. Header values are never read.
 */
export interface StructuredLine {
  readonly texts: readonly string[];
  readonly ip: string | null;
  readonly port: number | null;
  readonly time: string | null;
}

const MESSAGE_FIELDS = ['msg', 'message', 'event', 'MESSAGE'];
const ERROR_FIELDS = ['err', 'error', 'exception', 'exc_info', 'reason'];
const ADDRESS_FIELDS = ['remoteAddress', 'remote_addr', 'remoteAddr', 'remote_ip', 'client_ip', 'clientIp', 'client_addr', 'peer', 'remote', 'ip'];
/** Request objects as serializers write them: pino's `req`, Caddy's `request`, slog's `http`. */
const REQUEST_FIELDS = ['req', 'request', 'http'];
const TIME_FIELDS = ['time', 'ts', 'timestamp', '@timestamp'];
const LOGGER_FIELDS = ['logger', 'name', 'logger_name', 'loggerName'];
const LEVEL_FIELDS = ['level', 'levelname', 'severity'];

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function errorText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v['message'] === 'string') return v['message'];
  return null;
}

/** `1.2.3.4`, `1.2.3.4:5678`, `[::1]:5678`, `::ffff:1.2.3.4`, with a port field beside it or not. */
function address(o: Json): { ip: string; port: number | null } | null {
  for (const field of ADDRESS_FIELDS) {
    const value = o[field];
    if (typeof value !== 'string') continue;
    const direct = normalizeIp(value);
    if (direct !== null) {
      const port = Number(o['remotePort'] ?? o['remote_port'] ?? o['port']);
      return { ip: direct, port: Number.isInteger(port) && port > 0 ? port : null };
    }
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value);
    const ip = m === null ? null : normalizeIp(m[1]);
    if (ip !== null) return { ip, port: Number(m![2]) };
  }
  return null;
}

function time(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  // Epoch seconds (zap, Caddy, structlog) or milliseconds (pino, bunyan's numbers).
  return new Date(v < 1e11 ? v * 1000 : v).toISOString();
}

/** The line as a JSON object, or null when it is none. */
export function jsonObject(text: string): Json | null {
  if (text.charCodeAt(0) !== 0x7b) return null;
  try {
    const o: unknown = JSON.parse(text);
    return isObject(o) ? o : null;
  } catch {
    return null;
  }
}

/**
 * The JSON object a text line ends with, as zap's console encoder, logrus with a JSON hook and
 * many hand-made formats append their fields (`… create websocket client	{"err": "…"}`).
 */
export function trailingJsonObject(text: string): Json | null {
  if (text.charCodeAt(text.length - 1) !== 0x7d) return null;
  for (let at = text.indexOf('{'); at > 0; at = text.indexOf('{', at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before !== 0x20 && before !== 0x09) continue;
    const o = jsonObject(text.slice(at));
    if (o !== null) return o;
  }
  return null;
}

/** The line read as a structured log record, or null when it is not a JSON object with a message. */
export function readStructured(text: string): StructuredLine | null {
  const o = jsonObject(text);
  return o === null ? null : structuredOf(o);
}

/** A level as text: pino's and bunyan's numbers (30 info, 40 warn, 50 error) named. */
function levelName(v: unknown): string {
  if (typeof v === 'string') return v.toUpperCase();
  if (typeof v !== 'number') return 'INFO';
  return v >= 50 ? 'ERROR' : v >= 40 ? 'WARN' : v >= 30 ? 'INFO' : 'DEBUG';
}

/** A JSON object read as a structured log record, or null when it has no message or error. */
export function structuredOf(o: Json): StructuredLine | null {
  // Trailing blanks are the formatter's (Python's JSON formatter keeps a message's final newline).
  const message = MESSAGE_FIELDS.map((f) => o[f]).find((v): v is string => typeof v === 'string')?.trimEnd() ?? null;
  const error = ERROR_FIELDS.map((f) => errorText(o[f])).find((v) => v !== null)?.trimEnd() ?? null;
  if (message === null && error === null) return null;
  // Node's errors carry their code beside the message (`HPE_INVALID_METHOD`, `ECONNRESET`).
  const code = typeof o['code'] === 'string' ? o['code'] : isObject(o['err']) && typeof o['err']['code'] === 'string' ? o['err']['code'] : null;
  // The record in the text layout rules read (`LEVEL logger: message`), for a rule that demands
  // its logger's name before the message (uvicorn's), as a text formatter would have written it.
  const logger = LOGGER_FIELDS.map((f) => o[f]).find((v): v is string => typeof v === 'string') ?? null;
  const level = levelName(LEVEL_FIELDS.map((f) => o[f]).find((v) => typeof v === 'string' || typeof v === 'number'));
  const texts = [
    error,
    message,
    message !== null && error !== null ? `${message}: ${error}` : null,
    code === null ? null : `${message ?? ''}: ${error ?? ''}: ${code}`,
    logger === null || message === null ? null : `${level} ${logger}: ${message}`,
    // An error's numeric code, message and context as console.log prints them (engine.io's connection_error).
    typeof o['code'] === 'number' && error !== null ? `${o['code']} ${error}${isObject(o['context']) ? ` ${JSON.stringify(o['context'])}` : ''}` : null,
  ].filter((t): t is string => t !== null && t !== '');
  const where = address(o) ?? REQUEST_FIELDS.map((f) => o[f]).filter(isObject).map(address).find((a) => a !== null) ?? null;
  return { texts, ip: where?.ip ?? null, port: where?.port ?? null, time: TIME_FIELDS.map((f) => time(o[f])).find((t) => t !== null) ?? null };
}
