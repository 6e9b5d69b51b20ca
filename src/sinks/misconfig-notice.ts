import type { HandshakeEvent } from '../events/event.js';

/** What a misconfiguration failure most likely means, and what to check. */
const ADVICE: Record<string, string> = {
  'bad-connection-header': 'a proxy may strip "Connection: upgrade" (nginx: proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade")',
  'unsupported-version': 'clients send an old or no Sec-WebSocket-Version: check their WebSocket library',
  subprotocol: 'clients and server share no subprotocol or extension: check what each offers',
};

export const NOTICE_EVERY_MS = 60_000;

/**
 * While `filter` on a terminal removes misconfiguration failures (--drop named them), says so on stderr: at the first
 * one, then at most once a minute, with the counts since the last notice. Pure: time passed in.
 */
export class MisconfigNotice {
  private counts = new Map<string, number>();
  private lastAt = Number.NEGATIVE_INFINITY;

  /** Counts a hidden failure; returns the notice to print now, if one is due. */
  hidden(event: HandshakeEvent, now: number): string | null {
    if (event.group !== 'misconfig') return null;
    this.counts.set(event.cause, (this.counts.get(event.cause) ?? 0) + 1);
    if (now - this.lastAt < NOTICE_EVERY_MS) return null;
    this.lastAt = now;
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    const parts = [...this.counts].map(([cause, n]) => `${cause} ${n}: ${ADVICE[cause] ?? 'a configuration to check'}`);
    this.counts = new Map();
    return `wsnoise: hid ${total} misconfiguration failure${total === 1 ? '' : 's'} (${parts.join('; ')}); leave misconfig out of --drop to see them\n`;
  }
}
