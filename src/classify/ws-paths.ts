import { UsageError } from '../errors.js';
import { detach } from '../detach.js';

/** At most this many routes are learned from the stream, so memory stays bounded. */
export const MAX_LEARNED_PATHS = 1000;

function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/**
 * The WebSocket routes: declared with --ws-path GLOB, or learned from handshake lines seen earlier
 * in the stream (`"WebSocket /ws" [accepted]`, a 101 on `GET /ws`). A plain request to one of
 * them is a failed WebSocket handshake, not an ordinary 404.
 */
export class WsPaths {
  private readonly globs: RegExp[];
  private readonly learned = new Set<string>();
  private readonly upgraded = new Set<string>();

  constructor(globs: readonly string[]) {
    this.globs = globs.map((g) => {
      if (!g.startsWith('/')) throw new UsageError(`--ws-path takes a path glob starting with /, such as /ws or /socket/*, not '${g}'`);
      return globToRegex(g);
    });
  }

  /** A route a handshake line named; `upgraded`: that handshake succeeded there. */
  learn(path: string, upgraded = false): void {
    const route = withoutQuery(path);
    if (this.learned.size < MAX_LEARNED_PATHS && !this.learned.has(route)) this.learned.add(detach(route));
    if (upgraded && this.upgraded.size < MAX_LEARNED_PATHS && !this.upgraded.has(route)) this.upgraded.add(detach(route));
  }

  /** Whether a handshake on the route was seen to succeed. */
  succeeded(path: string): boolean {
    return this.upgraded.has(withoutQuery(path));
  }

  /**
   * A cheap necessary condition for a line to name a known route: it holds the path (after a
   * space in access logs, a quote in JSON ones). Always true while globs are declared or many
   * routes are known.
   */
  mayBeIn(text: string): boolean {
    if (this.globs.length > 0 || this.learned.size > 16 || mayHoldWebSocketPath(text)) return true;
    for (const path of this.learned) if (text.includes(path)) return true;
    return false;
  }

  /** The routes learned, for --state: the next run knows them from its first line. */
  get routes(): readonly string[] {
    return [...this.learned];
  }

  /** The routes a handshake succeeded on, for --state. */
  get upgradedRoutes(): readonly string[] {
    return [...this.upgraded];
  }

  /** How many routes were learned: a change of it may change what `mayBeIn` says. */
  get known(): number {
    return this.learned.size;
  }

  has(path: string): boolean {
    const p = withoutQuery(path);
    return this.learned.has(p) || this.globs.some((g) => g.test(p)) || saysWebSocket(path);
  }
}

/** Whether a line may hold a path that says WebSocket by itself (see saysWebSocket), in two short searches. */
function mayHoldWebSocketPath(text: string): boolean {
  return text.includes('ocket') || text.includes('/cable');
}

/**
 * A path that is a WebSocket endpoint by its framework's own spelling, whatever the server
 * learned: socket.io's and SignalR's `transport=websocket` query, Phoenix's and SockJS's
 * `…/websocket`, Action Cable's `/cable`. A path that merely looks like one (`/ws`) is not.
 */
export function saysWebSocket(path: string): boolean {
  const q = path.indexOf('?');
  const route = q === -1 ? path : path.slice(0, q);
  if (route.endsWith('/websocket') || route === '/cable' || route.endsWith('/cable')) return true;
  return q !== -1 && /(?:^|&)transport=websocket(?:s)?(?:&|$)/i.test(path.slice(q + 1));
}

function withoutQuery(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}
