import { ipAndPort } from './access-fields.js';

/**
 * Where servers and applications write the peer's address in a line of text: the first field,
 * or after a keyword of their own (`from 1.2.3.4`, `client: [::1]:5678`, `[client 1.2.3.4:5]`,
 * `remote_addr=…`, `peer=…`, `ip=…`). A keyword counts only at the start of a word, and never
 * inside a double-quoted string: a request, a path's query (`?from=6.6.6.6`), a header or a user
 * agent is the client's own text.
 */
const KEYWORD = /(?:^|[\s[(,;|])(?:from|client|peer|remote|remote_addr|remoteAddr|remote_ip|remoteIp|client_ip|clientIp|client_addr|addr|address|ip|src)(?:=|: ?| )/g;
const ADDRESS = /^(?:\[([0-9A-Fa-f:.]{2,45}(?:%[\w.-]{1,20})?)\](?::(\d{1,5}))?|((?:\d{1,3}\.){3}\d{1,3})(?::(\d{1,5}))?|([0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{0,44}[0-9A-Fa-f.]))(?=$|[\s,;)\]|'"]|:(?:\s|$)|\.(?:\s|$))/;

export interface FoundAddress {
  readonly ip: string;
  readonly port: number | null;
}

function addressAt(text: string, at: number): FoundAddress | null {
  const m = ADDRESS.exec(text.slice(at, at + 64));
  if (m === null) return null;
  if (m[1] !== undefined) return ipAndPort(m[1], m[2]);
  if (m[3] !== undefined) return ipAndPort(m[3], m[4]);
  // A bare IPv6 address may end in what looks like a port (`::1:5678`): taken as written.
  return ipAndPort(m[5]);
}

/** Whether the line may start with an address: `[` or `:`, or up to four hex digits then `.` or `:` (not a time's `2026-`). */
function mayLeadWithAddress(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x5b || first === 0x3a) return true;
  for (let i = 0; i < 5 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (i > 0 && (c === 0x2e || c === 0x3a)) return true;
    const lower = c | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x66))) return false;
  }
  return false;
}

/** Offsets inside double-quoted strings (a `\"` does not end one). */
function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let open = -1;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) {
    if (open === -1) open = i;
    else if (text.charCodeAt(i - 1) !== 0x5c) {
      spans.push([open, i]);
      open = -1;
    }
  }
  if (open !== -1) spans.push([open, text.length]);
  return spans;
}

/**
 * The peer's address in a line whose rule captured none, or null. `skip` is a span not to look
 * in: the library's message, whose words (an Origin, a header value) may be the client's.
 */
export function findAddress(text: string, skip: readonly [number, number] | null = null): FoundAddress | null {
  const leading = mayLeadWithAddress(text) ? addressAt(text, 0) : null;
  if (leading !== null) return leading;
  const quoted = quotedSpans(text);
  const outside = (at: number): boolean => !quoted.some(([a, b]) => at > a && at < b) && (skip === null || at < skip[0] || at >= skip[1]);
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m !== null; m = KEYWORD.exec(text)) {
    const at = m.index + m[0].length;
    if (!outside(m.index + 1)) continue;
    const found = addressAt(text, at);
    if (found !== null) return found;
    KEYWORD.lastIndex = m.index + 1;
  }
  return null;
}
