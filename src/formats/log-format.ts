import type { AccessFields } from './access-fields.js';
import { accessFields } from './access-fields.js';
import { UsageError } from '../errors.js';

/** What a format's variable holds, for the fields wsnoise reads; `other` is read past. */
type Field = 'ip' | 'port' | 'time' | 'request' | 'method' | 'path' | 'query' | 'protocol' | 'status' | 'other';

/** nginx variables (ngx_http_log_module and the core module) by what they hold. */
const NGINX: Readonly<Record<string, Field>> = {
  remote_addr: 'ip',
  realip_remote_addr: 'ip',
  binary_remote_addr: 'other',
  remote_port: 'port',
  realip_remote_port: 'port',
  time_local: 'time',
  time_iso8601: 'time',
  msec: 'time',
  request: 'request',
  request_method: 'method',
  request_uri: 'path',
  uri: 'path',
  document_uri: 'path',
  args: 'query',
  query_string: 'query',
  server_protocol: 'protocol',
  status: 'status',
};

/** Apache mod_log_config directives by what they hold (`%>s` is the final status, `%s` too). */
const APACHE: Readonly<Record<string, Field>> = { h: 'ip', a: 'ip', t: 'time', r: 'request', m: 'method', U: 'path', q: 'query', H: 'protocol', s: 'status' };

export type FormatSyntax = 'nginx' | 'apache';

interface Part {
  readonly literal?: string;
  readonly field?: Field;
  /** The directive as written, for messages. */
  readonly name?: string;
}

function nginxParts(format: string): Part[] {
  const parts: Part[] = [];
  const token = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  let from = 0;
  for (let m = token.exec(format); m !== null; m = token.exec(format)) {
    if (m.index > from) parts.push({ literal: format.slice(from, m.index) });
    const name = (m[1] ?? m[2])!;
    parts.push({ field: NGINX[name] ?? 'other', name: `$${name}` });
    from = token.lastIndex;
  }
  if (from < format.length) parts.push({ literal: format.slice(from) });
  return parts;
}

function apacheParts(format: string): Part[] {
  const parts: Part[] = [];
  // %h, %>s, %{Referer}i, %{%d/%b/%Y:%H:%M:%S %z}t, %!200,304U; %% is a percent sign.
  const token = /%(?:%|[<>]?(?:!?\d{3}(?:,\d{3})*)?(?:\{([^}]*)\})?[<>]?([a-zA-Z]))/g;
  let from = 0;
  let literal = '';
  for (let m = token.exec(format); m !== null; m = token.exec(format)) {
    literal += format.slice(from, m.index);
    from = token.lastIndex;
    if (m[0] === '%%') {
      literal += '%';
      continue;
    }
    if (literal !== '') parts.push({ literal });
    literal = '';
    const letter = m[2]!;
    // %{c}a is the peer of the connection, %a the client (mod_remoteip's when loaded); %{X}t a time in its own format.
    const field = letter === 't' && m[1] !== undefined && !m[1].startsWith('%') && !m[1].startsWith('begin:%') && !m[1].startsWith('end:%') ? 'time' : (APACHE[letter] ?? 'other');
    parts.push({ field, name: m[0] });
  }
  literal += format.slice(from);
  if (literal !== '') parts.push({ literal });
  return parts;
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A character as a member of a regex class. */
function inClass(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}

/** A value's pattern: a field's own shape, a quoted string, or any text to the next literal's first character. */
function valuePattern(part: Part, next: string | undefined, quoted: boolean): string {
  if (part.field === 'status') return '(\\d{3})';
  if (part.field === 'time' && part.name === '%t') return '\\[([^\\]\\n]{1,64})\\]';
  if (part.field === 'time' && part.name === '$time_local') return '(\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})';
  if (part.field === 'path') return '([^?\\s"]{0,8000})';
  if (part.field === 'query' && part.name === '%q') return '((?:\\?[^\\s"]{0,8000})?)';
  if (quoted) return '([^"\\\\\\n]{0,8000}(?:\\\\[^\\n][^"\\\\\\n]{0,8000}){0,200})';
  if (part.field === 'request') return '([^\\s"]{1,40} [^\\s"]{0,8000}(?: [^\\s"]{1,20})?)';
  if (next === undefined || next === '') return '([^\\n]{0,16000})';
  return `([^${inClass(next[0]!)}\\n]{0,8000})`;
}

/** The statuses the access rules judge: a needle for each, as the format writes it. */
const STATUSES = ['101', '400', '401', '403', '404', '405', '408', '426', '431', '499', '5'];

export interface LogFormatReader {
  readonly id: string;
  readonly syntax: FormatSyntax;
  readonly format: string;
  /** Literal text around the status: each line the reader can judge holds one. */
  readonly needles: readonly string[];
  readonly read: (text: string) => AccessFields | null;
}

/**
 * A reader compiled from an nginx `log_format` or an Apache `LogFormat` string, as GoAccess's
 * --log-format is. Refused (a UsageError naming what is missing) when its fields give no client
 * address or no status: a line of it could not be judged.
 */
export function compileLogFormat(format: string, id = 'log-format'): LogFormatReader {
  const syntax: FormatSyntax = /\$(?:\{[A-Za-z0-9_]+\}|[A-Za-z_])/.test(format) ? 'nginx' : 'apache';
  const parts = syntax === 'nginx' ? nginxParts(format) : apacheParts(format);
  const fields = parts.filter((p) => p.field !== undefined);
  if (fields.length === 0) throw new UsageError(`--log-format '${format}' holds no variable ($remote_addr, %h …): give an nginx log_format or an Apache LogFormat string`);
  const has = (f: Field): boolean => fields.some((p) => p.field === f);
  const client = syntax === 'nginx' ? '$remote_addr' : '%h or %a';
  if (!has('ip')) throw new UsageError(`--log-format '${format}' gives no client address (${client}): its lines could not be told apart by source`);
  if (!has('status')) throw new UsageError(`--log-format '${format}' gives no status (${syntax === 'nginx' ? '$status' : '%>s'}): its lines could not be judged`);
  if (!has('request') && !(has('method') && has('path'))) {
    throw new UsageError(`--log-format '${format}' gives no request (${syntax === 'nginx' ? '$request, or $request_method and $request_uri' : '%r, or %m and %U'}): its lines could not be judged`);
  }
  let source = '^';
  const order: Field[] = [];
  parts.forEach((part, i) => {
    if (part.literal !== undefined) {
      source += escapeLiteral(part.literal);
      return;
    }
    const before = parts[i - 1]?.literal ?? '';
    const after = parts[i + 1]?.literal;
    const quoted = before.endsWith('"') && (after?.startsWith('"') ?? false);
    source += valuePattern(part, after, quoted);
    order.push(part.field!);
  });
  const regex = new RegExp(`${source}$`);
  const json = format.trimStart().startsWith('{');
  const statusAt = parts.findIndex((p) => p.field === 'status');
  const before = parts[statusAt - 1]?.literal ?? '';
  const after = parts[statusAt + 1]?.literal ?? '';
  const needles = STATUSES.map((s) => (s.length === 3 ? `${before.slice(-3)}${s}${after.slice(0, 2)}` : `${before.slice(-3)}${s}`)).filter((n) => n.length > 1);
  const read = (text: string): AccessFields | null => {
    const m = regex.exec(text);
    if (m === null) return null;
    const got: Partial<Record<Field, string>> = {};
    order.forEach((f, i) => {
      if (f !== 'other' && got[f] === undefined) got[f] = m[i + 1];
    });
    const query = got.query === undefined || got.query === '' || got.query === '-' ? '' : got.query.startsWith('?') ? got.query : `?${got.query}`;
    const path = got.path === undefined ? undefined : `${got.path}${query}`;
    const request = got.request ?? [got.method, path, got.protocol].filter((p) => p !== undefined && p !== '' && p !== '-').join(' ');
    return accessFields(got.ip, got.port, got.time ?? null, unescape(request, syntax, json), got.status);
  };
  return { id, syntax, format, needles, read };
}

/**
 * The request as the canonical line wants it: Apache writes a quote as `\"`, a JSON format
 * (nginx `escape=json`) writes JSON escapes; nginx's own `\x22` stays.
 */
function unescape(request: string, syntax: FormatSyntax, json: boolean): string {
  if (json) {
    try {
      return JSON.parse(`"${request}"`) as string;
    } catch {
      return request;
    }
  }
  return syntax === 'apache' ? request.replace(/\\"/g, '\\x22') : request;
}
