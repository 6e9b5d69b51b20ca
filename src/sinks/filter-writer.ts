import type { HandshakeEvent, Release } from '../events/event.js';
import type { Line } from '../records/line.js';
import type { LogRecord } from '../records/record.js';
import type { RemovePolicy } from './remove-policy.js';
import type { Sink } from './sink.js';
import { ByteCollector } from './byte-collector.js';
import { eventLineCount } from '../events/event.js';
import { lineEnding } from '../records/line.js';
import { removes } from './remove-policy.js';

export interface FilterMode {
  readonly policy: RemovePolicy;
  /** Write only what would be removed. */
  readonly only: boolean;
  /** Write each removed event as its first line plus ` [wsnoise cause=… ip=… lines=N]`. */
  readonly collapse: boolean;
}

/** Writes the input byte for byte, less the events the policy removes. */
export class FilterWriter implements Sink {
  private readonly out = new ByteCollector();

  constructor(
    private readonly mode: FilterMode,
    private readonly onEvent: (event: HandshakeEvent) => void = () => {},
  ) {}

  accept(releases: readonly Release[]): void {
    const { only, collapse, policy } = this.mode;
    for (const { record, event } of releases) {
      const removed = event !== null && removes(policy, event);
      const firstOfEvent = event !== null && event.records[0] === record;
      if (firstOfEvent) this.onEvent(event);
      if (!removed) {
        if (!only) for (const line of record.lines) this.out.addLine(line);
      } else if (collapse) {
        if (firstOfEvent) this.out.addBytes(collapsedLine(record.lines[0]!, event));
      } else if (only) {
        for (const line of record.lines) this.out.addLine(line);
      }
    }
  }

  acceptPlain(record: LogRecord): void {
    if (!this.mode.only) for (const line of record.lines) this.out.addLine(line);
  }

  take(): Buffer | null {
    return this.out.take();
  }

  finish(): Buffer | null {
    return null;
  }
}

/** The event's first line with its verdict before the line's own ending. */
function collapsedLine(line: Line, event: HandshakeEvent): Buffer {
  const ending = lineEnding(line);
  const content = line.chunk.subarray(line.start, line.end - ending.length);
  const note = ` [wsnoise cause=${event.cause} ip=${event.ip ?? '-'} lines=${eventLineCount(event)}]${ending}`;
  return Buffer.concat([content, Buffer.from(note)]);
}
