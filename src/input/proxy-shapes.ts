/**
 * The access-line shapes of the proxies whose logs name the client behind them. Each reads only
 * the fields the proxy writes itself (the client's address, the time, the status, the path),
 * never a header such as X-Forwarded-For, which the client writes; a shape whose line names no
 * client (Envoy's default format) gives `ip: null`. Any status: the caller keeps the failures.
 */
export interface ProxyFields {
  readonly ip: string | null;
  /** As written: read in --tz when it has no zone. */
  readonly time: string;
  readonly status: number;
  readonly path: string | null;
}

export interface ProxyShape {
  readonly name: string;
  readonly read: (text: string) => ProxyFields | null;
}

/** `1.2.3.4:5678`, `[::1]:5678` or `::1:5678` (the port is the last group), the address captured. */
const HOSTPORT = '\\[?([0-9A-Fa-f:.]{2,45}?)\\]?:\\d{1,5}';

/** nginx's combined format, and any that starts like it: the client, `-`, the user, `[time]`, `"request"`, status. */
const COMBINED = /^\[?([0-9A-Fa-f:.]{2,45})\]? - [^\n[]{0,200}\[(\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "(?:[A-Z]{1,20} ([^"\s]{1,4000}) HTTP\/\d\.\d|[^"\n]{0,8000})" (\d{3}) /;

/** HAProxy's `option httplog`: `ip:port [accept date, ms, no zone] frontend backend/server timers status bytes … "request"`. */
const HAPROXY = new RegExp(`^${HOSTPORT} \\[(\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)\\] \\S{1,200} \\S{1,200} [-\\d/+]{1,80} (\\d{3}) [^"\\n]{0,400}"(?:[A-Z]{1,20} ([^"\\s]{1,4000}) HTTP/\\d\\.\\d|[^"\\n]{0,8000})"$`);

/**
 * Caddy's JSON access log (zap): `ts`, then the request with `remote_ip` and, from 2.7, `client_ip`
 * (the client through trusted proxies, which wins), and the `uri`. Inside JSON strings a bare `"`
 * cannot occur, so the keys matched here cannot be forged by what a client sends.
 */
const CADDY = /^\{"level":"[a-z]{1,10}","ts":(\d{9,11}(?:\.\d{1,9})?|"[^"\n]{1,60}"),"logger":"http\.log\.access(?:\.[^"\n]{1,100})?","msg":"handled request","request":\{"remote_ip":"([^"\n]{1,60})","remote_port":"\d{1,5}",(?:"client_ip":"([^"\n]{1,60})",)?"proto":"[^"\n]{1,20}","method":"[^"\n]{1,20}","host":"(?:[^"\\\n]|\\[^\n]){0,1000}","uri":"((?:[^"\\\n]|\\[^\n]){1,4000})","headers":\{/;
/** Caddy's status, after the request object: `"duration":…,"size":…,"status":426`. */
const CADDY_STATUS = /,"duration":[0-9.e-]{1,30},"size":\d{1,20},"status":(\d{1,3})[,}]/g;

/**
 * Envoy's text access log: `[start time] "METHOD path PROTOCOL" status flags …`. Its default
 * format names no client (only X-Forwarded-For, the client's); Istio's ends, after the last quoted
 * field, with cluster, upstream local, downstream local, downstream remote (the client), SNI, route.
 * Envoy does not escape quotes in the values it logs, and a client chooses several of them (its
 * headers, even its TLS server name), so the tail is read only when the line holds exactly the
 * quotes of its format: 12, or 14 when Istio's response details and `"failure reason"` follow the flags.
 */
const ENVOY = /^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z)\] "(?:[A-Z]{1,20}|-) ([^"\s]{1,4000}|-) (?:HTTP\/[0-9.]{1,3}|-)" (\d{1,3}) [A-Z,-]{1,60} ((?:[^\s"]{1,300} [^\s"]{1,300} ")?)/;
const ENVOY_TAIL = new RegExp(`^ [^\\s"]{1,300} [^\\s"]{1,100} [^\\s"]{1,100} ${HOSTPORT} [^\\s"]{1,253} [^\\s"]{1,300}$`);

function quotes(text: string): number {
  let n = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) n++;
  return n;
}

/**
 * AWS ALB: type, time, load balancer, client:port, target:port, three processing times, the
 * load balancer's status, the target's, two sizes, `"METHOD URL PROTOCOL"`. The target's status is
 * what the application answered; the load balancer's stands when the target gave none (`-`).
 */
const ALB = new RegExp(
  `^(?:https?|h2|grpcs|wss?) (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{1,9}Z) [^\\s"]{1,300} ${HOSTPORT} [^\\s"]{1,100}(?: (?:-1|\\d{1,9}\\.\\d{1,9})){3} (\\d{3}) (\\d{3}|-) \\d{1,20} \\d{1,20} "(?:[A-Z]{1,20}|-) (?:[a-z]{2,5}://[^/"\\s]{1,300})?(/[^"\\s]{0,4000}|-)(?: HTTP/[0-9.]{1,3}| -)?" `,
);

const orNull = (path: string | undefined): string | null => (path === undefined || path === '-' ? null : path);

/** A JSON string's content, unescaped (`\/`, `\u0026`); as written if it does not parse. */
function jsonText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

export const PROXY_SHAPES: readonly ProxyShape[] = [
  {
    name: 'combined',
    read(text) {
      const m = COMBINED.exec(text);
      return m === null ? null : { ip: m[1]!, time: m[2]!, status: Number(m[4]), path: orNull(m[3]) };
    },
  },
  {
    name: 'haproxy',
    read(text) {
      const m = HAPROXY.exec(text);
      return m === null ? null : { ip: m[1]!, time: m[2]!, status: Number(m[3]), path: orNull(m[4]) };
    },
  },
  {
    name: 'caddy',
    read(text) {
      const m = text.charCodeAt(0) === 0x7b ? CADDY.exec(text) : null;
      if (m === null) return null;
      CADDY_STATUS.lastIndex = m[0].length;
      const s = CADDY_STATUS.exec(text);
      if (s === null) return null;
      return { ip: m[3] ?? m[2]!, time: m[1]!.replace(/^"|"$/g, ''), status: Number(s[1]), path: jsonText(m[4]!) };
    },
  },
  {
    name: 'envoy',
    read(text) {
      const m = text.charCodeAt(0) === 0x5b ? ENVOY.exec(text) : null;
      if (m === null) return null;
      const tail = ENVOY_TAIL.exec(text.slice(text.lastIndexOf('"') + 1));
      const ip = tail !== null && quotes(text) === (m[4] === '' ? 12 : 14) ? tail[1]! : null;
      return { ip, time: m[1]!, status: Number(m[3]), path: orNull(m[2]) };
    },
  },
  {
    name: 'alb',
    read(text) {
      const m = ALB.exec(text);
      if (m === null) return null;
      return { ip: m[2]!, time: m[1]!, status: Number(m[4] === '-' ? m[3] : m[4]), path: orNull(m[5]) };
    },
  },
];
