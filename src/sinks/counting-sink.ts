import type { Release } from '../events/event.js';
import type { LogRecord } from '../records/record.js';
import type { Sink } from './sink.js';
import type { QuietRun } from '../records/split-lines.js';
import { startsEvent } from '../events/event.js';

/** Counts events by cause, group and in total on their way to another sink (for --fail-on). */
export class CountingSink implements Sink {
  readonly counts = new Map<string, number>();
  readonly acceptQuiet?: (run: QuietRun) => void;

  constructor(private readonly inner: Sink) {
    if (inner.acceptQuiet) this.acceptQuiet = inner.acceptQuiet.bind(inner);
  }

  startFile(name: string): void {
    this.inner.startFile?.(name);
  }

  accept(releases: readonly Release[]): void {
    for (const release of releases) {
      if (!startsEvent(release)) continue;
      const { cause, group } = release.event;
      for (const key of [cause, group, 'total']) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
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
