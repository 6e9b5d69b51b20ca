import type { HandshakeEvent } from '../events/event.js';
import type { Cause } from '../classify/causes.js';
import { isLocalAddress } from '../classify/ip.js';

/** Causes a request that lost its Upgrade and Connection headers on the way ends in. */
const UPGRADE_LOST: ReadonlySet<Cause> = new Set(['bad-connection-header', 'bad-upgrade-header', 'not-websocket', 'upgrade-required']);
/** Fewer failures on a route than this are a scanner's visit, not a pattern. */
export const MIN_ROUTE_FAILURES = 5;
const MAX_ROUTES = 1000;
/** How many inputs a finding names before it counts the rest. */
const NAMED_FILES = 3;

/** What forwards the upgrade, per proxy: the notice's one line names all three. */
export const FORWARD_UPGRADE = [
  'nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"',
  'Apache: ProxyPass /ws ws://backend/ws (mod_proxy_wstunnel), or from 2.4.47 ProxyPass / http://backend/ upgrade=websocket',
  'HAProxy: mode http forwards them, unless an "http-request del-header" removes Connection or Upgrade',
];

interface RouteTally {
  failures: number;
  file: string;
  /** The one address every failure came from (its own line's), or null once two differ. */
  from: string | null;
}

/**
 * Whether a proxy in front probably strips the upgrade headers, from all the run's events: a
 * client that sent Sec-WebSocket-Key reached the server without Upgrade or Connection
 * (bad-connection-header), or every failure of a route came from one loopback or private address,
 * the proxy's, and no handshake on that route succeeded. Pure: told what succeeded at the end.
 */
export class StrippingProxyWatch {
  private stripped = 0;
  /** The inputs the stripped handshakes were read from, in order (as many as the inputs, at most). */
  private readonly strippedIn = new Set<string>();
  private readonly routes = new Map<string, RouteTally>();

  readonly observe = (event: HandshakeEvent): void => {
    if (event.cause === 'bad-connection-header') {
      this.stripped++;
      this.strippedIn.add(event.file);
    }
    if (!UPGRADE_LOST.has(event.cause) || event.path === null) return;
    const query = event.path.indexOf('?');
    const route = `${event.file}\n${query === -1 ? event.path : event.path.slice(0, query)}`;
    // Whether the one address is a proxy's (local) is asked once, at the end.
    const proxy = event.ipSource === 'line' ? event.ip : null;
    const tally = this.routes.get(route);
    if (tally === undefined) {
      if (this.routes.size < MAX_ROUTES) this.routes.set(route, { failures: 1, file: event.file, from: proxy });
      return;
    }
    tally.failures++;
    if (tally.from !== proxy) tally.from = null;
  };

  /** The notice for stderr, or null. `succeeded`: whether a handshake on the route succeeded. */
  notice(succeeded: (route: string) => boolean): string | null {
    const findings: string[] = [];
    if (this.stripped > 0) findings.push(`${this.stripped} handshake${this.stripped === 1 ? '' : 's'} reached the server without their upgrade headers (bad-connection-header) in ${this.named()}`);
    for (const [key, { failures, file, from }] of this.routes) {
      const route = key.slice(file.length + 1);
      if (from === null || failures < MIN_ROUTE_FAILURES || !isLocalAddress(from) || succeeded(route)) continue;
      findings.push(`every one of ${failures} failed handshakes on ${route} in ${file} came from ${from} and none succeeded`);
      if (findings.length > 3) break;
    }
    if (findings.length === 0) return null;
    // One line, as every warning: what was seen, then what forwards the headers.
    return `wsnoise: a proxy in front probably strips the upgrade headers: ${findings.join('; ')}. Forward them (${FORWARD_UPGRADE.join(' | ')})\n`;
  }

  private named(): string {
    const named = [...this.strippedIn].slice(0, NAMED_FILES);
    const more = this.strippedIn.size - named.length;
    return `${named.join(', ')}${more > 0 ? ` and ${more} more input${more === 1 ? '' : 's'}` : ''}`;
  }
}
