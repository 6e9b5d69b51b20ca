import type { Release } from '../events/event.js';
import type { Sink } from './sink.js';
import type { SummaryAggregator } from './summary.js';
import type { Rates } from './rates.js';

/** `summary` on a live stream: counts every event, and when it came, for rates and sparklines. */
export class LiveSummarySink implements Sink {
  constructor(
    private readonly aggregator: SummaryAggregator,
    private readonly rates: Rates,
    private readonly now: () => number,
    private readonly last: () => string,
  ) {}

  accept(releases: readonly Release[]): void {
    for (const { record, event } of releases) {
      if (event === null || event.records[0] !== record) continue;
      this.aggregator.add(event);
      const now = this.now();
      this.rates.add(`cause ${event.cause}`, now);
      if (event.ip !== null) this.rates.add(`ip ${event.ip}`, now);
    }
  }

  acceptPlain(): void {}

  take(): Buffer | null {
    return null;
  }

  finish(): Buffer | null {
    return Buffer.from(this.last());
  }
}
