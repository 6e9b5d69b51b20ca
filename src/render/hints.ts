import type { SummarySnapshot } from '../sinks/summary.js';

/** What each cause most likely means, and what to do about it. */
const HINTS: Record<string, string> = {
  'not-websocket': 'browsers or crawlers opening the WebSocket URL as a page: harmless; a robots.txt or a 404 page for GET without Upgrade quiets crawlers',
  'bad-upgrade-header': 'a client asked for another protocol (h2c) or no Upgrade: harmless unless a proxy rewrites Upgrade',
  'bad-connection-header': 'Connection lacks "upgrade": a proxy strips it; in nginx set proxy_http_version 1.1, proxy_set_header Upgrade $http_upgrade and proxy_set_header Connection "upgrade"',
  'unsupported-version': 'clients send an old or no Sec-WebSocket-Version: update their WebSocket library',
  'bad-key': 'a malformed or missing Sec-WebSocket-Key: a hand-made client or a scanner',
  'bad-method': 'requests that are not GET: scanners, or a client posting to the WebSocket URL',
  'invalid-http': 'TLS or binary bytes on a plaintext port (wss:// to a ws:// port, scanners): put TLS in front, or ignore',
  'early-close': 'connections closed before a request: TCP health checks or port scans; switch a load balancer to an HTTP health check',
  timeout: 'clients that sent no whole request in time: slow scanners, or a load balancer that opens and waits',
  'origin-rejected': 'Origins outside the allowlist: check the list if real users are refused, else cross-site probes',
  rejected: 'the application refused (401, 403, 404 from a hook): expected for unauthenticated clients',
  subprotocol: 'no subprotocol or extension in common: check what clients and server offer',
  'server-error': 'the application raised during the handshake: a bug, read the tracebacks',
  'upgrade-required': 'answered 426 (the log says no more): plain requests, or a proxy dropping the upgrade headers; DEBUG logging tells which',
  'bad-request': 'answered 400 (the log says no more): malformed handshakes or probes; DEBUG logging tells which',
  forbidden: 'answered 403 (the log says no more): refused origins or the application refusing',
  'unknown-handshake': 'handshake failures no rule explains: `wsnoise records` shows them, a rule file can name them',
};

/** One line per cause present: what it most likely means and what to do. */
export function hints(s: SummarySnapshot): string[] {
  return s.causes.map((row) => {
    // Only a cause seen from one source can be all from one: the table of sources (it may hold
    // 40,000, each one's causes read out only when asked for) is searched for that one alone.
    const single = row.distinctIps === 1 && !row.distinctIpsAtLeast;
    const from = single ? s.ips.find((ip) => (ip.causes[row.cause] ?? 0) > 0) : undefined;
    const one = from !== undefined && from.count === row.count ? ` (all from ${from.key})` : '';
    return `${row.cause}${one}: ${HINTS[row.cause] ?? ''}`;
  });
}
