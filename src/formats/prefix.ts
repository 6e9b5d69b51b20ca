/**
 * What logging layouts put before the message: a time in one of the common shapes (ISO 8601 as
 * Python logging, log4j, zap, winston and slog write it; Go's `log` flags `2026/12/01
 * 10:00:00.123456`; a bracketed one), maybe after a level. Read where a rule captured no time.
 */
const TIME = /^(?:[\[(]?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRITICAL|CRIT|FATAL|PANIC)[\])]?:?\s{1,8})?[\[(]?(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d{1,9})?(?:Z| ?[+-]\d\d:?\d\d)?|\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})?)(?=$|[\s\]),|])/i;
/** logfmt's `time=` (logrus, slog), quoted or not. */
const LOGFMT_TIME = /^(?:time|ts|t)="?(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?)"?(?=\s|$)/;

/** The time a line's prefix holds, as written, or null. */
export function leadingTime(text: string): string | null {
  return (TIME.exec(text) ?? LOGFMT_TIME.exec(text))?.[1] ?? null;
}
