/**
 * Envelopes that log shippers put around each line of a service's log: syslog and journald,
 * Heroku-style drains, Docker's json-file driver, Kubernetes CRI, `docker compose logs`. The
 * payload is what records are assembled from and rules match, so a rule matches a line raw or
 * wrapped; the line's bytes are never changed.
 */
export type EnvelopeId = 'syslog' | 'iso-syslog' | 'journal-json' | 'docker-json' | 'cri' | 'compose';

export interface Unwrapped {
  readonly payload: string;
  /** The service that wrote the line (unit, program and pid, dyno, compose service), if the envelope says. */
  readonly source: string | null;
  /** The envelope's time, for a payload that has none of its own. */
  readonly time: string | null;
  /** A piece of a longer line: the next piece of the same stream continues it (CRI `P`, Docker without `\n`). */
  readonly partial: boolean;
  /** Pieces are joined per stream. */
  readonly stream: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC3164 = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\S{1,255}) ([^\s[:]{1,128})(?:\[([^\]\s]{1,64})\])?: ?(.*)$/;
/** journalctl -o short-iso (host, then identifier) and Heroku drains (`app[web.1]:`, no host). */
const ISO_SYSLOG = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)) (?:(\S{1,255}) )?([^\s[:]{1,128})\[([^\]\s]{1,64})\]: ?(.*)$/;
const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (stdout|stderr) ([PF]) ?(.*)$/;
const COMPOSE = /^([A-Za-z0-9][\w.-]{0,127}) {0,64}\| ?(.*)$/;

function source(ident: string, pid: string | undefined, host?: string): string {
  return `${host === undefined ? '' : `${host} `}${ident}${pid === undefined ? '' : `[${pid}]`}`;
}

/** Syslog writes no year: the one that does not put the line more than a day in the future of `now`. */
function syslogTime(month: string, day: string, clock: string, now: number): string {
  const mo = MONTHS.indexOf(month);
  const d = Number(day.trim());
  const [h, mi, s] = clock.split(':').map(Number) as [number, number, number];
  let year = new Date(now).getUTCFullYear();
  if (Date.UTC(year, mo, d, h, mi, s) > now + 86_400_000) year--;
  return `${year}-${String(mo + 1).padStart(2, '0')}-${String(d).padStart(2, '0')} ${clock}`;
}

/** A JSON object line, parsed; null for anything else. The text is latin1: bytes stay bytes. */
function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function withoutNewline(text: string): { text: string; ended: boolean } {
  if (!text.endsWith('\n')) return { text, ended: false };
  return { text: text.slice(0, text.endsWith('\r\n') ? -2 : -1), ended: true };
}

/** journald's MESSAGE is a string, or an array of bytes when it is not valid UTF-8. */
function journalMessage(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('latin1');
  return null;
}

const UNWRAP: Record<EnvelopeId, (text: string, now: number) => Unwrapped | null> = {
  syslog(text, now) {
    const m = RFC3164.exec(text);
    if (m === null || !MONTHS.includes(m[1]!)) return null;
    return { payload: m[7]!, source: source(m[5]!, m[6], m[4]!), time: syslogTime(m[1]!, m[2]!, m[3]!, now), partial: false, stream: '' };
  },
  'iso-syslog'(text) {
    const m = ISO_SYSLOG.exec(text);
    if (m === null) return null;
    return { payload: m[5]!, source: source(m[3]!, m[4], m[2]), time: m[1]!, partial: false, stream: '' };
  },
  'journal-json'(text) {
    if (!text.startsWith('{') || !text.includes('"__REALTIME_TIMESTAMP"')) return null;
    const o = parseObject(text);
    const message = o === null ? null : journalMessage(o['MESSAGE']);
    if (o === null || message === null) return null;
    const us = Number(o['__REALTIME_TIMESTAMP']);
    const unit = o['_SYSTEMD_UNIT'] ?? o['SYSLOG_IDENTIFIER'] ?? o['_COMM'];
    const pid = o['_PID'] ?? o['SYSLOG_PID'];
    return {
      payload: withoutNewline(message).text,
      source: typeof unit === 'string' ? source(unit, typeof pid === 'string' ? pid : undefined) : null,
      time: Number.isFinite(us) ? new Date(Math.floor(us / 1000)).toISOString() : null,
      partial: false,
      stream: '',
    };
  },
  'docker-json'(text) {
    if (!text.startsWith('{"log":')) return null;
    const o = parseObject(text);
    if (o === null || typeof o['log'] !== 'string') return null;
    const { text: payload, ended } = withoutNewline(o['log']);
    const stream = typeof o['stream'] === 'string' ? o['stream'] : '';
    return { payload, source: null, time: typeof o['time'] === 'string' ? o['time'] : null, partial: !ended, stream };
  },
  cri(text) {
    const m = CRI.exec(text);
    if (m === null) return null;
    return { payload: m[4]!, source: null, time: m[1]!, partial: m[3] === 'P', stream: m[2]! };
  },
  compose(text) {
    const m = COMPOSE.exec(text);
    if (m === null) return null;
    return { payload: m[2]!, source: m[1]!, time: null, partial: false, stream: m[1]! };
  },
};

/** Tried in this order on an input's first line: the most distinctive shapes first. */
const DETECTION_ORDER: readonly EnvelopeId[] = ['docker-json', 'journal-json', 'cri', 'iso-syslog', 'syslog', 'compose'];

/** The envelope an input's first line is wrapped in, or null for a bare log. */
export function detectEnvelope(firstLine: string, now: number): EnvelopeId | null {
  return DETECTION_ORDER.find((id) => UNWRAP[id](firstLine, now) !== null) ?? null;
}

export function unwrap(id: EnvelopeId, text: string, now: number): Unwrapped | null {
  return UNWRAP[id](text, now);
}
