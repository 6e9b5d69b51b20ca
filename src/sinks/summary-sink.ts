import type { Release } from '../events/event.js';
import type { Sink } from './sink.js';
import type { SummaryAggregator, SummarySnapshot } from './summary.js';

/** `summary`: counts every event; the rendering comes once, after the last input. */
export class SummarySink implements Sink {
  constructor(
    private readonly aggregator: SummaryAggregator,
    private readonly render: (snapshot: SummarySnapshot) => string,
  ) {}

  accept(releases: readonly Release[]): void {
    for (const { record, event } of releases) {
      if (event !== null && event.records[0] === record) this.aggregator.add(event);
    }
  }

  acceptPlain(): void {}

  take(): Buffer | null {
    return null;
  }

  finish(): Buffer | null {
    return Buffer.from(this.render(this.aggregator.snapshot()));
  }
}
