import type { HandshakeEvent, Release } from '../events/event.js';
import type { Sink } from './sink.js';
import type { SummaryAggregator } from './summary.js';
import { startsEvent } from '../events/event.js';

/**
 * `summary` (and `blocklist`): counts every event, and renders once after the last input.
 * `observe` sees each event too (the live view keeps its rates with it).
 */
export class SummarySink implements Sink {
  constructor(
    private readonly aggregator: SummaryAggregator,
    private readonly render: () => string,
    private readonly observe: (event: HandshakeEvent) => void = () => {},
  ) {}

  accept(releases: readonly Release[]): void {
    for (const release of releases) {
      if (!startsEvent(release)) continue;
      this.aggregator.add(release.event);
      this.observe(release.event);
    }
  }

  acceptPlain(): void {}

  acceptQuiet(): void {}

  take(): Buffer | null {
    return null;
  }

  finish(): Buffer | null {
    return Buffer.from(this.render());
  }
}
