import type { Release } from '../events/event.js';
import type { Sink } from './sink.js';
import { ByteCollector } from './byte-collector.js';

/** Decides, for a record that belongs to a failure event, whether it is removed. */
export type RemovePolicy = (release: Release) => boolean;

/** Writes every record it is not told to remove, byte for byte. */
export class FilterWriter implements Sink {
  private readonly out = new ByteCollector();

  constructor(private readonly removes: RemovePolicy) {}

  accept(releases: readonly Release[]): void {
    for (const release of releases) {
      if (release.event !== null && this.removes(release)) continue;
      for (const line of release.record.lines) this.out.addLine(line);
    }
  }

  take(): Buffer | null {
    return this.out.take();
  }

  finish(): Buffer | null {
    return null;
  }
}
