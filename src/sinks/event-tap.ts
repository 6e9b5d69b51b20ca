import type { HandshakeEvent, Release } from '../events/event.js';
import type { LogRecord } from '../records/record.js';
import type { Sink } from './sink.js';
import type { QuietRun } from '../records/split-lines.js';
import { startsEvent } from '../events/event.js';

/** Shows each event once, at its first record, to observers on its way to another sink. */
export class EventTap implements Sink {
  readonly acceptQuiet?: (run: QuietRun) => void;

  constructor(
    private readonly inner: Sink,
    private readonly observers: readonly ((event: HandshakeEvent) => void)[],
  ) {
    if (inner.acceptQuiet) this.acceptQuiet = inner.acceptQuiet.bind(inner);
  }

  startFile(name: string): void {
    this.inner.startFile?.(name);
  }

  accept(releases: readonly Release[]): void {
    for (const release of releases) if (startsEvent(release)) for (const observe of this.observers) observe(release.event);
    this.inner.accept(releases);
  }

  acceptPlain(record: LogRecord): void {
    this.inner.acceptPlain(record);
  }

  skip(record: LogRecord): void {
    this.inner.skip?.(record);
  }

  take(): Buffer | readonly Buffer[] | null {
    return this.inner.take();
  }

  written(): void {
    this.inner.written?.();
  }

  finish(): Buffer | null {
    return this.inner.finish();
  }
}

/** Events by cause, group and in total (for --fail-on). */
export class EventCounts {
  readonly counts = new Map<string, number>();

  readonly observe = (event: HandshakeEvent): void => {
    for (const key of [event.cause, event.group, 'total']) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  };
}
