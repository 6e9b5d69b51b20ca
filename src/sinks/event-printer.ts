import type { HandshakeEvent, Release } from '../events/event.js';
import type { Sink } from './sink.js';
import { eventRanges, startsEvent } from '../events/event.js';
import { parseLogTime } from '../classify/time.js';
import { safeJson } from '../render/escape.js';

/** The JSON object `classify` prints for one event; the field order is the documented one. */
export function eventJson(event: HandshakeEvent, zone: string): Record<string, unknown> {
  return {
    cause: event.cause,
    group: event.group,
    status: event.status,
    ip: event.ip,
    port: event.port,
    ip_source: event.ipSource,
    time: parseLogTime(event.time, zone),
    stack: event.stack,
    rule: event.rule,
    detail: event.detail,
    file: event.file,
    ranges: eventRanges(event),
    ...(event.source !== null && { source: event.source }),
  };
}

/** `classify`: one JSON line per event, printed when its last record is in. */
export class EventPrinter implements Sink {
  private out: string[] = [];

  constructor(private readonly zone: string) {}

  accept(releases: readonly Release[]): void {
    for (const release of releases) {
      if (startsEvent(release)) this.out.push(safeJson(eventJson(release.event, this.zone)));
    }
  }

  acceptPlain(): void {}

  acceptQuiet(): void {}

  take(): Buffer | null {
    if (this.out.length === 0) return null;
    const text = `${this.out.join('\n')}\n`;
    this.out = [];
    return Buffer.from(text);
  }

  finish(): Buffer | null {
    return null;
  }
}
