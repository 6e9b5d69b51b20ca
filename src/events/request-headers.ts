import type { Cause } from '../classify/causes.js';
import type { Verdict } from '../classify/verdict.js';

/** What the request headers a conversation shows say about a failed handshake's cause. */
export interface HeaderEvidence {
  readonly cause: Cause;
  readonly detail: string | null;
}

const HOP_BY_HOP_CAUSES: ReadonlySet<Cause | null> = new Set(['bad-connection-header', 'bad-upgrade-header']);

/**
 * A client that sent Sec-WebSocket-Key or -Version meant a WebSocket handshake: when its Upgrade
 * or Connection header did not arrive, a proxy in between dropped them (hop-by-hop headers are not
 * forwarded unless configured), whatever the library's message says. A request with neither and no
 * Upgrade is a plain HTTP request. Null: the headers say nothing more than the cause already does.
 */
export function headerEvidence(verdicts: readonly Verdict[], cause: Cause): HeaderEvidence | null {
  if (cause === 'server-error' || !verdicts.some((v) => v.requestLine)) return null;
  let upgrade: string | null = null;
  let connection: string | null = null;
  let keyOrVersion: string | null = null;
  for (const v of verdicts) {
    const header = v.requestHeader;
    if (header === null) continue;
    if (header.name === 'upgrade') upgrade ??= header.value;
    else if (header.name === 'connection') connection ??= header.value;
    else if (header.name === 'sec-websocket-key' || header.name === 'sec-websocket-version') keyOrVersion ??= header.name;
  }
  const asksUpgrade = connection !== null && connection.split(',').some((t) => t.trim() === 'upgrade');
  if (keyOrVersion !== null && (upgrade === null || !asksUpgrade)) {
    const missing = upgrade === null ? 'no Upgrade header' : connection === null ? 'no Connection header' : `Connection: ${connection}`;
    return { cause: 'bad-connection-header', detail: `${canonical(keyOrVersion)} sent with ${missing}: a proxy in front dropped the upgrade headers` };
  }
  if (upgrade === null && keyOrVersion === null && HOP_BY_HOP_CAUSES.has(cause)) return { cause: 'not-websocket', detail: null };
  return null;
}

function canonical(name: string): string {
  return name === 'sec-websocket-key' ? 'Sec-WebSocket-Key' : 'Sec-WebSocket-Version';
}
