import type { AccessFields } from './access-fields.js';
import { accessFields } from './access-fields.js';

type Json = Record<string, unknown>;

/**
 * Field names that JSON access logs give the client, by server: nginx `escape=json` with its
 * variable names, Traefik, Caddy (inside `request`), Envoy, and common hand-made ones. Never a
 * forwarded-for header: the client writes that.
 */
const CLIENT = ['remote_addr', 'remoteAddr', 'remote_ip', 'remoteIP', 'client_ip', 'clientIp', 'clientip', 'client_addr', 'ClientHost', 'ClientAddr', 'downstream_remote_address', 'c-ip', 'client'];
const PORT = ['remote_port', 'remotePort', 'ClientPort', 'client_port'];
const STATUS = ['status', 'DownstreamStatus', 'response_code', 'status_code', 'statusCode', 'http_status', 'sc-status', 'response_status'];
const REQUEST = ['request', 'request_line', 'RequestLine'];
const METHOD = ['request_method', 'method', 'RequestMethod', 'http_method', 'httpMethod'];
const PATH = ['request_uri', 'uri', 'RequestPath', 'path', 'url', 'request_path'];
const PROTOCOL = ['server_protocol', 'protocol', 'RequestProtocol', 'proto', 'http_version'];
const TIME = ['time_local', 'time_iso8601', 'time', 'timestamp', '@timestamp', 'StartUTC', 'StartLocal', 'ts', 'start_time', 'date'];

function first(o: Json, names: readonly string[]): unknown {
  for (const name of names) if (o[name] !== undefined && o[name] !== null && o[name] !== '') return o[name];
  return undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function time(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  return new Date(v < 1e11 ? v * 1000 : v).toISOString();
}

function requestOf(o: Json, nested: Json | null): string | null {
  const line = text(first(o, REQUEST));
  // Whatever the client sent, as the server wrote it: TLS or binary bytes have no spaces.
  if (line !== undefined && line !== '-') return line;
  const from = (names: readonly string[]): string | undefined => text(first(o, names)) ?? (nested === null ? undefined : text(first(nested, names)));
  const method = from(METHOD);
  const path = from(PATH);
  if (method === undefined || path === undefined) return null;
  const protocol = from(PROTOCOL);
  return protocol === undefined ? `${method} ${path}` : `${method} ${path} ${protocol}`;
}

/**
 * A JSON access-log line read by its field names, or null when it names no client, no status or
 * no request: an application's JSON log line with a `status` is not an access line.
 */
export function readJsonAccess(o: Json): AccessFields | null {
  const nested = typeof o['request'] === 'object' && o['request'] !== null && !Array.isArray(o['request']) ? (o['request'] as Json) : null;
  const status = first(o, STATUS);
  if (status === undefined) return null;
  const client = text(first(o, CLIENT)) ?? (nested === null ? undefined : text(first(nested, CLIENT)));
  const request = requestOf(o, nested);
  if (client === undefined || request === null) return null;
  const fields = accessFields(client, text(first(o, PORT)) ?? (nested === null ? undefined : text(first(nested, PORT))), time(first(o, TIME)), request, text(status));
  const server = serverOf(o, nested);
  // Caddy's and Traefik's lines are judged by their stacks' rules, which read their headers too.
  if (server === 'caddy' || server === 'traefik') return null;
  return fields === null || server === null ? fields : { ...fields, server };
}

/** Which server's names these are, where they are its own. */
function serverOf(o: Json, nested: Json | null): string | null {
  if ('DownstreamStatus' in o || 'ClientHost' in o) return 'traefik';
  if (nested !== null && ('remote_ip' in nested || 'remote_addr' in nested) && 'proto' in nested) return 'caddy';
  if ('downstream_remote_address' in o || 'response_code' in o) return 'envoy';
  if ('body_bytes_sent' in o || 'time_local' in o || 'request_time' in o) return 'nginx';
  return null;
}
