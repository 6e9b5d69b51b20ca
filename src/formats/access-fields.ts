import { normalizeIp } from '../classify/ip.js';

/**
 * What an access-log line says, whatever its format: the client (the server's own field), the
 * time as written, the request line as written, the status. The rules about statuses and routes
 * judge these, through `canonicalLine`.
 */
export interface AccessFields {
  readonly ip: string;
  readonly port: number | null;
  readonly time: string | null;
  /** `GET /ws HTTP/1.1`, or whatever the client sent instead (bytes as nginx escapes them). */
  readonly request: string;
  readonly status: number;
  /** The server, when the format's own names say which wrote it (Traefik's, Caddy's fields). */
  readonly server?: string;
  /** The size as written (digits), when the format has it. */
  readonly bytes?: string;
}

const CLF_TIME = /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}$/;
/** Stands where a format wrote no time, or one in another shape: the verdict takes the line's own. */
const NO_TIME = '01/Jan/1970:00:00:00 +0000';

/** Bytes a request line may not hold as they are in the canonical line, written as nginx does: `\xHH`. */
function escapeRequest(request: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < request.length; i++) {
    const c = request.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22) continue;
    if (c === 0x5c && request.charCodeAt(i + 1) === 0x78) continue;
    out += request.slice(from, i) + '\\x' + (c > 0xff ? 0x3f : c).toString(16).toUpperCase().padStart(2, '0');
    from = i + 1;
  }
  return from === 0 ? request : out + request.slice(from);
}

/**
 * The fields as one line of the combined format, the one shape the access rules are written
 * against: every format family reaches the same rules through it. Referer and agent are `-`:
 * they are the client's words, and no rule reads them.
 */
export function canonicalLine(fields: AccessFields): string {
  const time = fields.time !== null && CLF_TIME.test(fields.time) ? fields.time : NO_TIME;
  const ip = fields.ip.includes(':') ? `[${fields.ip}]` : fields.ip;
  // A size the format did not write is not 0: a rule may tell a 0-byte answer apart (Apache's HTTP/1.0 101).
  const bytes = fields.bytes !== undefined && /^\d{1,20}$/.test(fields.bytes) ? fields.bytes : '1';
  return `${ip} - - [${time}] "${escapeRequest(fields.request)}" ${fields.status} ${bytes} "-" "-"`;
}

/** Fields from captured texts, or null when the client is no address or the status no status. */
export function accessFields(ip: string | undefined, port: string | undefined, time: string | null, request: string, status: string | number | undefined): AccessFields | null {
  const client = ipAndPort(ip, port);
  const code = typeof status === 'number' ? status : Number(status);
  if (client === null || !Number.isInteger(code) || code < 100 || code > 599) return null;
  return { ip: client.ip, port: client.port, time, request, status: code };
}

/** `1.2.3.4`, `1.2.3.4:5678`, `[::1]:5678`, `::1`; a separate port field wins over none. */
export function ipAndPort(raw: string | undefined, port?: string): { ip: string; port: number | null } | null {
  if (raw === undefined || raw === '' || raw === '-') return null;
  const direct = normalizeIp(raw);
  const given = port === undefined || !/^\d{1,5}$/.test(port) ? null : Number(port);
  if (direct !== null) return { ip: direct, port: given };
  const m = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(raw);
  const ip = m === null ? null : normalizeIp(m[1]);
  return ip === null ? null : { ip, port: given ?? Number(m![2]) };
}
