/**
 * Fragments shared by the stacks' rules, expanded where a pattern says `{NAME}`. Each is in the
 * portable subset (no lookaround, no backreferences) and has no nested unbounded quantifier and
 * no repeated alternatives that may match the same text.
 */
const IPV4 = '(?:\\d{1,3}\\.){3}\\d{1,3}';
const IPV6 = '[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,45}';
/** An ISO 8601 time as loggers write it (Python logging's `2026-11-20 10:00:00,123` too). */
export const ISO_TIME = '\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:[,.]\\d{1,9})?(?:Z| ?[+-]\\d\\d:?\\d\\d)?';

export const FRAGMENTS: Readonly<Record<string, string>> = {
  /** An IPv4 or IPv6 address, bracketed or not, as `ip`. */
  IP: `\\[?(?<ip>${IPV4}|${IPV6})\\]?`,
  /** Python's address tuple `('1.2.3.4', 5678)` (IPv6 tuples have four fields). */
  PYADDR: `\\('(?<ip>${IPV4}|${IPV6})', (?<port>\\d{1,5})(?:, \\d{1,10}, \\d{1,10})?\\)`,
  /** uvicorn's client in WebSocket lines: a tuple up to 0.34.2, `ip:port` from 0.34.3. */
  CLIENT: `(?:\\('|\\[)?(?<ip>${IPV4}|${IPV6})(?:'|\\])?(?:, |:)(?<port>\\d{1,5})(?:, \\d{1,10}, \\d{1,10})?\\)?`,
  /** `1.2.3.4:5678`, `[::1]:5678` or `::1:5678`. */
  HOSTPORT: `\\[?(?<ip>${IPV4}|${IPV6})\\]?:(?<port>\\d{1,5})`,
  /**
   * Whatever a logging format puts before the message (a time, the level, the logger name):
   * the time is captured when the line starts with one; lazy and bounded, so the rest of the
   * pattern decides where the message begins.
   */
  PREFIX: `\\[?(?<time>${ISO_TIME})?[^\\n]{0,200}?`,
  NGINX_ACCESS_TIME: '\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}',
  /** The start of a combined (or common) access-log line up to the request's quote: the client, `-`, the user, `[time]`. */
  CLF_HEAD: `^\\[?(?<ip>${IPV4}|${IPV6})\\]? - [^\\n]{0,200}? \\[(?<time>\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})\\] "`,
  /** The end of a combined access-log line after the status: the size, the referer, the user agent. */
  CLF_TAIL: ' \\d{1,20} "[^"\\n]{0,8000}" "[^"\\n]{0,8000}"$',
  NGINX_ERROR_TIME: '\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d',
  /** A Python exception's qualified name, as the last line of a traceback prints it. */
  PYEXC: '(?:[A-Za-z_][\\w]{0,60}\\.){0,6}',
};

/** Replaces `{NAME}` with its fragment; an unknown name is left for the compiler to report. */
/** A time at the start of a line, as {PREFIX} captures it; for stacks with a prefix of their own. */
export const LEADING_TIME = `\\[?(?<time>${ISO_TIME})?`;

export function expandFragments(pattern: string): string {
  return pattern.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => FRAGMENTS[name] ?? whole);
}
