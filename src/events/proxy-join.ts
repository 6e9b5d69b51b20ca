/**
 * The client behind a reverse proxy. An application behind a proxy logs the proxy's address
 * (or none); the proxy's access log has the client's. A failure on the application's side is
 * joined to the proxy's line for the same request: the same status, the same path when both
 * logs have one, written within a second; the nearest first, then the earliest, each proxy line
 * used once. Pure: entries in, answers out.
 */
export interface ProxyLine {
  readonly ip: string;
  /** When the proxy wrote the line (ms since the epoch). */
  readonly ms: number;
  /**
   * How long its stamp spans: 1000 when the log writes whole seconds (a line stamped 10:00:00 was
   * written in [10:00:00, 10:00:01)), 1 when it writes fractions.
   */
  readonly stampMs: number;
  readonly status: number;
  readonly path: string | null;
}

export interface ProxyRequest {
  readonly ms: number;
  readonly status: number | null;
  readonly path: string | null;
}

/** How far apart in time the two lines of one request may be. */
export const JOIN_WINDOW_MS = 1000;
/** Proxy lines kept at most (the latest); enough for a day of failures on a busy proxy, and bounded. */
export const MAX_PROXY_LINES = 200_000;
/** The longest a stamp spans: whole seconds. */
const MAX_STAMP_MS = 1000;

interface Entry extends ProxyLine {
  used: boolean;
}

export class ProxyIndex {
  private entries: Entry[] = [];
  private sorted = true;

  get size(): number {
    return this.entries.length;
  }

  /** When its first and last lines were written (ms), or null when it holds none. */
  span(): { readonly first: number; readonly last: number } | null {
    const entries = this.sortedEntries();
    const first = entries[0];
    const last = entries[entries.length - 1];
    return first === undefined || last === undefined ? null : { first: first.ms, last: last.ms + last.stampMs - 1 };
  }

  add(line: ProxyLine): void {
    const last = this.entries[this.entries.length - 1];
    if (last !== undefined && line.ms < last.ms) this.sorted = false;
    this.entries.push({ ...line, used: false });
    if (this.entries.length > 2 * MAX_PROXY_LINES) this.entries = this.sortedEntries().slice(-MAX_PROXY_LINES);
  }

  /** The client's address for a request the application failed, or null when no proxy line fits. */
  clientOf(request: ProxyRequest): string | null {
    const entries = this.sortedEntries();
    let best: Entry | null = null;
    let bestDistance = Infinity;
    for (let i = firstFrom(entries, request.ms - JOIN_WINDOW_MS - MAX_STAMP_MS); i < entries.length; i++) {
      const e = entries[i]!;
      if (e.ms > request.ms + JOIN_WINDOW_MS) break;
      if (e.used || (request.status !== null && e.status !== request.status)) continue;
      if (request.path !== null && e.path !== null && e.path !== request.path) continue;
      const distance = request.ms < e.ms ? e.ms - request.ms : Math.max(0, request.ms - (e.ms + e.stampMs - 1));
      if (distance > JOIN_WINDOW_MS || distance >= bestDistance) continue;
      best = e;
      bestDistance = distance;
    }
    if (best === null) return null;
    best.used = true;
    return best.ip;
  }

  private sortedEntries(): Entry[] {
    if (!this.sorted) {
      this.entries.sort((a, b) => a.ms - b.ms);
      this.sorted = true;
    }
    return this.entries;
  }
}

/** The index of the first entry at or after `ms`. */
function firstFrom(entries: readonly Entry[], ms: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
