import { UsageError } from '../errors.js';
import { digits, parsePlainIso, parseWall, type Wall } from './parse-wall.js';

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

/**
 * The machine's zone, whatever it is named. Resolved by Intl only when a time is read: loading
 * Intl's zone data costs tens of milliseconds that a filter run need not pay.
 */
export const MACHINE_ZONE = '';

/** The zone as Intl takes it (undefined: the machine's). */
export function intlZone(zone: string): string | undefined {
  return zone === MACHINE_ZONE ? undefined : zone;
}

const OFFSET_SLOT_MS = 15 * 60_000;

interface ZoneCache {
  readonly slots: Map<number, number>;
  lastSlot: number;
  lastOffset: number;
}
const zones = new Map<string, ZoneCache>();

/**
 * Minutes east of UTC in `zone` at the instant `utcMs`. Zones change offset only on quarter
 * hours, so one Intl lookup serves a whole quarter hour; log times mostly move forward, so the
 * last quarter hour is kept at hand. The cache is dropped when it grows large.
 */
export function zoneOffset(zone: string, utcMs: number): number {
  const slot = Math.floor(utcMs / OFFSET_SLOT_MS);
  let cache = zones.get(zone);
  if (cache === undefined) zones.set(zone, (cache = { slots: new Map(), lastSlot: NaN, lastOffset: 0 }));
  if (slot === cache.lastSlot) return cache.lastOffset;
  let offset = cache.slots.get(slot);
  if (offset === undefined) {
    if (cache.slots.size > 10_000) cache.slots.clear();
    offset = lookUpOffset(zone, slot * OFFSET_SLOT_MS);
    cache.slots.set(slot, offset);
  }
  cache.lastSlot = slot;
  cache.lastOffset = offset;
  return offset;
}

function lookUpOffset(zone: string, utcMs: number): number {
  // The process's own zone is the Date object's: no Intl data to load.
  if (zone === MACHINE_ZONE) return -new Date(utcMs).getTimezoneOffset();
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: intlZone(zone),
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

function iso(w: Wall, offset: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const frac = `.${w.frac.slice(0, 3).padEnd(3, '0')}`;
  return `${w.y}-${two(w.mo)}-${two(w.d)}T${two(w.h)}:${two(w.mi)}:${two(w.s)}${frac}${offsetText(offset)}`;
}

/**
 * The offset `zone` has at a wall-clock time there. Around a change of offset, as Python's
 * fold=0 and Temporal's "compatible": a repeated time is the earlier instant, a time in the gap
 * is read with the offset from before the change.
 */
function offsetAtWall(w: Wall, zone: string): number {
  const wallMs = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  const before = zoneOffset(zone, wallMs - 86_400_000);
  const after = zoneOffset(zone, wallMs + 86_400_000);
  if (before === after) return before;
  const fits = (offset: number): boolean => zoneOffset(zone, wallMs - offset * 60_000) === offset;
  const valid = [before, after].filter(fits);
  return valid.length === 0 ? before : Math.max(...valid);
}

/**
 * A log timestamp as ISO 8601 with its offset: Python logging's `2026-11-20 10:00:00,123`,
 * ISO 8601, nginx's `20/Nov/2026:10:00:00 +0000` and `2026/11/20 10:00:00`, HAProxy's
 * `20/Nov/2026:10:00:00.123`, Caddy's epoch seconds `1795687200.123`, Tornado's
 * `261120 10:00:00`, Tomcat JULI's `20-Nov-2026 10:00:00.123`. A time written without a zone
 * is read in `zone`. Null for anything else, and for a time that does not exist.
 */
export function parseLogTime(raw: string | null, zone: string): string | null {
  const parsed = raw === null ? null : parseWall(raw);
  if (parsed === null) return null;
  return iso(parsed.wall, parsed.offset ?? offsetAtWall(parsed.wall, zone));
}

/**
 * The last hour read in each of the two shapes most logs write, and its instant: log times mostly
 * move forward, so a later time in the same hour needs only its minutes and seconds read.
 * Python logging's `2026-11-20 10:00:00,123` (written in no zone: the hour is its first 13
 * characters, read in one zone, and kept only when the zone's offset is the same all through
 * it; else its minute is, as zones change offset only on minute boundaries) and nginx's
 * `20/Nov/2026:10:00:00 +0000` (its first 14 characters, with the same offset after the seconds).
 */
interface Span {
  prefix: string;
  suffix: string;
  zone: string;
  ms: number;
}
const plainSpan: Span = { prefix: '', suffix: '', zone: '', ms: 0 };
const nginxSpan: Span = { prefix: '', suffix: '', zone: '', ms: 0 };
const NGINX_LENGTH = 26;

/** Milliseconds into its minute of a plain ISO time (`SS`, then `,mmm` or `.mmm` and up to 9 digits), or NaN. */
function plainSecondsMs(raw: string): number {
  const s = raw.charCodeAt(16) === 58 ? digits(raw, 17, 2) : NaN;
  if (!(s <= 59)) return NaN;
  const seconds = s * 1000;
  if (raw.length === 19) return seconds;
  const sep = raw.charCodeAt(19);
  if ((sep !== 44 && sep !== 46) || raw.length < 21 || raw.length > 29) return NaN;
  let ms = 0;
  for (let i = 20; i < raw.length; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    if (i < 23) ms = ms * 10 + d;
  }
  for (let i = raw.length; i < 23; i++) ms *= 10;
  return seconds + ms;
}

/** Minutes written at `at` (after a colon) as milliseconds, when the prefix kept was an hour; 0 when it was a minute. */
function minutesMs(raw: string, span: Span, at: number): number {
  if (span.prefix.length > at - 1) return 0;
  const m = raw.charCodeAt(at - 1) === 58 ? digits(raw, at, 2) : NaN;
  return m <= 59 ? m * 60_000 : NaN;
}

/** The instant of a time in the hour (or minute) last read in its shape, or null. */
function sameSpanMs(raw: string, zone: string): number | null {
  if (plainSpan.prefix !== '' && zone === plainSpan.zone && raw.startsWith(plainSpan.prefix)) {
    const into = minutesMs(raw, plainSpan, 14) + plainSecondsMs(raw);
    return Number.isNaN(into) ? null : plainSpan.ms + into;
  }
  if (nginxSpan.prefix !== '' && raw.length === NGINX_LENGTH && raw.startsWith(nginxSpan.prefix) && raw.endsWith(nginxSpan.suffix)) {
    const seconds = raw.charCodeAt(17) === 58 ? digits(raw, 18, 2) : NaN;
    const into = minutesMs(raw, nginxSpan, 15) + seconds * 1000;
    return seconds <= 59 && !Number.isNaN(into) ? nginxSpan.ms + into : null;
  }
  return null;
}

function remember(span: Span, prefix: string, suffix: string, zone: string, ms: number): void {
  span.prefix = prefix;
  span.suffix = suffix;
  span.zone = zone;
  span.ms = ms;
}

/** The same instant as milliseconds since the epoch, for ordering (no text is built). */
export function logTimeMs(raw: string | null, zone: string): number | null {
  if (raw === null) return null;
  const quick = sameSpanMs(raw, zone);
  if (quick !== null) return quick;
  const parsed = parseWall(raw);
  if (parsed === null) return null;
  const { wall: w } = parsed;
  const offset = parsed.offset ?? offsetAtWall(w, zone);
  const minuteMs = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - offset * 60_000;
  if (parsed.offset === null && parsePlainIso(raw) !== null) {
    // An hour through which the zone keeps one offset (checked at its first and last minute).
    const steady = offsetAtWall({ ...w, mi: 0 }, zone) === offset && offsetAtWall({ ...w, mi: 59 }, zone) === offset;
    if (steady) remember(plainSpan, raw.slice(0, 13), '', zone, minuteMs - w.mi * 60_000);
    else remember(plainSpan, raw.slice(0, 16), '', zone, minuteMs);
  } else if (parsed.offset !== null && raw.length === NGINX_LENGTH && raw.charCodeAt(2) === 47 && raw.charCodeAt(20) === 32) {
    remember(nginxSpan, raw.slice(0, 14), raw.slice(20), '', minuteMs - w.mi * 60_000);
  }
  return minuteMs + w.s * 1000 + fractionMs(w.frac);
}

function fractionMs(frac: string): number {
  if (frac === '') return 0;
  return digits(frac.padEnd(3, '0'), 0, 3);
}
