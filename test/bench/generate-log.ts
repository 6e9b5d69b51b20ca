import { openSync, writeSync, closeSync } from 'node:fs';

/** mulberry32: a small seeded generator, so every run benchmarks the same bytes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'curl/7.88.1',
  'python-requests/2.31.0',
];
const PATHS = ['/api/items?page=3', '/api/users/42', '/static/app.js', '/', '/login', '/api/orders'];

/**
 * Writes a seeded synthetic multi-service log of about `bytes`: nginx access lines, Python app
 * lines, and WebSocket handshake traffic in the shapes real servers write (websockets at INFO,
 * tracebacks, uvicorn warnings), with now and then an application error during a handshake.
 * `noiseShare` is the share of log events that are WebSocket handshakes, good or failed.
 */
export function generateLog(path: string, bytes: number, seed = 42, noiseShare = 0.05): { lines: number; bytes: number } {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ip = (): string => `${pick([198, 203, 192, 45, 81])}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${1 + Math.floor(rnd() * 254)}`;
  // Handshake noise comes from scanners, crawlers and health checkers: a pool of sources, a few
  // of them very busy (a Zipf-like skew), unlike ordinary visitors.
  const sources = Array.from({ length: 5000 }, ip);
  const source = (): string => sources[Math.floor(sources.length * rnd() ** 3)]!;
  let t = Date.UTC(2026, 10, 20, 0, 0, 0);
  const two = (n: number): string => String(n).padStart(2, '0');
  const pyTime = (): string => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  };
  const ngTime = (): string => {
    const d = new Date(t);
    return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
  };
  const access = (path: string, status: number, size: number, from = ip()): string =>
    `${from} - - [${ngTime()}] "GET ${path} HTTP/1.1" ${status} ${size} "-" "${pick(AGENTS)}"\n`;
  const ws = (level: string, msg: string): string => `${pyTime()} ${level} websockets.server: ${msg}\n`;
  const traceback = (frames: [string, number, string, string][], last: string): string =>
    'Traceback (most recent call last):\n' +
    frames.map(([file, line, fn, code]) => `  File "${file}", line ${line}, in ${fn}\n    ${code}\n`).join('') +
    `${last}\n`;
  const lib = '/usr/lib/python3/dist-packages/websockets/legacy';

  const ordinary: [number, () => string][] = [
    [50, () => access(pick(PATHS), pick([200, 200, 200, 200, 200, 200, 200, 304, 304, 404]), Math.floor(rnd() * 20000))],
    [40, () => `${pyTime()} INFO app.api: request handled in ${Math.floor(rnd() * 90)} ms user=${Math.floor(rnd() * 1e5)}\n`],
    [10, () => `${pyTime()} DEBUG app.cache: hit key=session:${Math.floor(rnd() * 1e9).toString(16)}\n`],
  ];
  const handshakes: [number, () => string][] = [
    [4, () => access('/ws', 101, 0) + ws('INFO', 'connection open')],
    [6, () => access('/ws', 426, 165, source())],
    [6, () => ws('INFO', 'connection failed (426 Upgrade Required)') + ws('INFO', 'connection closed')],
    [4, () => ws('INFO', 'connection failed (400 Bad Request)') + ws('INFO', 'connection closed')],
    [2, () => `WARNING:  Invalid HTTP request received.\n` +
      traceback([['/usr/lib/python3/dist-packages/uvicorn/protocols/http/h11_impl.py', 136, 'handle_events', 'event = self.conn.next_event()']], 'h11._util.RemoteProtocolError: illegal request line')],
    [2, () => ws('ERROR', 'opening handshake failed') +
      traceback([[`${lib}/http.py`, 89, 'read_request', 'request_line = await read_line(stream)'], [`${lib}/http.py`, 200, 'read_line', 'raise EOFError("line without CRLF")']], 'EOFError: line without CRLF') +
      '\nThe above exception was the direct cause of the following exception:\n\n' +
      traceback([[`${lib}/server.py`, 149, 'read_http_request', 'raise InvalidMessage("did not receive a valid HTTP request") from exc']], 'websockets.exceptions.InvalidMessage: did not receive a valid HTTP request') +
      ws('INFO', 'connection failed (400 Bad Request)') + ws('INFO', 'connection closed')],
    [1, () => ws('ERROR', 'opening handshake failed') +
      traceback([[`${lib}/server.py`, 177, 'handler', 'await self.handshake('], ['/srv/app/hooks.py', 12, 'process_request', 'raise RuntimeError("database is down")']], 'RuntimeError: database is down') +
      ws('INFO', 'connection failed (500 Internal Server Error)') + ws('INFO', 'connection closed')],
  ];
  const weigh = (list: [number, () => string][], share: number): [number, () => string][] => {
    const sum = list.reduce((n, [w]) => n + w, 0);
    return list.map(([w, make]) => [(w / sum) * share, make]);
  };
  const templates = [...weigh(ordinary, 1 - noiseShare), ...weigh(handshakes, noiseShare)];
  const total = 1;

  const fd = openSync(path, 'w');
  let written = 0;
  let lines = 0;
  let buffer = '';
  while (written < bytes) {
    let r = rnd() * total;
    const [, make] = templates.find(([w]) => (r -= w) < 0) ?? templates[0]!;
    const text = make();
    t += Math.floor(rnd() * 200);
    buffer += text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    if (buffer.length > 1 << 20) {
      written += writeSync(fd, buffer);
      buffer = '';
    }
  }
  written += writeSync(fd, buffer);
  closeSync(fd);
  return { lines, bytes: written };
}
