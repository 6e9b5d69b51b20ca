import { UsageError } from '../errors.js';

const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
const ISO = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:[,.](\d{1,9}))?(?: ?(Z|[+-]\d\d:?\d\d))?$/;
const NGINX_ACCESS = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})$/;
const NGINX_ERROR = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)$/;

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  frac: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The machine's zone, or throws a usage error for a zone name Intl does not know. */
export function checkZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`--tz takes an IANA zone such as UTC or Europe/Berlin, not '${zone}'`);
  }
}

export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const OFFSET_SLOT_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * Minutes east of UTC in `zone` at the instant `utcMs`. Zones change offset only on quarter
 * hours, so one Intl lookup serves a whole quarter hour; the cache is dropped when it grows large.
 */
function zoneOffset(zone: string, utcMs: number): number {
  const key = `${zone} ${Math.floor(utcMs / OFFSET_SLOT_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 10_000) offsets.clear();
    offset = lookUpOffset(zone, Math.floor(utcMs / OFFSET_SLOT_MS) * OFFSET_SLOT_MS);
    offsets.set(key, offset);
  }
  return offset;
}

function lookUpOffset(zone: string, utcMs: number): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(utcMs)) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const digits = text.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits[0] === '-' ? -minutes : minutes;
}

function iso(w: Wall, offset: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const frac = w.frac === '' ? '' : `.${w.frac}`;
  return `${w.y}-${two(w.mo)}-${two(w.d)}T${two(w.h)}:${two(w.mi)}:${two(w.s)}${frac}${offsetText(offset)}`;
}

/** The offset `zone` has at a wall-clock time there (the later one when a DST change repeats it). */
function offsetAtWall(w: Wall, zone: string): number {
  const wallMs = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  const first = zoneOffset(zone, wallMs);
  return zoneOffset(zone, wallMs - first * 60000);
}

/**
 * A log timestamp as ISO 8601 with its offset: Python logging's `2026-11-20 10:00:00,123`,
 * ISO 8601, nginx's `20/Nov/2026:10:00:00 +0000` and `2026/11/20 10:00:00`. A time written
 * without a zone is read in `zone`. Null for anything else.
 */
export function parseLogTime(raw: string | null, zone: string): string | null {
  if (raw === null) return null;
  let m = ISO.exec(raw);
  if (m) {
    const w = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] ?? '' };
    return iso(w, m[8] !== undefined ? parseOffset(m[8]) : offsetAtWall(w, zone));
  }
  m = NGINX_ACCESS.exec(raw);
  if (m && MONTHS[m[2]!] !== undefined) {
    const w = { y: +m[3]!, mo: MONTHS[m[2]!]!, d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: '' };
    return iso(w, parseOffset(m[7]!));
  }
  m = NGINX_ERROR.exec(raw);
  if (m) {
    const w = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: '' };
    return iso(w, offsetAtWall(w, zone));
  }
  return null;
}
