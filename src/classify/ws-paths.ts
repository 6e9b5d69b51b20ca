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

  constructor(globs: readonly string[]) {
    this.globs = globs.map((g) => {
      if (!g.startsWith('/')) throw new UsageError(`--ws-path takes a path glob starting with /, such as /ws or /socket/*, not '${g}'`);
      return globToRegex(g);
    });
  }

  learn(path: string): void {
    const route = withoutQuery(path);
    if (this.learned.size < MAX_LEARNED_PATHS && !this.learned.has(route)) this.learned.add(detach(route));
  }

  /**
   * A cheap necessary condition for a line to name a known route: it holds the path (after a
   * space in access logs, a quote in JSON ones). Always true while globs are declared or many
   * routes are known.
   */
  mayBeIn(text: string): boolean {
    if (this.globs.length > 0 || this.learned.size > 16) return true;
    for (const path of this.learned) if (text.includes(path)) return true;
    return false;
  }

  /** How many routes were learned: a change of it may change what `mayBeIn` says. */
  get known(): number {
    return this.learned.size;
  }

  has(path: string): boolean {
    const p = withoutQuery(path);
    return this.learned.has(p) || this.globs.some((g) => g.test(p));
  }
}

function withoutQuery(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}
