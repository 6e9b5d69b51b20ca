import { ipAndPort } from './access-fields.js';

/**
 * A logfmt line (logrus's and slog's text handlers, Go kit, Heroku): `key=value` and
 * `key="quoted value"` pairs. Its message and error values are what a rule may recognise, as a
 * JSON line's are; the address comes from an address field, never from a message.
 */
export interface LogfmtLine {
  readonly texts: readonly string[];
  readonly ip: string | null;
  readonly port: number | null;
  readonly time: string | null;
}

const PAIR = /(?:^|\s)([A-Za-z_][\w.@-]{0,63})=(?:"((?:[^"\\\n]|\\.){0,16000})"|([^\s"]{0,4000}))/g;
const MESSAGE = ['msg', 'message', 'event'];
const ERROR = ['error', 'err', 'reason', 'cause'];
const ADDRESS = ['remote', 'remote_addr', 'remoteAddr', 'remote_ip', 'client', 'client_ip', 'clientIP', 'peer', 'addr', 'ip', 'src'];
const TIME = ['time', 'ts', 'timestamp', 't'];

function unquote(value: string): string {
  try {
    return JSON.parse(`"${value}"`) as string;
  } catch {
    return value.replace(/\\(.)/g, '$1');
  }
}

/** The line read as logfmt, or null when it has neither a message nor an error field. */
export function readLogfmt(text: string): LogfmtLine | null {
  if (!text.includes('msg=') && !text.includes('error=') && !text.includes('err=')) return null;
  const pairs = new Map<string, string>();
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m !== null; m = PAIR.exec(text)) {
    if (!pairs.has(m[1]!)) pairs.set(m[1]!, m[2] === undefined ? m[3]! : unquote(m[2]));
  }
  const pick = (names: readonly string[]): string | null => names.map((n) => pairs.get(n)).find((v): v is string => v !== undefined && v !== '') ?? null;
  const message = pick(MESSAGE);
  const error = pick(ERROR);
  if (message === null && error === null) return null;
  const texts = [error, message, message !== null && error !== null ? `${message}: ${error}` : null].filter((t): t is string => t !== null);
  const where = ADDRESS.map((n) => ipAndPort(pairs.get(n))).find((a) => a !== null) ?? null;
  return { texts, ip: where?.ip ?? null, port: where?.port ?? null, time: pick(TIME) };
}
