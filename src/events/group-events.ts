import type { Verdict } from '../classify/verdict.js';
import type { LogRecord } from '../records/record.js';
import type { Release } from './event.js';

/** Groups one failure's records into one event; pure, time passed in. */
export interface EventGrouper {
  push(record: LogRecord, verdict: Verdict | null, now: number): Release[];
  /** Releases what has waited `flushMs` (everything when `now` is Infinity). */
  flush(now: number): Release[];
  readonly pending: boolean;
}

export function passThroughGrouper(): EventGrouper {
  return {
    push: (record) => [{ record, event: null }],
    flush: () => [],
    pending: false,
  };
}
