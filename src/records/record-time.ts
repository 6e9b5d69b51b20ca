import { logTimeMs } from '../classify/time.js';
import { UsageError } from '../errors.js';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const LEADING_ISO = /^\[?(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d{1,9})?(?:Z| ?[+-]\d\d:?\d\d)?)/;
const NGINX_ERROR = /^(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d) /;
const ACCESS = /^\S{1,60} \S{1,60} [^[\n]{0,200}\[(\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\]/;
const SYSLOG = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) /;

/**
 * The time a log line was written, from its start (Python logging, ISO 8601, nginx's error and
 * access formats, Tornado's and Tomcat JULI's, syslog without a year), in milliseconds; null
 * when it has none. A syslog time is given the year that does not put it in the future of `now`.
 */
export function lineTimeMs(text: string, zone: string, now: number): number | null {
  const own = tornadoOrJuliTime(text);
  const ownMs = own === null ? null : logTimeMs(own, zone);
  if (ownMs !== null) return ownMs;
  const iso = LEADING_ISO.exec(text) ?? NGINX_ERROR.exec(text) ?? ACCESS.exec(text);
  if (iso !== null) return logTimeMs(iso[1]!, zone);
  const s = SYSLOG.exec(text);
  if (s === null || MONTHS[s[1]!] === undefined) return null;
  const year = new Date(now).getUTCFullYear();
  const at = (y: number): number | null =>
    logTimeMs(`${y}-${String(MONTHS[s[1]!]! + 1).padStart(2, '0')}-${s[2]!.trim().padStart(2, '0')} ${s[3]}:${s[4]}:${s[5]}`, zone);
  const thisYear = at(year);
  return thisYear !== null && thisYear > now + 86_400_000 ? at(year - 1) : thisYear;
}

/**
 * The time at the start of Tornado's `[W 261201 19:26:03 web:2293] ` (after its colour code on a
 * terminal) or of JULI's `01-Dec-2026 19:27:17.626 INFO `, found by hand: most lines are neither,
 * and are told so by their first characters. logTimeMs checks the digits.
 */
function tornadoOrJuliTime(text: string): string | null {
  const c = (i: number): number => text.charCodeAt(i);
  if (c(2) === 45 && c(6) === 45 && c(11) === 32) {
    const end = text.indexOf(' ', 12);
    return end === -1 || end > 30 ? null : text.slice(0, end);
  }
  const at = c(0) === 27 && c(1) === 91 ? text.indexOf('m', 2) + 1 : 0;
  if (at > 16 || c(at) !== 91 || !TORNADO_LEVELS.has(c(at + 1)) || c(at + 2) !== 32 || c(at + 18) !== 32) return null;
  return text.slice(at + 3, at + 18);
}
/** D, I, W, E, C: the level letters of Tornado's prefix. */
const TORNADO_LEVELS = new Set([68, 73, 87, 69, 67]);

const DURATION = /^(\d+)\s*(s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since` / `--until`: ISO 8601 (a time without a zone read in `zone`) or a duration back from now. */
export function parseWhen(flag: string, value: string, zone: string, now: number): number {
  const d = DURATION.exec(value.trim());
  if (d !== null) return now - Number(d[1]) * UNIT_MS[d[2]!]!;
  const day = /^\d{4}-\d\d-\d\d$/.test(value.trim()) ? `${value.trim()} 00:00:00` : value.trim();
  const ms = logTimeMs(day, zone);
  if (ms === null) throw new UsageError(`${flag} takes ISO 8601 (2026-11-20, 2026-11-20T10:00:00+01:00) or a duration back from now (90m, 24h, 7d), not '${value}'`);
  return ms;
}
