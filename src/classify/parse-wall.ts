/**
 * The wall-clock times logs write, read into their fields: the zone as written, or null when the
 * log wrote none (time.ts places those in --tz). No zone data is needed here.
 */

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
const ISO = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[,.](\d{1,9}))?(?: ?(Z|[+-]\d\d:?\d\d))?$/;
/** nginx's access time; also HAProxy's (milliseconds, no zone). */
const NGINX_ACCESS = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?: ([+-]\d{4}))?$/;
/** Seconds since the epoch with a fraction, as Caddy's JSON `ts` (zap's default). */
const EPOCH = /^(\d{9,11})(?:\.(\d{1,9}))?$/;
const NGINX_ERROR = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)$/;

export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  frac: string;
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const digits = text.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits[0] === '-' ? -minutes : minutes;
}

export interface Parsed {
  readonly wall: Wall;
  /** Minutes east of UTC as written, or null when the log wrote no zone. */
  readonly offset: number | null;
}

export function digits(raw: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** `YYYY-MM-DD HH:MM:SS` with an optional `,mmm`/`.mmm` and no zone: Python logging's, read without a regex. */
export function parsePlainIso(raw: string): Parsed | null {
  const c = (i: number): number => raw.charCodeAt(i);
  if (raw.length < 19 || c(4) !== 45 || c(7) !== 45 || (c(10) !== 32 && c(10) !== 84) || c(13) !== 58 || c(16) !== 58) return null;
  const frac = fractionAt(raw, 19);
  if (frac === null) return null;
  return unzoned({ y: digits(raw, 0, 4), mo: digits(raw, 5, 2), d: digits(raw, 8, 2), h: digits(raw, 11, 2), mi: digits(raw, 14, 2), s: digits(raw, 17, 2), frac });
}

/** Tornado's LogFormatter `yymmdd HH:MM:SS` (`%y%m%d %H:%M:%S`): a year of this century, no zone. */
function parseTornado(raw: string): Parsed | null {
  const c = (i: number): number => raw.charCodeAt(i);
  if (raw.length !== 15 || c(6) !== 32 || c(9) !== 58 || c(12) !== 58) return null;
  return unzoned({ y: 2000 + digits(raw, 0, 2), mo: digits(raw, 2, 2), d: digits(raw, 4, 2), h: digits(raw, 7, 2), mi: digits(raw, 10, 2), s: digits(raw, 13, 2), frac: '' });
}

/** Tomcat JULI's OneLineFormatter `dd-MMM-yyyy HH:mm:ss.SSS` (English month names), no zone. */
function parseJuli(raw: string): Parsed | null {
  const c = (i: number): number => raw.charCodeAt(i);
  if (raw.length < 20 || c(2) !== 45 || c(6) !== 45 || c(11) !== 32 || c(14) !== 58 || c(17) !== 58) return null;
  const mo = MONTHS[raw.slice(3, 6)];
  const frac = fractionAt(raw, 20);
  if (mo === undefined || frac === null) return null;
  return unzoned({ y: digits(raw, 7, 4), mo, d: digits(raw, 0, 2), h: digits(raw, 12, 2), mi: digits(raw, 15, 2), s: digits(raw, 18, 2), frac });
}

/** The digits of the `,mmm` or `.mmm` (1 to 9 digits) that ends `raw` from `at`: '' when it ends there, null when anything else follows. */
function fractionAt(raw: string, at: number): string | null {
  if (raw.length === at) return '';
  if (raw.charCodeAt(at) !== 44 && raw.charCodeAt(at) !== 46) return null;
  let end = at + 1;
  while (end < raw.length && end < at + 10 && raw.charCodeAt(end) >= 48 && raw.charCodeAt(end) <= 57) end++;
  return end === raw.length && end > at + 1 ? raw.slice(at + 1) : null;
}

function unzoned(wall: Wall): Parsed | null {
  return exists(wall) ? { wall, offset: null } : null;
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the wall time exists: Date.UTC would roll 31 February over into March. (No logger here writes a leap second.) */
function exists(w: Wall): boolean {
  if (!(w.y >= 0 && w.mo >= 1 && w.mo <= 12 && w.d >= 1 && w.h <= 23 && w.mi <= 59 && w.s <= 59)) return false;
  if (w.mo === 2 && w.d === 29) return w.y % 4 === 0 && (w.y % 100 !== 0 || w.y % 400 === 0);
  return w.d <= MONTH_DAYS[w.mo - 1]!;
}

/** A log time's wall-clock fields and the zone it was written with; null for a time that does not exist. */
export function parseWall(raw: string): Parsed | null {
  const parsed = parsePlainIso(raw) ?? parseTornado(raw) ?? parseJuli(raw) ?? parseByPattern(raw);
  return parsed !== null && exists(parsed.wall) ? parsed : null;
}

function parseByPattern(raw: string): Parsed | null {
  let m = ISO.exec(raw);
  if (m) {
    const wall = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] ?? '' };
    return { wall, offset: m[8] !== undefined ? parseOffset(m[8]) : null };
  }
  m = NGINX_ACCESS.exec(raw);
  if (m && MONTHS[m[2]!] !== undefined) {
    return { wall: { y: +m[3]!, mo: MONTHS[m[2]!]!, d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] ?? '' }, offset: m[8] === undefined ? null : parseOffset(m[8]) };
  }
  m = EPOCH.exec(raw);
  if (m) {
    const t = new Date(Number(m[1]) * 1000);
    const wall = { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), frac: m[2] ?? '' };
    return { wall, offset: 0 };
  }
  m = NGINX_ERROR.exec(raw);
  if (m) return { wall: { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: '' }, offset: null };
  return null;
}
